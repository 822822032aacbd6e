import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCursorError } from '../exporters/store/cursor';
import { TooManyBucketsError } from '../exporters/store/kpis';
import type { QueryApiDeps } from './deps';
import { ApiError } from './errors';

/** Longest framework error message passed through to a client. */
const MAX_MESSAGE = 200;

/**
 * Every failure as `{ error: "<sentence>" }`. Bad input is always a 4xx naming what was wrong; only a fault
 * inside the correlator is a 500, and its details go to the log, not to the client.
 */
export const errorReplier =
  (log: QueryApiDeps['log']) =>
  (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send({ error: error.message });
    if (error instanceof InvalidCursorError || error instanceof TooManyBucketsError) {
      return reply.code(400).send({ error: error.message });
    }
    // The framework's own refusals (unsupported media type, body too large, bad URL encoding) are the client's.
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.message.slice(0, MAX_MESSAGE) });
    }
    if (log) log('error', 'query API request failed', { route: request.routeOptions.url ?? '', error: String(error) });
    else request.log.error({ err: error }, 'query API request failed');
    return reply.code(500).send({ error: 'The query failed inside the correlator; its log has the details.' });
  };
