import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { Config } from '../config/schema';
import { readBody } from './body';
import { HttpError, PAYLOAD_TOO_LARGE, SERVICE_UNAVAILABLE } from '../../http/errors';
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
  /** The service's wall clock (epoch ms). */
  getNow: () => number;
  /** Receivers' periodic work (receivers/host.ts `everyTick`): the service runs it on each tick and on shutdown. */
  ticks: Array<(now: number) => void>;
}

/**
 * A gzip body can be larger than what it inflates to only by its framing (a few bytes per 16 KiB block): a
 * declared length past this is over the limit whatever the encoding.
 */
function declaredLimit(maxBodyBytes: number, encoding: string | undefined): number {
  return encoding === undefined || encoding.trim().toLowerCase() === 'identity'
    ? maxBodyBytes
    : Math.ceil(maxBodyBytes * 1.001) + 1024;
}

/**
 * Admits a request (503 while draining, when the store cannot commit or is behind, 413 when its declared length is over the
 * limit, 429 while the in-flight byte budget is spent), reads its body (decompressed, at most max_body_bytes,
 * charged to the budget as it arrives) and runs `use` on it; the body's bytes count against the budget until `use`
 * finishes.
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
    throw new HttpError(SERVICE_UNAVAILABLE, `${unavailable.message}; retry later`, limits.retry_after_seconds);
  }
  if (pipeline.writer.backlog > limits.max_pending_store_writes) {
    throw new HttpError(
      SERVICE_UNAVAILABLE,
      `the incident store is ${pipeline.writer.backlog} writes behind; retry later`,
      limits.retry_after_seconds,
    );
  }
  const encoding = header(request, 'content-encoding');
  const declared = Number(request.headers['content-length']);
  if (Number.isSafeInteger(declared) && declared > declaredLimit(limits.max_body_bytes, encoding)) {
    throw new HttpError(
      PAYLOAD_TOO_LARGE,
      `Content-Length ${declared} is larger than the ${limits.max_body_bytes} bytes a body may have`,
    );
  }
  inFlight.admit();
  let held = 0;
  try {
    const stream = request.body as Readable | undefined;
    const body =
      stream === undefined
        ? Buffer.alloc(0)
        : await readBody(stream, encoding, {
            maxBytes: limits.max_body_bytes,
            idleTimeoutMs: limits.body_idle_timeout_ms,
            onBytes: (delta) => {
              inFlight.add(delta);
              held += delta;
            },
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
