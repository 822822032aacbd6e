import type { ChangeRecord, Finding } from '@lockstep/contract';
import { incident, iso, MINUTE, T0 } from '../records';
import type { IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';

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

/** Changes, findings and the asset inventory (#13): pages, filters, replacement and retention. */
export function changesBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(() => store.close());

  it('lists changes newest first, in the range and on the entity, once each however often they were put', async () => {
    await store.putChanges([change('a', 0), change('b', 10), change('c', 20, { entity: { 'host.name': 'db-1' } })]);
    await store.putChanges([change('a', 0)]);
    expect((await store.listChanges({ limit: 10 })).items.map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect((await store.listChanges({ limit: 10, host: 'web-1' })).items.map((c) => c.id)).toEqual(['b', 'a']);
    expect((await store.listChanges({ limit: 10, from: T0 + 5 * MINUTE })).items.map((c) => c.id)).toEqual(['c', 'b']);
    expect((await store.listChanges({ limit: 10, kind: 'firewall' })).items).toEqual([]);
    const first = await store.listChanges({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c', 'b']);
    expect((await store.listChanges({ limit: 2, cursor: first.next })).items.map((c) => c.id)).toEqual(['a']);
    expect((await store.listChanges({ limit: 1, host: 'web-1' })).items[0]).toEqual(change('b', 10));
  });

  it('replaces an open finding by its closed form, and counts it on its asset while open', async () => {
    await store.putFinding(finding('open'));
    expect((await store.listFindings({ limit: 10, status: 'open' })).items).toEqual([finding('open')]);
    expect((await store.listAssets({ limit: 10 })).items).toEqual([]);
    await store.noteEntities([{ host: 'web-1', kind: 'metrics', time: T0 }]);
    expect((await store.listAssets({ limit: 10 })).items[0]?.findings).toBe(1);
    await store.putFinding(finding('closed'));
    expect((await store.listFindings({ limit: 10, status: 'open' })).items).toEqual([]);
    expect((await store.listFindings({ limit: 10 })).items).toEqual([finding('closed')]);
    expect((await store.listAssets({ limit: 10 })).items[0]?.findings).toBe(0);
  });

  it('lists unmanaged assets first, with the counts of every asset', async () => {
    await store.noteEntities([
      { host: 'a-managed', kind: 'metrics', time: T0 },
      { host: 'a-managed', kind: 'signals', time: T0 },
      { host: 'z-zombie', kind: 'signals', time: T0 },
    ]);
    const list = await store.listAssets({ limit: 1 });
    expect(list).toMatchObject({ total: 2, unmanaged: 1, truncated: true });
    expect(list.items.map((a) => [a.name, a.status])).toEqual([['z-zombie', 'signals-only']]);
    expect((await store.listAssets({ limit: 10, managed: true })).items.map((a) => a.name)).toEqual(['a-managed']);
  });

  it('drops changes and closed findings past retention, never an open finding', async () => {
    await store.putChanges([change('old', -600), change('new', 0)]);
    await store.putFinding({ ...finding('open'), id: 'open-old', opened: at(-500) });
    await store.putFinding({ ...finding('closed'), id: 'closed-old', opened: at(-500), closed: at(-400) });
    await store.prune(T0 - 60 * MINUTE);
    expect((await store.listChanges({ limit: 10 })).items.map((c) => c.id)).toEqual(['new']);
    expect((await store.listFindings({ limit: 10 })).items.map((f) => f.id)).toEqual(['open-old']);
  });

  it('keeps hostile names as they came: NUL, backslashes and quotes', async () => {
    const host = "web\u0000-1\\'; DROP TABLE changes; --";
    const hostile = change('h\u0000\\1', 30, { entity: { 'host.name': host, 'service.name': 'a\\0b' } });
    await store.putChanges([hostile, change('plain', 31)]);
    await store.noteEntities([{ host, kind: 'signals', time: T0 }]);
    await store.putFinding({ ...finding('open'), id: 'fnd\u0000x', asset: { kind: 'host', name: host } });
    const page = await store.listChanges({ limit: 10, host });
    expect(page.items.map((c) => c.id)).toEqual(['h\u0000\\1']);
    expect((await store.listChanges({ limit: 10, service: 'a\\0b' })).items.map((c) => c.id)).toEqual(['h\u0000\\1']);
    expect((await store.listChanges({ limit: 10, host: 'web' })).items).toEqual([]);
    const first = await store.listChanges({ limit: 1, from: T0 + 29 * MINUTE });
    expect((await store.listChanges({ limit: 1, from: T0 + 29 * MINUTE, cursor: first.next })).items[0]?.id).toBe(
      'h\u0000\\1',
    );
    const assets = await store.listAssets({ limit: 10, kind: 'host' });
    expect(assets.items.map((a) => [a.name, a.findings])).toEqual([[host, 1]]);
    expect((await store.listFindings({ limit: 10, host })).items.map((f) => f.id)).toEqual(['fnd\u0000x']);
  });

  it('reads the business service and the changes of incidents whose bodies hold NUL, half a surrogate pair or a literal backslash-u', async () => {
    const business = { service: 'pay\\u0000', name: 'Payments', tier: 2, owner: 'Ops', cost_per_hour: 1 };
    await store.putIncident(
      incident({
        id: 'nul',
        entity: { 'host.name': 'h\u0000\ud800' },
        score: 0.9,
        severity: 'high',
        start: at(10),
        end: null,
        status: 'open',
        business,
        changes: [{ ...change('d', 5), summary: 'x\u0000\udc00' }],
      }),
      false,
    );
    const kpis = await store.kpis({ from: T0, to: T0 + 60 * MINUTE });
    expect(kpis.changeRelated).toEqual({ incidents: 1, afterChange: 1, rate: 1 });
    expect(kpis.byBusinessService).toMatchObject([{ service: 'pay\\u0000', name: 'Payments', tier: 2, open: 1 }]);
  });
}
