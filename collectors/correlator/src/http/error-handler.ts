import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE, NOT_FOUND } from './errors';

/** How an error answer is written for one protocol: status and a sentence for the client. */
export type ErrorWriter = (request: FastifyRequest, reply: FastifyReply, status: number, message: string) => unknown;

/** Where faults are reported; the service's Logger fits. */
export type FaultLog = (level: 'error', message: string, fields: Record<string, string>) => void;

export interface ErrorHandlerOptions {
  /** Without it, fastify's request logger (silent when the app has `logger: false`). */
  log?: FaultLog;
  write: ErrorWriter;
  /** Called for every refused request (metrics). */
  onRefused?: (request: FastifyRequest, status: number) => void;
  /** Errors of lower layers that are the client's fault (a bad cursor), as the HttpError to answer with. */
  translate?: (error: unknown) => HttpError | undefined;
  /** The sentence for a path with no route. */
  notFound?: (request: FastifyRequest) => string;
}

/** Longest framework error message passed through to a client. */
const MAX_MESSAGE = 200;

/**
 * One place that turns errors into answers, for the ingest listener and the query API. HttpError carries its own
 * status and message; fastify's own client errors (a malformed header, an unknown content type) keep their 4xx
 * status; anything else is a fault, logged and answered 500 with INTERNAL_ERROR_MESSAGE — never a stack trace or an
 * internal message.
 */
export function installErrorHandler(app: FastifyInstance, options: ErrorHandlerOptions): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    let status = INTERNAL_ERROR;
    let message = INTERNAL_ERROR_MESSAGE;
    const known = error instanceof HttpError ? error : options.translate?.(error);
    if (known !== undefined) {
      status = known.statusCode;
      message = known.message;
      if (known.retryAfterSeconds !== undefined) void reply.header('retry-after', String(known.retryAfterSeconds));
    } else if (isClientError(error)) {
      status = (error as FastifyError).statusCode as number;
      message = error.message.slice(0, MAX_MESSAGE);
    } else {
      // The route's pattern, not the URL: nothing the client wrote goes into the log line.
      const fields = { method: request.method, route: request.routeOptions.url ?? '', error: describe(error) };
      if (options.log) options.log('error', 'request failed', fields);
      else request.log.error({ err: error, ...fields }, 'request failed');
    }
    options.onRefused?.(request, status);
    return options.write(request, reply, status, message);
  });
  const notFound =
    options.notFound ?? ((request) => `no route for ${request.method} ${request.url.split('?')[0]?.slice(0, 100)}`);
  app.setNotFoundHandler((request, reply) => options.write(request, reply, NOT_FOUND, notFound(request)));
}

function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
