import type { Incident } from '@lockstep/contract';
import type { TestApi } from './__fixtures__/app';
import { anomaly, CONTAINER, get, incident, iso, MINUTE, signal, T0, testApi } from './__fixtures__/app';

const INCIDENTS: Incident[] = [
  incident({ id: 'a', start: iso(T0), end: iso(T0 + 5 * MINUTE), score: 0.9, severity: 'critical' }),
  incident({ id: 'b', start: iso(T0 + 10 * MINUTE), status: 'open', end: null, score: 0.3, severity: 'low' }),
  incident({
    id: 'c',
    start: iso(T0 + 20 * MINUTE),
    end: iso(T0 + 25 * MINUTE),
    entity: { 'host.name': 'db-1', 'container.id': CONTAINER, 'service.name': 'orders', 'k8s.pod.name': 'orders-0' },
    score: 0.5,
    severity: 'medium',
  }),
  incident({ id: 'd', start: iso(T0 + 30 * MINUTE), end: iso(T0 + 40 * MINUTE), score: 0.7, severity: 'high' }),
];

const ids = (body: unknown): string[] => (body as { items: { id: string }[] }).items.map((item) => item.id);

describe('GET /api/v1/incidents', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: INCIDENTS });
  });
  afterAll(() => api.close());

  it.each<[string, Record<string, string>, string[]]>([
    ['everything, newest first', {}, ['d', 'c', 'b', 'a']],
    ['host', { host: 'db-1' }, ['c']],
    ['container by full id', { container: CONTAINER }, ['c']],
    ['container by short id', { container: CONTAINER.slice(0, 12) }, ['c']],
    ['service', { service: 'orders' }, ['c']],
    ['pod', { pod: 'orders-0' }, ['c']],
    ['status', { status: 'open' }, ['b']],
    ['severity', { severity: 'high' }, ['d']],
    ['min_score', { min_score: '0.7' }, ['d', 'a']],
    ['correlated=true (score >= 0.5)', { correlated: 'true' }, ['d', 'c', 'a']],
    [
      'an ISO range (overlap; the open incident runs on)',
      { from: iso(T0 + 22 * MINUTE), to: iso(T0 + 31 * MINUTE) },
      ['d', 'c', 'b'],
    ],
    ['the same range in epoch ms', { from: String(T0 + 22 * MINUTE), to: String(T0 + 31 * MINUTE) }, ['d', 'c', 'b']],
    ['an ISO range with an offset', { to: '2026-03-01T13:05:00+01:00' }, ['a']],
    ['filters combined', { host: 'web-1', status: 'resolved', min_score: '0.8' }, ['a']],
    ['a host with nothing', { host: 'nobody' }, []],
  ])('filters by %s', async (_name, query, expected) => {
    const answer = await get(api, '/api/v1/incidents', query);
    expect(answer.status).toBe(200);
    expect(ids(answer.body)).toEqual(expected);
  });

  it('refuses correlated together with min_score', async () => {
    const answer = await get(api, '/api/v1/incidents', { correlated: 'true', min_score: '0.2' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining("'correlated' and 'min_score'") });
  });
});

describe('paging', () => {
  let api: TestApi;
  beforeAll(async () => {
    const many = Array.from({ length: 25 }, (_, n) =>
      // Pairs share a start, so the order must fall back to the id.
      incident({ id: `i${String(n).padStart(2, '0')}`, start: iso(T0 + Math.floor(n / 2) * MINUTE) }),
    );
    api = await testApi({ incidents: many });
  });
  afterAll(() => api.close());

  it('walks every incident once across pages, unaffected by inserts between pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await get(
        api,
        '/api/v1/incidents',
        cursor === undefined ? { limit: '10' } : { limit: '10', cursor },
      );
      expect(answer.status).toBe(200);
      const body = answer.body as { items: { id: string }[]; next?: string };
      seen.push(...body.items.map((item) => item.id));
      cursor = body.next;
      pages++;
      // Newer than every page already read: must not appear in later pages.
      api.store.putIncident(incident({ id: `new${pages}`, start: iso(T0 + 1000 * MINUTE) }), true);
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, n) => `i${String(24 - n).padStart(2, '0')}`));
  });

  it('uses 100 as the default limit and 1000 as the largest', async () => {
    expect(ids((await get(api, '/api/v1/incidents')).body)).toHaveLength(28);
    expect((await get(api, '/api/v1/incidents', { limit: '1000' })).status).toBe(200);
    expect((await get(api, '/api/v1/incidents', { limit: '1001' })).status).toBe(400);
  });
});

describe('GET /api/v1/incidents/{id}', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({ incidents: INCIDENTS });
  });
  afterAll(() => api.close());

  it('returns the incident', async () => {
    expect(await get(api, '/api/v1/incidents/c')).toMatchObject({ status: 200, body: INCIDENTS[2] });
  });

  it('answers 404 with a sentence for an unknown id', async () => {
    expect(await get(api, '/api/v1/incidents/zzz')).toMatchObject({
      status: 404,
      body: { error: 'No incident has the id "zzz".' },
    });
  });
});

describe('GET /api/v1/anomalies and /api/v1/signals', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({
      anomalies: [
        anomaly({ id: 'cpu-1' }),
        anomaly({
          id: 'lat-1',
          metric: 'latency',
          unit: 's',
          entity: { 'host.name': 'web-1', 'service.name': 'shop' },
        }),
        anomaly({ id: 'cpu-2', entity: { 'host.name': 'db-1' }, start: iso(T0 + 60 * MINUTE), end: null }),
      ],
      signals: [
        signal({ id: 's1' }),
        signal({ id: 's2', source: 'auth', rule: 'ssh login', severity: 'low', time: iso(T0 + 2 * MINUTE) }),
        signal({ id: 's3', entity: { 'host.name': 'db-1' }, time: iso(T0 + 90 * MINUTE) }),
      ],
    });
  });
  afterAll(() => api.close());

  it.each<[string, string, Record<string, string>, string[]]>([
    ['anomalies', '/api/v1/anomalies', {}, ['cpu-2', 'lat-1', 'cpu-1']],
    ['anomalies by metric', '/api/v1/anomalies', { metric: 'latency' }, ['lat-1']],
    ['anomalies by service', '/api/v1/anomalies', { service: 'shop' }, ['lat-1']],
    ['anomalies from a time (open ones run on)', '/api/v1/anomalies', { from: iso(T0 + 30 * MINUTE) }, ['cpu-2']],
    ['anomalies by host, paged', '/api/v1/anomalies', { host: 'web-1', limit: '1' }, ['lat-1']],
    ['signals', '/api/v1/signals', {}, ['s3', 's2', 's1']],
    ['signals by source', '/api/v1/signals', { source: 'auth' }, ['s2']],
    ['signals by host and range', '/api/v1/signals', { host: 'web-1', to: String(T0 + 2 * MINUTE) }, ['s1']],
  ])('lists %s', async (_name, path, query, expected) => {
    const answer = await get(api, path, query);
    expect(answer.status).toBe(200);
    expect(ids(answer.body)).toEqual(expected);
  });
});
