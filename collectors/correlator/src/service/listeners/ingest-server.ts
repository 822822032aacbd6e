import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { Readable } from 'node:stream';
import { installErrorHandler } from '../../http/error-handler';
import { HttpError, SERVICE_UNAVAILABLE } from '../../http/errors';
import { encodeStatus } from '../../receivers/otlp/protobuf/codec';
import { refusalReason } from '../../receivers/vocabulary';
import type { ReceiverHost } from '../../receivers/host';
import type { IngestContext } from './admission';
import { withBody } from './admission';
import { capConnectionsPerClient } from './connections';
import { listenerOptions } from './http-options';
import { registerEventsReceiver } from '../../receivers/events/http';
import { registerLogsReceiver } from '../../receivers/otlp/http/logs';
import { registerMetricsReceiver } from '../../receivers/otlp/http/metrics';
import { receiverOf } from '../../receivers/receiver-of';

/** gRPC status codes OTLP/HTTP error bodies carry (google.rpc.Status.code), by HTTP status. */
const GRPC_CODE: Record<number, number> = {
  400: 3,
  404: 5,
  408: 4,
  413: 8,
  414: 3,
  415: 3,
  429: 8,
  431: 8,
  500: 13,
  503: 14,
};

/**
 * The ingest server: OTLP/HTTP metrics and logs, and raw security events. Bodies are never parsed by fastify:
 * every content type hands the raw stream to the route, which reads it with the decompressed-size limit and
 * the in-flight byte budget (so a gzip bomb or a flood of uploads costs bounded memory).
 */
export function createOtlpServer(context: IngestContext): FastifyInstance {
  const app = Fastify({
    ...listenerOptions(context.limits, (status, message) => ({
      type: 'application/json',
      body: JSON.stringify({ code: GRPC_CODE[status] ?? 2, message }),
    })),
    return503OnClosing: true,
  });
  capConnectionsPerClient(app.server, context.limits.max_connections_per_client, context.limits.retry_after_seconds);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  installErrorHandler(app, {
    log: context.log,
    write: writeError,
    onRefused: (request, status) => {
      discardBody(request);
      const receiver = receiverOf(request);
      if (receiver !== undefined) context.metrics.refuse(receiver, refusalReason(status));
    },
  });
  const host = receiverHost(context);
  registerMetricsReceiver(app, host);
  registerLogsReceiver(app, host);
  registerEventsReceiver(app, host);
  return app;
}

/** OTLP error bodies are a google.rpc.Status, in protobuf for protobuf requests and in JSON otherwise. */
function writeError(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const code = GRPC_CODE[status] ?? 2;
  // A body left unread (refused before or while reading it) is not waited for: the connection closes after the answer.
  const body = request.body;
  if (body instanceof Readable && !body.readableEnded) void reply.header('connection', 'close');
  const protobuf = (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-protobuf');
  if (protobuf) {
    return reply.code(status).type('application/x-protobuf').send(encodeStatus(code, message));
  }
  return reply.code(status).type('application/json').send({ code, message });
}

/** A refused request's unread upload is discarded, so the connection can carry the next request. */
function discardBody(request: FastifyRequest): void {
  const body = request.body;
  if (body instanceof Readable && !body.readableEnded) body.resume();
}

/** The service as its receivers see it: admission, the pipeline as next consumer, the ingest counters. */
function receiverHost(context: IngestContext): ReceiverHost {
  const { pipeline, metrics } = context;
  return {
    withBody: (request, use) => withBody(context, request, use),
    consume: (observations) => pipeline.ingest(observations),
    written: async () => {
      if (await pipeline.writer.written()) return;
      // What this request produced is queued and will be stored once the store is back, but it is not stored now:
      // the sender must not take it as acknowledged.
      throw new HttpError(
        SERVICE_UNAVAILABLE,
        `${pipeline.writer.unavailable?.message ?? 'the incident store cannot write'}; retry later`,
        context.limits.retry_after_seconds,
      );
    },
    newestDataTime: () => pipeline.newestDataTime,
    now: () => context.getNow(),
    everyTick: (task) => context.ticks.push(task),
    count: (receiver, tally) => metrics.count(receiver, tally),
    maxLinesPerRequest: context.limits.max_lines_per_request,
    timeWindows: { maxFutureMs: pipeline.maxFutureMs, maxPastMs: pipeline.engine.options.maxPastMs },
  };
}
