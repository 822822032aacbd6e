import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireBearer } from './auth';
import type { QueryApiDeps } from './deps';
import { installErrorHandler } from '../http/error-handler';
import { BAD_REQUEST, HttpError, METHOD_NOT_ALLOWED, SERVICE_UNAVAILABLE } from '../http/errors';
import { InvalidCursorError } from '../exporters/store/cursor';
import { TooManyBucketsError } from '../exporters/store/kpis';
import { isStoreUnavailable } from '../exporters/store/unavailable';
import { safeJson } from './json';
import { API_PREFIX, buildOpenApi, OPENAPI_PATH } from './openapi';
import { ROUTES } from './routes';

/** Methods answered with 405: the API is read-only. HEAD is served alongside every GET. */
const REFUSED_METHODS = ['DELETE', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'] as const;
const ALLOW = 'GET, HEAD';
/** Seconds a client is asked to wait when the store cannot answer (a shared database restarting). */
const STORE_RETRY_AFTER_SECONDS = 5;

/** `/incidents/{id}` (OpenAPI) → `/incidents/:id` (fastify). */
const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Registers the read-only query API under `/api/v1` in its own encapsulated context: its auth hook, headers,
 * error and not-found handlers apply to these routes only, never to the listener's /metrics or health checks.
 */
export async function registerQueryApi(app: FastifyInstance, deps: QueryApiDeps): Promise<void> {
  const openapi = buildOpenApi(ROUTES);
  const openapiUrl = `${API_PREFIX}${OPENAPI_PATH}`;
  await app.register(
    async (api) => {
      api.addHook('onSend', async (_request, reply) => {
        // Query results change as incidents update; a cached copy would show a stale incident as current.
        reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
      });
      if (deps.token !== undefined && deps.token !== '') {
        api.addHook(
          'onRequest',
          requireBearer(deps.token, (request) => request.routeOptions.url === openapiUrl),
        );
      }
      api.setReplySerializer(safeJson);
      installErrorHandler(api, {
        log: deps.log,
        // Every failure as { error: "<sentence>" }.
        write: (_request, reply, status, message) => reply.code(status).send({ error: message }),
        translate: storeRefusal,
        notFound: (request) =>
          `There is no route ${request.method} ${request.url.split('?')[0]?.slice(0, 100)}; see ${openapiUrl}.`,
      });

      const paths = [...ROUTES.map((route) => route.path), OPENAPI_PATH].map(fastifyPath);
      for (const route of ROUTES) {
        api.get(fastifyPath(route.path), { exposeHeadRoute: true }, (request) =>
          route.run({ query: request.query, params: request.params }, deps),
        );
      }
      api.get(OPENAPI_PATH, { exposeHeadRoute: true }, async () => openapi);
      for (const url of paths)
        api.route({ method: [...REFUSED_METHODS], url, onRequest: refuseMethod, handler: refuseMethod });
    },
    { prefix: API_PREFIX },
  );
}

/** Runs before the body is parsed, so a POST of any content type gets 405 rather than 415. */
async function refuseMethod(request: FastifyRequest, reply: FastifyReply): Promise<never> {
  reply.header('allow', ALLOW);
  throw new HttpError(METHOD_NOT_ALLOWED, `This API is read-only: ${request.method} is not allowed here; use GET.`);
}

/**
 * The store's refusals of a query (a cursor it did not issue, too many KPI buckets) are the client's: 400. A store
 * that cannot answer now (its database unreachable, its disk failing) is a 503 with Retry-After, not a fault of the correlator.
 */
function storeRefusal(error: unknown): HttpError | undefined {
  if (error instanceof InvalidCursorError || error instanceof TooManyBucketsError) {
    return new HttpError(BAD_REQUEST, error.message);
  }
  if (isStoreUnavailable(error)) {
    return new HttpError(
      SERVICE_UNAVAILABLE,
      'The incident store cannot answer now; retry later.',
      STORE_RETRY_AFTER_SECONDS,
    );
  }
  return undefined;
}
