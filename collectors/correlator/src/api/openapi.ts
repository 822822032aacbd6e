import { z } from 'zod';
import { VERSION } from '../version';
import { COMPONENTS } from './responses';
import type { ApiRoute } from './route';

export const API_PREFIX = '/api/v1';
export const OPENAPI_PATH = '/openapi.json';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string): Json => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** The response schemas, generated from zod, with references between them instead of copies. */
function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  // Each comes out as a standalone document; inside OpenAPI the dialect and ids are the document's.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

function componentName(schema: z.ZodType): string {
  const name = Object.entries(COMPONENTS).find(([, s]) => s === schema)?.[0];
  if (name === undefined) throw new Error('A route responds with a schema missing from COMPONENTS.');
  return name;
}

/** One OpenAPI parameter per key of a strict zod object, described as the string-encoded value a client sends. */
function parameters(where: 'query' | 'path', shape: z.ZodObject | undefined): Json[] {
  if (shape === undefined) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const {
      $schema: _dialect,
      description,
      ...schema
    } = z.toJSONSchema(field as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as Json;
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, description, schema };
  });
}

function operation(route: ApiRoute): Json {
  const responses: Json = {
    '200': {
      description: route.summary,
      content: { 'application/json': { schema: ref(componentName(route.response)) } },
    },
    '400': errorResponse('A parameter is missing, unknown or not valid; `error` names it.'),
    '401': errorResponse('A token is configured and the request did not carry it.'),
  };
  if (route.notFound) responses['404'] = errorResponse('Nothing has that id.');
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    parameters: [...parameters('path', route.params), ...parameters('query', route.query)],
    responses,
  };
}

const openapiOperation: Json = {
  operationId: 'getOpenApi',
  summary: 'This document.',
  description: 'Public even when a token is configured: it describes the API, not data.',
  security: [],
  parameters: [],
  responses: {
    '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } },
  },
};

/** The OpenAPI 3.1 document of the query API, generated from the route table and the zod schemas. */
export function buildOpenApi(routes: readonly ApiRoute[]): Json {
  const paths: Json = {};
  for (const route of routes) paths[`${API_PREFIX}${route.path}`] = { get: operation(route) };
  paths[`${API_PREFIX}${OPENAPI_PATH}`] = { get: openapiOperation };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lockstep query API',
      version: VERSION,
      description: 'Incidents, anomalies, signals, timelines and KPIs from the Lockstep correlator. See docs/api.md.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Required only when the correlator has a token.' },
      },
    },
  };
}
