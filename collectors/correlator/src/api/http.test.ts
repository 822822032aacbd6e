import { INTERNAL_ERROR_MESSAGE } from '../http/errors';
import Fastify from 'fastify';
import type { TestApi } from './__fixtures__/app';
import { DATA_PATHS, get, incident, send, signal, testApi } from './__fixtures__/app';
import type { SqliteStore } from '../exporters/store/sqlite';
import { registerQueryApi } from './register';

const PATHS = [...DATA_PATHS, '/api/v1/openapi.json'];

describe('HTTP behaviour', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: [incident({ id: 'i1' })] });
  });
  afterAll(() => api.close());

  it.each(PATHS)('GET %s → 200 JSON with no-store and nosniff', async (path) => {
    const answer = await send(api, 'GET', path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    '%s → 405 with Allow, before any body is read',
    async (method) => {
      for (const path of PATHS) {
        const answer = await send(api, method, path, { 'content-type': 'application/xml' }, '<not json/>');
        expect(answer.status).toBe(405);
        expect(answer.headers.get('allow')).toBe('GET, HEAD');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.body).toEqual({ error: expect.stringContaining(method) });
      }
    },
  );

  it('answers HEAD like GET, without a body', async () => {
    const answer = await send(api, 'HEAD', '/api/v1/incidents');
    expect(answer.status).toBe(200);
    expect(answer.body).toBeUndefined();
  });

  it('answers an unknown route under /api/v1 with 404 and a sentence', async () => {
    const answer = await send(api, 'GET', '/api/v1/incident');
    expect(answer).toMatchObject({ status: 404, body: { error: expect.stringContaining('/api/v1/incident') } });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('leaves routes outside /api/v1 to the rest of the app', async () => {
    api.app.log.level = 'silent';
    const answer = await send(api, 'GET', '/metrics');
    // Not ours: the listener's default not-found reply, without the API's headers.
    expect(answer.status).toBe(404);
    expect(answer.headers.get('cache-control')).toBeNull();
  });
});

describe('hostile strings', () => {
  const HOSTILE = `<img src=x onerror=alert(1)> "'\\\n\r\u0000\u2028 ../../etc/passwd ; DROP TABLE incidents; --`;
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({
      incidents: [
        incident({
          id: 'evil<id>',
          entity: { 'host.name': HOSTILE },
          culprit: { 'process.pid': 1, 'process.executable.name': HOSTILE, 'process.command_line': HOSTILE },
        }),
      ],
      signals: [signal({ id: 'evil-signal', rule: HOSTILE, output: HOSTILE, entity: { 'host.name': HOSTILE } })],
    });
  });
  afterAll(() => api.close());

  it('round-trip as data, through filters and path parameters', async () => {
    const byHost = await get(api, '/api/v1/incidents', { host: HOSTILE });
    expect(byHost.status).toBe(200);
    const [found] = (byHost.body as { items: { culprit: { 'process.command_line': string } }[] }).items;
    expect(found?.culprit['process.command_line']).toBe(HOSTILE);

    const byId = await send(api, 'GET', `/api/v1/incidents/${encodeURIComponent('evil<id>')}`);
    expect(byId).toMatchObject({ status: 200, body: { id: 'evil<id>', entity: { 'host.name': HOSTILE } } });

    const signals = await get(api, '/api/v1/signals', { host: HOSTILE });
    expect(signals.body).toMatchObject({ items: [{ rule: HOSTILE, output: HOSTILE }] });
  });

  it.each(['/api/v1/incidents?host=', '/api/v1/incidents?severity='])(
    'never reach the body as raw markup or raw line breaks (%s)',
    async (prefix) => {
      const answer = await fetch(`${api.base}${prefix}${encodeURIComponent(HOSTILE)}`);
      const text = await answer.text();
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(text).toContain('\\u003cimg src=x');
      for (const raw of ['<', '>', '&', '\n', '\r', '\u0000', '\u2028']) expect(text).not.toContain(raw);
    },
  );
});

describe('a fault inside the correlator', () => {
  it('is a 500 with a generic sentence; the details go to the log, not the client', async () => {
    const api = await testApi();
    const logged: Record<string, string>[] = [];
    const failing = Fastify({ logger: false });
    const store = Object.assign(Object.create(api.store) as SqliteStore, {
      listIncidents: () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path');
      },
    });
    await registerQueryApi(failing, {
      store,
      timeline: api.engine,
      log: (_level, _message, fields) => logged.push(fields),
    });
    const response = await failing.listen({ host: '127.0.0.1', port: 0 });
    const answer = await fetch(`${response}/api/v1/incidents`);
    const text = await answer.text();
    expect(answer.status).toBe(500);
    expect(text).not.toContain('secret');
    expect(logged).toEqual([
      { method: 'GET', route: '/api/v1/incidents', error: expect.stringContaining('SQLITE_CORRUPT') },
    ]);
    expect(JSON.parse(text)).toEqual({ error: INTERNAL_ERROR_MESSAGE });
    await failing.close();
    await api.close();
  });
});
