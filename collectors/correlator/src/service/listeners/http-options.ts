import type { FastifyServerOptions } from 'fastify';
import { createServer } from 'node:http';
import type { Config } from '../config/schema';
import type { ErrorBody, FixedHeaders } from '../../http/client-errors';
import { clientErrorHandler, frameworkErrorHandler } from '../../http/client-errors';

/** Node checks its request and header deadlines this often at most: the deadlines hold to within it. */
const MAX_CHECK_INTERVAL_MS = 1_000;

/**
 * Options both listeners share: Node's header and request deadlines (408 past them), the cap on open
 * connections, and refusals Node or fastify write before a route runs (400, 408, 414, 431) in the listener's own
 * error shape with its fixed headers.
 */
export function listenerOptions(
  limits: Config['limits'],
  write: ErrorBody,
  headers: FixedHeaders = {},
): FastifyServerOptions {
  const headersTimeout = Math.min(limits.header_timeout_ms, limits.request_timeout_ms);
  return {
    logger: false,
    forceCloseConnections: 'idle',
    serverFactory: (handler) => {
      const server = createServer(
        {
          headersTimeout,
          requestTimeout: limits.request_timeout_ms,
          connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, Math.ceil(headersTimeout / 4)),
        },
        handler,
      );
      server.maxConnections = limits.max_connections;
      return server;
    },
    clientErrorHandler: clientErrorHandler(write, headers),
    frameworkErrors: frameworkErrorHandler(write, headers),
  };
}
