import type { z } from 'zod';
import type { QueryApiDeps } from './deps';
import { parseQuery } from './query';

/**
 * One GET route of the query API, described once: the plugin registers it and the OpenAPI document is
 * generated from the same description, so the two cannot drift apart.
 */
export interface ApiRoute {
  /** OpenAPI path template under the API prefix, e.g. `/incidents/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: z.ZodObject;
  /** Path parameters, when the path has any. */
  params?: z.ZodObject;
  /** The 200 body; one of `COMPONENTS`, so the document can refer to it by name. */
  response: z.ZodType;
  /** Whether the route answers 404 for an unknown id (every route may answer 400, 401 and 405). */
  notFound?: boolean;
  /** Parses the raw query and path parameters and answers; throws `HttpError` for requests it refuses. */
  run(raw: { query: unknown; params: unknown }, deps: QueryApiDeps): Promise<unknown>;
}

interface RouteSpec<Q extends z.ZodObject, P extends z.ZodObject, R extends z.ZodType> {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: Q;
  params?: P;
  response: R;
  notFound?: boolean;
  handle(input: { query: z.output<Q>; params: z.output<P> }, deps: QueryApiDeps): Promise<z.output<R>> | z.output<R>;
}

/** Ties a handler's types to its query schema and its response schema, then erases them for the route table. */
export function defineRoute<Q extends z.ZodObject, P extends z.ZodObject, R extends z.ZodType>(
  spec: RouteSpec<Q, P, R>,
): ApiRoute {
  const { handle, params, ...rest } = spec;
  return {
    ...rest,
    params,
    async run(raw, deps) {
      const query = parseQuery(spec.query, raw.query);
      const pathParams = (params === undefined ? {} : parseQuery(params, raw.params)) as z.output<P>;
      return handle({ query, params: pathParams }, deps);
    },
  };
}
