import { anomaly, incident, iso, MINUTE, signal, T0 } from '../records';
import type { EntityListQuery, IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';

const C1 = 'a'.repeat(64);
const C2 = 'b'.repeat(64);

/** Names for the dashboards' variables, from every table and from the telemetry seen. */
export function entitiesBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeAll(async () => {
    store = await subject.open();
    await store.putIncident(
      incident({ id: 'i1', entity: { 'host.name': 'web-1', 'container.id': C1, 'service.name': 'checkout' } }),
      true,
    );
    await store.putIncident(
      incident({ id: 'i2', entity: { 'host.name': 'web-2' }, start: iso(T0 + 60 * MINUTE) }),
      true,
    );
    await store.putAnomaly(anomaly({ id: 'a1', entity: { 'host.name': 'db-1', 'service.name': 'orders' } }), true);
    await store.putSignals([
      signal({ id: 's1', entity: { 'host.name': 'bastion' }, time: iso(T0 + 30 * MINUTE) }),
      signal({ id: 's2', entity: { 'container.id': C2 } }),
    ]);
    await store.noteEntities([
      { host: 'quiet-1', kind: 'metrics', time: T0 },
      { host: 'web-1', container: C2, service: 'search', kind: 'metrics', time: T0 + 2 * MINUTE },
      { host: 'old-1', kind: 'metrics', time: T0 - 600 * MINUTE },
    ]);
  });
  afterAll(() => store.close());

  it.each<[string, EntityListQuery, string[]]>([
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
  ])('lists %s', async (_name, query, expected) => {
    expect(await store.listEntities(query)).toEqual({ items: expected, truncated: false });
  });

  it('cuts the list at the limit and says so', async () => {
    expect(await store.listEntities({ kind: 'hosts', limit: 2 })).toEqual({
      items: ['bastion', 'db-1'],
      truncated: true,
    });
    expect((await store.listEntities({ kind: 'services', limit: 3 })).truncated).toBe(false);
  });
}
