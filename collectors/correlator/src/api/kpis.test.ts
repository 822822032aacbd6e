import type { TestApi } from './__fixtures__/app';
import { get, incident, iso, MINUTE, T0, testApi } from './__fixtures__/app';

const HOUR = 60 * MINUTE;

describe('GET /api/v1/kpis', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({
      incidents: [
        incident({ id: 'r1', start: iso(T0), end: iso(T0 + 10 * MINUTE), score: 0.9 }),
        incident({ id: 'r2', start: iso(T0 + HOUR), end: iso(T0 + HOUR + 30 * MINUTE), score: 0.6 }),
        incident({
          id: 'o1',
          status: 'open',
          end: null,
          start: iso(T0 + 2 * HOUR),
          severity: 'critical',
          entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
        }),
        incident({ id: 'weak', status: 'open', end: null, start: iso(T0 + 2 * HOUR), score: 0.2 }),
        incident({ id: 'db', start: iso(T0), end: iso(T0 + MINUTE), entity: { 'host.name': 'db-1' } }),
      ],
    });
    api.store.noteEntities([
      { host: 'web-1', kind: 'metrics', time: T0 },
      { host: 'web-1', kind: 'signals', time: T0 },
      { host: 'db-1', kind: 'metrics', time: T0 },
    ]);
  });
  afterAll(() => api.close());

  it('returns the store figures for a host over a range, bucketed by step', async () => {
    const answer = await get(api, '/api/v1/kpis', { host: 'web-1', from: iso(T0), to: iso(T0 + 3 * HOUR), step: '1h' });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        openBySeverity: { low: 0, medium: 0, high: 0, critical: 1 },
        meanTimeToResolveMs: 20 * MINUTE,
        incidentsOverTime: [
          { time: iso(T0), count: 1 },
          { time: iso(T0 + HOUR), count: 1 },
          { time: iso(T0 + 2 * HOUR), count: 1 },
        ],
        coverage: { both: 1, metricsOnly: 0, signalsOnly: 0 },
        openByService: [{ service: 'checkout', count: 1 }],
        meanTimeToResolveOverTime: [
          { time: iso(T0), meanMs: 10 * MINUTE, resolved: 1 },
          { time: iso(T0 + HOUR), meanMs: 30 * MINUTE, resolved: 1 },
          { time: iso(T0 + 2 * HOUR), meanMs: null, resolved: 0 },
        ],
        // One open critical incident scored 0.9: weight 8 × 0.9.
        riskExposure: 7.2,
      },
    });
  });

  it('buckets resolutions by when they ended, per step', async () => {
    const answer = await get(api, '/api/v1/kpis', { from: String(T0), to: String(T0 + 3 * HOUR), step: '90m' });
    expect(answer.body).toMatchObject({
      openByService: [{ service: 'checkout', count: 1 }],
      meanTimeToResolveOverTime: [
        // r1 (10 min, ended at 0:10) and db (1 min, ended at 0:01); r2 (30 min) ended at 1:30.
        { time: iso(T0), meanMs: (10 * MINUTE + MINUTE) / 2, resolved: 2 },
        { time: iso(T0 + 90 * MINUTE), meanMs: 30 * MINUTE, resolved: 1 },
      ],
    });
  });

  it.each([
    ['3600000', 3],
    ['30m', 6],
    ['90m', 2],
  ])('takes step=%s as a duration (%i buckets over 3 h)', async (step, buckets) => {
    const answer = await get(api, '/api/v1/kpis', { from: String(T0), to: String(T0 + 3 * HOUR), step });
    expect((answer.body as { incidentsOverTime: unknown[] }).incidentsOverTime).toHaveLength(buckets);
  });

  it('counts coverage over every host without an entity filter', async () => {
    const answer = await get(api, '/api/v1/kpis');
    expect(answer.body).toMatchObject({ coverage: { both: 1, metricsOnly: 1, signalsOnly: 0 } });
  });
});
