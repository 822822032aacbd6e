import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../service/log';
import { HttpError } from './errors';

/** How an error answer is written: status, message (a sentence for the client) and the request it answers. */
export type ErrorWriter = (request: FastifyRequest, reply: FastifyReply, status: number, message: string) => unknown;

export interface ErrorHandlerOptions {
  log: Logger;
  write: ErrorWriter;
  /** Called for every refused request (metrics). */
  onRefused?: (request: FastifyRequest, status: number) => void;
}

const INTERNAL_ERROR = 500;

/**
 * One place that turns errors into answers. HttpError carries its own status and message; fastify's own
 * client errors (a malformed header, an unknown content type) keep their 4xx status; anything else is a bug,
 * logged and answered 500 with a fixed message — never a stack trace or an internal message.
 */
export function installErrorHandler(app: FastifyInstance, options: ErrorHandlerOptions): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    let status = INTERNAL_ERROR;
    let message = 'internal error; the service logged the cause';
    if (error instanceof HttpError) {
      status = error.statusCode;
      message = error.message;
      if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
    } else if (isClientError(error)) {
      status = (error as FastifyError).statusCode as number;
      message = error.message;
    } else {
      options.log('error', 'request failed', { method: request.method, url: request.url, error: describe(error) });
    }
    options.onRefused?.(request, status);
    return options.write(request, reply, status, message);
  });
  app.setNotFoundHandler((request, reply) =>
    options.write(request, reply, 404, `no route for ${request.method} ${request.url.split('?')[0]?.slice(0, 100)}`),
  );
}

function isClientError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
