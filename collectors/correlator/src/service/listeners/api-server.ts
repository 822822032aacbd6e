import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import type { Registry } from 'prom-client';
import type { Logger } from '../log';
import { installErrorHandler } from '../../http/error-handler';
import type { Config } from '../config/schema';
import { listenerOptions } from './http-options';

/** What the query API promises on every answer (docs/api.md), refusals written before routing included. */
const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Registers more routes on the API server (the query API, `registerQueryApi` in src/api). */
export type RouteRegistrar = (app: FastifyInstance) => void | Promise<void>;

export interface ApiServerOptions {
  registry: Registry;
  /**
   * Why the service should not be sent traffic now (draining, the store cannot commit), or undefined when it is
   * ready: `/readyz` answers 503 with the reason so load balancers stop sending and people see why.
   */
  notReady: () => string | undefined;
  log: Logger;
  routes?: RouteRegistrar;
  limits: Config['limits'];
}

/** The API listener: `/metrics` (Prometheus text), `/healthz`, `/readyz`, and whatever `routes` adds. */
export async function createApiServer(options: ApiServerOptions): Promise<FastifyInstance> {
  const app = Fastify(
    listenerOptions(
      options.limits,
      (_status, message) => ({ type: 'application/json', body: JSON.stringify({ error: message }) }),
      API_HEADERS,
    ),
  );
  installErrorHandler(app, {
    log: options.log,
    write: (_request, reply, status, message) => reply.code(status).type('application/json').send({ error: message }),
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(text);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const reason = options.notReady();
    return reason === undefined ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', reason });
  });
  if (options.routes) await options.routes(app);
  return app;
}
