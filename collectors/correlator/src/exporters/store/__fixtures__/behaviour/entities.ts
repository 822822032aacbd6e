import { anomaly, incident, iso, MINUTE, signal, T0 } from './__fixtures__/records';
import { SqliteStore } from './sqlite';

const C1 = 'a'.repeat(64);
const C2 = 'b'.repeat(64);

describe('listEntities', () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = new SqliteStore(':memory:');
    store.putIncident(
      incident({ id: 'i1', entity: { 'host.name': 'web-1', 'container.id': C1, 'service.name': 'checkout' } }),
      true,
    );
    store.putIncident(incident({ id: 'i2', entity: { 'host.name': 'web-2' }, start: iso(T0 + 60 * MINUTE) }), true);
    store.putAnomaly(anomaly({ id: 'a1', entity: { 'host.name': 'db-1', 'service.name': 'orders' } }), true);
    store.putSignals([
      signal({ id: 's1', entity: { 'host.name': 'bastion' }, time: iso(T0 + 30 * MINUTE) }),
      signal({ id: 's2', entity: { 'container.id': C2 } }),
    ]);
    store.noteEntities([
      { host: 'quiet-1', kind: 'metrics', time: T0 },
      { host: 'web-1', container: C2, service: 'search', kind: 'metrics', time: T0 + 2 * MINUTE },
      { host: 'old-1', kind: 'metrics', time: T0 - 600 * MINUTE },
    ]);
  });
  afterAll(() => store.close());

  it.each<[string, Parameters<SqliteStore['listEntities']>[0], string[]]>([
    [
      'hosts from every table, deduplicated and sorted',
      { kind: 'hosts', limit: 100 },
      ['bastion', 'db-1', 'old-1', 'quiet-1', 'web-1', 'web-2'],
    ],
    [
      'hosts in a range (overlap)',
      { kind: 'hosts', from: T0 + 20 * MINUTE, to: T0 + 40 * MINUTE, limit: 100 },
      ['bastion'],
    ],
    ['containers, never empty or null', { kind: 'containers', limit: 100 }, [C1, C2]],
    ['services', { kind: 'services', limit: 100 }, ['checkout', 'orders', 'search']],
    ['the containers of one host', { kind: 'containers', host: 'web-1', limit: 100 }, [C1, C2]],
    [
      'the services of one container (short id)',
      { kind: 'services', container: C2.slice(0, 12), limit: 100 },
      ['search'],
    ],
    ['the hosts of one service', { kind: 'hosts', service: 'orders', limit: 100 }, ['db-1']],
  ])('lists %s', (_name, query, expected) => {
    expect(store.listEntities(query)).toEqual({ items: expected, truncated: false });
  });

  it('cuts the list at the limit and says so', () => {
    expect(store.listEntities({ kind: 'hosts', limit: 2 })).toEqual({ items: ['bastion', 'db-1'], truncated: true });
    expect(store.listEntities({ kind: 'services', limit: 3 }).truncated).toBe(false);
  });

  it.each<[string, Parameters<SqliteStore['listEntities']>[0]]>([
    ['no filter', { kind: 'hosts', limit: 10 }],
    ['a range', { kind: 'hosts', from: T0, to: T0 + MINUTE, limit: 10 }],
    ['a host and a range', { kind: 'containers', host: 'web-1', from: T0, to: T0 + MINUTE, limit: 10 }],
    ['a lower bound only', { kind: 'services', from: T0, limit: 10 }],
  ])('reads incidents, anomalies and signals through an index (%s)', (_name, query) => {
    const fresh = new SqliteStore(':memory:');
    fresh.listEntities(query);
    // The one statement prepared is the entities query (the cache is private: read it for the test only).
    const [sql] = [...fresh['statements']['statements'].keys()];
    const plan = fresh['db'].prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: T0, to: T0 + 1, host: 'h', limit: 1 });
    const details = (plan as { detail: string }[]).map((row) => row.detail);
    fresh.close();
    expect(details.filter((d) => /^SCAN (incidents|anomalies|signals)$/.test(d))).toEqual([]);
    expect(details.filter((d) => /(incidents|anomalies|signals) USING/.test(d)).length).toBeGreaterThanOrEqual(3);
  });
});
