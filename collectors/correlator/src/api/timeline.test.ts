import type { TestApi } from './__fixtures__/app';
import {
  anomaly,
  CONTAINER,
  get,
  incident,
  iso,
  MINUTE,
  SAMPLE_MS,
  SAMPLES,
  signal,
  T0,
  testApi,
} from './__fixtures__/app';

interface Timeline {
  entity: Record<string, string>;
  metric: string;
  unit: string | null;
  series: { time: string; value: number }[];
  anomalies: { id: string }[];
  incidents: { id: string }[];
  signals: { id: string }[];
  truncated: boolean;
}

const ids = (items: { id: string }[]): string[] => items.map((item) => item.id);

describe('GET /api/v1/timeline', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await testApi({
      anomalies: [
        anomaly({ id: 'host-cpu' }),
        anomaly({ id: 'ctr-cpu', unit: 'cores', entity: { 'host.name': 'web-1', 'container.id': CONTAINER } }),
        anomaly({
          id: 'lat',
          metric: 'latency',
          unit: 's',
          entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
        }),
        anomaly({ id: 'late', start: iso(T0 + 50 * MINUTE), end: iso(T0 + 55 * MINUTE) }),
        anomaly({ id: 'elsewhere', entity: { 'host.name': 'db-1' } }),
      ],
      incidents: [incident({ id: 'inc' }), incident({ id: 'other-host', entity: { 'host.name': 'db-1' } })],
      signals: [signal({ id: 'sig' }), signal({ id: 'sig-db', entity: { 'host.name': 'db-1' } })],
    });
  });
  afterAll(() => api.close());

  it('draws host CPU with the markers on that host', async () => {
    const answer = await get(api, '/api/v1/timeline', { host: 'web-1' });
    expect(answer.status).toBe(200);
    const body = answer.body as Timeline;
    expect(body).toMatchObject({ entity: { 'host.name': 'web-1' }, metric: 'cpu', unit: '1', truncated: false });
    expect(body.series).toHaveLength(SAMPLES);
    expect(body.series[0]).toEqual({ time: iso(T0), value: 0.2 });
    expect(ids(body.anomalies)).toEqual(['late', 'host-cpu', 'ctr-cpu']);
    expect(ids(body.incidents)).toEqual(['inc']);
    expect(ids(body.signals)).toEqual(['sig']);
  });

  it.each<[string, Record<string, string>, string, string[]]>([
    ['a container by short id', { container: CONTAINER.slice(0, 12) }, 'cores', ['ctr-cpu']],
    ['CPU by the service its one container runs', { service: 'checkout' }, 'cores', []],
    ['latency of a service', { metric: 'latency', service: 'checkout' }, 's', ['lat']],
  ])('draws %s', async (_name, query, unit, anomalies) => {
    const body = (await get(api, '/api/v1/timeline', { host: 'web-1', ...query })).body as Timeline;
    expect(body.unit).toBe(unit);
    expect(body.series).toHaveLength(SAMPLES);
    expect(ids(body.anomalies)).toEqual(anomalies);
  });

  it('limits series and markers to [from, to), given as ISO or epoch ms', async () => {
    for (const [from, to] of [
      [iso(T0 + 50 * MINUTE), iso(T0 + 51 * MINUTE)],
      [String(T0 + 50 * MINUTE), String(T0 + 51 * MINUTE)],
    ] as const) {
      const body = (await get(api, '/api/v1/timeline', { host: 'web-1', from: from, to: to })).body as Timeline;
      expect(body.series.map((p) => p.time)).toEqual(
        Array.from({ length: MINUTE / SAMPLE_MS }, (_, k) => iso(T0 + 50 * MINUTE + k * SAMPLE_MS)),
      );
      expect(ids(body.anomalies)).toEqual(['late']);
      expect(body.incidents).toEqual([]);
    }
  });

  it('still returns markers when the engine holds no series (after a restart, or an unknown spelling)', async () => {
    const body = (await get(api, '/api/v1/timeline', { host: 'db-1' })).body as Timeline;
    expect(body).toMatchObject({ entity: { 'host.name': 'db-1' }, unit: null, series: [] });
    expect(ids(body.incidents)).toEqual(['other-host']);
    expect(ids(body.signals)).toEqual(['sig-db']);
  });
});
