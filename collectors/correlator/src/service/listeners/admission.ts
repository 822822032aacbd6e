import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Config } from '../config/schema';
import { readBody } from './body';
import { HttpError, SERVICE_UNAVAILABLE } from '../../http/errors';
import type { InFlightBytes } from './in-flight';
import type { Pipeline } from '../pipeline/pipeline';
import type { IngestMetrics } from '../../exporters/prometheus/ingest-metrics';
import type { Logger } from '../log';

/** What every receiver needs. */
export interface IngestContext {
  pipeline: Pipeline;
  metrics: IngestMetrics;
  limits: Config['limits'];
  inFlight: InFlightBytes;
  /** Set on shutdown: new ingest requests get 503 while the service drains. */
  lifecycle: { draining: boolean };
  log: Logger;
}

/**
 * Admits a request (503 while draining, when the store cannot commit or is behind, 429 past the in-flight byte
 * budget), reads
 * its body (decompressed, at most max_body_bytes) and runs `use` on it; the body's bytes count against the
 * budget until `use` finishes.
 */
export async function withBody<T>(
  context: IngestContext,
  request: FastifyRequest,
  use: (body: Buffer) => Promise<T> | T,
): Promise<T> {
  const { limits, lifecycle, pipeline, inFlight } = context;
  if (lifecycle.draining) {
    throw new HttpError(SERVICE_UNAVAILABLE, 'the service is shutting down; retry later', limits.retry_after_seconds);
  }
  const unavailable = pipeline.writer.unavailable;
  if (unavailable !== undefined) {
    throw new HttpError(SERVICE_UNAVAILABLE, `${unavailable}; retry later`, limits.retry_after_seconds);
  }
  if (pipeline.writer.backlog > limits.max_pending_store_writes) {
    throw new HttpError(
      SERVICE_UNAVAILABLE,
      `the incident store is ${pipeline.writer.backlog} writes behind; retry later`,
      limits.retry_after_seconds,
    );
  }
  const declared = Number(request.headers['content-length']);
  let held = Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, limits.max_body_bytes) : 0;
  inFlight.admit(held);
  try {
    const stream = request.body as Readable | undefined;
    let read = 0;
    const body =
      stream === undefined
        ? Buffer.alloc(0)
        : await readBody(stream, header(request, 'content-encoding'), limits.max_body_bytes, (delta) => {
            read += delta;
            if (read > held) {
              inFlight.add(read - held);
              held = read;
            }
          });
    return await use(body);
  } finally {
    inFlight.release(held);
  }
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
