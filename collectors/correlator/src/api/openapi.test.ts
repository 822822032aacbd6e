import Fastify from 'fastify';
import { z } from 'zod';
import type { TestApi } from './__fixtures__/app';
import { anomaly, fedEngine, get, incident, send, signal, testApi } from './__fixtures__/app';
import { SqliteStore } from '../exporters/store/sqlite';
import { registerQueryApi } from './register';

interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  responses: Record<string, { content: { 'application/json': { schema: object } } }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/** A zod validator for a schema of the document, its `#/components/schemas/*` references resolved. */
function validatorFor(doc: Document, schema: object): z.ZodType {
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  const root = JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/'));
  return z.fromJSONSchema({ ...root, $defs: defs });
}

describe('OpenAPI document', () => {
  let api: TestApi;
  let doc: Document;
  beforeAll(async () => {
    api = await testApi({
      incidents: [incident({ id: 'i1' }), incident({ id: 'i2', status: 'open', end: null, culprit: null })],
      anomalies: [anomaly({ id: 'a1' }), anomaly({ id: 'a2', metric: 'latency', unit: 's', end: null })],
      signals: [signal({ id: 's1', count: 3, match: 'process', process: { 'process.pid': 7 } })],
    });
    doc = (await get(api, '/api/v1/openapi.json')).body as Document;
  });
  afterAll(() => api.close());

  it('is OpenAPI 3.1 and lists every GET route the plugin registers, and nothing else', async () => {
    const app = Fastify();
    const registered: string[] = [];
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.includes('GET')) registered.push(route.url.replace(/:(\w+)/g, '{$1}'));
    });
    const store = new SqliteStore(':memory:');
    await registerQueryApi(app, { store, timeline: fedEngine() });
    await app.ready();
    expect(doc.openapi).toBe('3.1.0');
    expect(registered.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(registered)].sort());
    for (const path of Object.keys(doc.paths)) expect(Object.keys(doc.paths[path] ?? {})).toEqual(['get']);
    await app.close();
    store.close();
  });

  it('describes the parameters each route accepts, and only those', async () => {
    for (const [path, { get: operation }] of Object.entries(doc.paths)) {
      if (operation === undefined || path.endsWith('/openapi.json')) continue;
      const names = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      const required: Record<string, string> = { '/api/v1/timeline': 'host=web-1&', '/api/v1/entities': 'kind=hosts&' };
      const url = `${path.replace('{id}', 'i1')}?${required[path] ?? ''}`;
      // The route's own refusal of an unknown parameter lists what it takes: the same names, same order.
      const answer = await send(api, 'GET', `${url}not_a_parameter=1`);
      expect(answer.body).toEqual({ error: expect.stringContaining(`this route takes ${names.join(', ')}.`) });
    }
    const timeline = doc.paths['/api/v1/timeline']?.get?.parameters ?? [];
    expect(timeline.find((p) => p.name === 'host')?.required).toBe(true);
    expect(timeline.find((p) => p.name === 'service')?.required).toBe(false);
  });

  it.each<[string, string, string]>([
    ['/api/v1/incidents', '/api/v1/incidents', '200'],
    ['/api/v1/incidents?limit=1', '/api/v1/incidents', '200'],
    ['/api/v1/incidents/i1', '/api/v1/incidents/{id}', '200'],
    ['/api/v1/incidents/i2', '/api/v1/incidents/{id}', '200'],
    ['/api/v1/incidents/none', '/api/v1/incidents/{id}', '404'],
    ['/api/v1/anomalies', '/api/v1/anomalies', '200'],
    ['/api/v1/signals', '/api/v1/signals', '200'],
    ['/api/v1/timeline?host=web-1', '/api/v1/timeline', '200'],
    ['/api/v1/timeline?host=web-1&metric=latency&service=checkout', '/api/v1/timeline', '200'],
    ['/api/v1/timeline?host=nowhere', '/api/v1/timeline', '200'],
    ['/api/v1/kpis?step=15m', '/api/v1/kpis', '200'],
    ['/api/v1/kpis?step=0', '/api/v1/kpis', '400'],
    ['/api/v1/entities?kind=hosts', '/api/v1/entities', '200'],
    ['/api/v1/entities?kind=containers&host=web-1&limit=1', '/api/v1/entities', '200'],
    ['/api/v1/entities', '/api/v1/entities', '400'],
  ])('GET %s answers what the document says', async (url, path, status) => {
    const answer = await send(api, 'GET', url);
    expect(String(answer.status)).toBe(status);
    const schema = doc.paths[path]?.get?.responses[status]?.content['application/json'].schema;
    expect(schema).toBeDefined();
    const result = validatorFor(doc, schema ?? {}).safeParse(answer.body);
    expect(result.error?.issues).toBeUndefined();
  });

  it('has schemas strict enough to catch a wrong body', async () => {
    const schema = doc.paths['/api/v1/incidents']?.get?.responses['200']?.content['application/json'].schema ?? {};
    const body = (await get(api, '/api/v1/incidents')).body as { items: Record<string, unknown>[] };
    const validator = validatorFor(doc, schema);
    expect(validator.safeParse(body).success).toBe(true);
    expect(validator.safeParse({ items: [{ ...body.items[0], start: 'yesterday' }] }).success).toBe(false);
    expect(validator.safeParse({ items: [{ ...body.items[0], severity: 'extreme' }] }).success).toBe(false);
    expect(validator.safeParse({ next: 'x' }).success).toBe(false);
  });
});
