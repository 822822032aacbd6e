import type { ChangeRecord, Finding } from '@lockstep/contract';
import { iso, MINUTE, T0 } from './__fixtures__/records';
import { SqliteStore } from './sqlite';

const at = (minutes: number): string => iso(T0 + minutes * MINUTE);

function change(id: string, minutes: number, overrides: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    id,
    time: at(minutes),
    kind: 'deploy',
    summary: `deploy ${id}`,
    source: 'change',
    entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
    ...overrides,
  };
}

function finding(status: 'open' | 'closed'): Finding {
  const fw = change('fw-1', 0, { kind: 'firewall', temporary: true, entity: { 'host.name': 'web-1' } });
  return {
    type: 'finding',
    id: 'fnd_1',
    kind: 'temporary-change',
    status,
    asset: { kind: 'host', name: 'web-1' },
    change: fw,
    opened: at(240),
    closed: status === 'open' ? null : at(300),
    window_ms: 240 * MINUTE,
    summary: 'still open',
  };
}

describe('the store of changes and findings', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('lists changes newest first, in the range and on the entity, once each however often they were put', () => {
    store.putChanges([change('a', 0), change('b', 10), change('c', 20, { entity: { 'host.name': 'db-1' } })]);
    store.putChanges([change('a', 0)]);
    expect(store.listChanges({ limit: 10 }).items.map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(store.listChanges({ limit: 10, host: 'web-1' }).items.map((c) => c.id)).toEqual(['b', 'a']);
    expect(store.listChanges({ limit: 10, from: T0 + 5 * MINUTE }).items.map((c) => c.id)).toEqual(['c', 'b']);
    expect(store.listChanges({ limit: 10, kind: 'firewall' }).items).toEqual([]);
    const first = store.listChanges({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c', 'b']);
    expect(store.listChanges({ limit: 2, cursor: first.next }).items.map((c) => c.id)).toEqual(['a']);
    expect(store.listChanges({ limit: 1, host: 'web-1' }).items[0]).toEqual(change('b', 10));
  });

  it('replaces an open finding by its closed form, and counts it on its asset while open', () => {
    store.putFinding(finding('open'));
    expect(store.listFindings({ limit: 10, status: 'open' }).items).toEqual([finding('open')]);
    expect(store.listAssets({ limit: 10 }).items).toEqual([]);
    store.noteEntities([{ host: 'web-1', kind: 'metrics', time: T0 }]);
    expect(store.listAssets({ limit: 10 }).items[0]?.findings).toBe(1);
    store.putFinding(finding('closed'));
    expect(store.listFindings({ limit: 10, status: 'open' }).items).toEqual([]);
    expect(store.listFindings({ limit: 10 }).items).toEqual([finding('closed')]);
    expect(store.listAssets({ limit: 10 }).items[0]?.findings).toBe(0);
  });

  it('lists unmanaged assets first, with the counts of every asset', () => {
    store.noteEntities([
      { host: 'a-managed', kind: 'metrics', time: T0 },
      { host: 'a-managed', kind: 'signals', time: T0 },
      { host: 'z-zombie', kind: 'signals', time: T0 },
    ]);
    const list = store.listAssets({ limit: 1 });
    expect(list).toMatchObject({ total: 2, unmanaged: 1, truncated: true });
    expect(list.items.map((a) => [a.name, a.status])).toEqual([['z-zombie', 'signals-only']]);
    expect(store.listAssets({ limit: 10, managed: true }).items.map((a) => a.name)).toEqual(['a-managed']);
  });

  it('drops changes and closed findings past retention, never an open finding', () => {
    store.putChanges([change('old', -600), change('new', 0)]);
    store.putFinding({ ...finding('open'), id: 'open-old', opened: at(-500) });
    store.putFinding({ ...finding('closed'), id: 'closed-old', opened: at(-500), closed: at(-400) });
    store.prune(T0 - 60 * MINUTE);
    expect(store.listChanges({ limit: 10 }).items.map((c) => c.id)).toEqual(['new']);
    expect(store.listFindings({ limit: 10 }).items.map((f) => f.id)).toEqual(['open-old']);
  });
});
