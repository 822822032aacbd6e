import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { Config } from '../config/schema';
import { ConfigSchema, DEFAULT_CONFIG } from '../config/schema';
import { HttpError } from '../../http/errors';
import { InFlightBytes } from './in-flight';
import type { Pipeline } from '../pipeline/pipeline';
import type { IngestMetrics } from '../../exporters/prometheus/ingest-metrics';
import { silentLogger } from '../log';
import type { IngestContext } from './admission';
import { withBody } from './admission';

const limits: Config['limits'] = ConfigSchema.parse(DEFAULT_CONFIG).limits;

function context(backlog: number, draining: boolean, inFlight = new InFlightBytes(100, 4)): IngestContext {
  return {
    pipeline: { writer: { backlog, unavailable: undefined } } as unknown as Pipeline,
    metrics: {} as IngestMetrics,
    limits: { ...limits, max_pending_store_writes: 10, retry_after_seconds: 4 },
    inFlight,
    lifecycle: { draining },
    log: silentLogger,
    getNow: Date.now,
    ticks: [],
  };
}

function request(body: string): FastifyRequest {
  return {
    headers: { 'content-length': String(body.length) },
    body: Readable.from([Buffer.from(body)]),
  } as unknown as FastifyRequest;
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('expected a refusal');
}

test('while draining, ingest is refused with 503 and Retry-After before the body is read', async () => {
  const error = await refusal(withBody(context(0, true), request('x'), () => 'used'));
  expect([error.statusCode, error.retryAfterSeconds]).toEqual([503, 4]);
  expect(error.message).toMatch(/shutting down/);
});

test('a store backlog over the limit is a 503; at the limit the request is read', async () => {
  expect((await refusal(withBody(context(11, false), request('x'), () => 'used'))).statusCode).toBe(503);
  await expect(withBody(context(10, false), request('abc'), (body) => body.toString())).resolves.toBe('abc');
});

test('the in-flight budget is held while the body is used and released after, even when use throws', async () => {
  const inFlight = new InFlightBytes(100, 4);
  const ctx = context(0, false, inFlight);
  await withBody(ctx, request('x'.repeat(60)), () => {
    expect(inFlight.bytes).toBe(60);
  });
  expect(inFlight.bytes).toBe(0);
  await expect(
    withBody(ctx, request('x'.repeat(60)), () => {
      throw new Error('decoder bug');
    }),
  ).rejects.toThrow('decoder bug');
  expect(inFlight.bytes).toBe(0);
});
