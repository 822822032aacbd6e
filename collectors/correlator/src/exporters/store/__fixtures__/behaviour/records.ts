import { parseAnomaly, parseIncident, parseSignalRecord } from '@lockstep/contract';
import { anomaly, incident, iso, MINUTE, signal, T0 } from '../records';
import { InvalidCursorError } from '../../cursor';
import type { IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';
import { attempt } from './harness';

/** Writes and reads in the contract shape: round trips, upserts, filters, ranges, hostile strings, cursors. */
export function recordsBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;

  beforeEach(async () => {
    store = await subject.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('round-trips incidents, anomalies and signals in the contract shape', async () => {
    const a = anomaly({ id: 'a1', end: null });
    const i = incident({ id: 'i1', anomalies: ['a1'], status: 'open', end: null });
    const s = signal({ id: 's1', count: 3, last_time: iso(T0 + 2 * MINUTE) });
    await store.putAnomaly(a, false);
    await store.putIncident(i, false);
    await store.putSignals([s]);

    const got = await store.getIncident('i1');
    expect(got).toEqual(i);
    expect(parseIncident(got).ok).toBe(true);
    const anomalies = (await store.listAnomalies({ limit: 10 })).items;
    expect(anomalies).toEqual([a]);
    expect(parseAnomaly(anomalies[0]).ok).toBe(true);
    const signals = (await store.listSignals({ limit: 10 })).items;
    expect(signals).toEqual([s]);
    expect(parseSignalRecord(signals[0]).ok).toBe(true);
    expect(await store.getIncident('nope')).toBeUndefined();
  });

  it('upserts by id: an incident updates in place as evidence arrives', async () => {
    await store.putIncident(incident({ id: 'i1', status: 'open', end: null, score: 0.3 }), false);
    await store.putIncident(incident({ id: 'i1', status: 'resolved', score: 0.8 }), true);
    expect((await store.listIncidents({ limit: 10 })).items).toEqual([
      incident({ id: 'i1', status: 'resolved', score: 0.8 }),
    ]);
  });

  it('keeps signals idempotent by id', async () => {
    await store.putSignals([signal({ id: 's1' }), signal({ id: 's1' }), signal({ id: 's2' })]);
    await store.putSignals([signal({ id: 's1', count: 2 })]);
    const items = (await store.listSignals({ limit: 10 })).items;
    expect(items.map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect(items.find((s) => s.id === 's1')?.count).toBe(2);
  });

  it('writes batches larger than one transaction', async () => {
    const many = Array.from({ length: 1234 }, (_, n) => signal({ id: `s${n}`, time: iso(T0 + n) }));
    await store.putSignals(many);
    expect((await store.listSignals({ limit: 1000 })).items).toHaveLength(1000);
    expect((await store.listSignals({ limit: 1000, from: T0 + 1000 })).items).toHaveLength(234);
  });

  it('filters incidents by entity, status, severity and score', async () => {
    await store.putIncident(incident({ id: 'web', score: 0.9, severity: 'critical' }), true);
    await store.putIncident(
      incident({ id: 'db', entity: { 'host.name': 'db-1', 'service.name': 'postgres' }, score: 0.2 }),
      true,
    );
    await store.putIncident(
      incident({
        id: 'pod',
        status: 'open',
        end: null,
        severity: 'medium',
        entity: { 'host.name': 'node-1', 'k8s.pod.name': 'checkout-7d9', 'container.id': 'a'.repeat(64) },
      }),
      false,
    );
    const ids = async (query: Parameters<IncidentStore['listIncidents']>[0]): Promise<string[]> =>
      (await store.listIncidents(query)).items.map((i) => i.id);

    expect(await ids({ limit: 10, host: 'db-1' })).toEqual(['db']);
    expect(await ids({ limit: 10, service: 'postgres' })).toEqual(['db']);
    expect(await ids({ limit: 10, pod: 'checkout-7d9' })).toEqual(['pod']);
    expect(await ids({ limit: 10, status: 'open' })).toEqual(['pod']);
    expect(await ids({ limit: 10, severity: 'critical' })).toEqual(['web']);
    expect((await ids({ limit: 10, minScore: 0.5 })).sort()).toEqual(['pod', 'web']);
    expect(await ids({ limit: 10, host: 'web-1', status: 'open' })).toEqual([]);
  });

  it.each([
    ['the full 64-hex id', 'a'.repeat(64)],
    ["Falco's 12-hex short id", 'a'.repeat(12)],
    ["Tetragon's containerd:// form", `containerd://${'a'.repeat(64)}`],
  ])('matches a container filter given as %s', async (_form, container) => {
    await store.putAnomaly(anomaly({ id: 'c', entity: { 'host.name': 'n', 'container.id': 'a'.repeat(64) } }), true);
    await store.putAnomaly(
      anomaly({ id: 'other', entity: { 'host.name': 'n', 'container.id': 'b'.repeat(64) } }),
      true,
    );
    expect((await store.listAnomalies({ limit: 10, container })).items.map((a) => a.id)).toEqual(['c']);
  });

  it('filters anomalies by metric and signals by source', async () => {
    await store.putAnomaly(anomaly({ id: 'cpu' }), true);
    await store.putAnomaly(anomaly({ id: 'lat', metric: 'latency', unit: 's' }), true);
    await store.putSignals([signal({ id: 'f' }), signal({ id: 't', source: 'tetragon' })]);
    expect((await store.listAnomalies({ limit: 10, metric: 'latency' })).items.map((a) => a.id)).toEqual(['lat']);
    expect((await store.listSignals({ limit: 10, source: 'tetragon' })).items.map((s) => s.id)).toEqual(['t']);
  });

  it('filters signals by user.name, source.address and destination.address, exactly, hostile strings included', async () => {
    const hostile = "root\u0000'; DROP TABLE signals; --\\0 \ud800";
    await store.putSignals([
      signal({ id: 'ssh', 'user.name': 'alice', 'source.address': '203.0.113.7', 'source.port': 50122 }),
      signal({ id: 'conn', 'user.name': 'bob', 'destination.address': '198.51.100.9', 'destination.port': 3333 }),
      signal({ id: 'evil', 'user.name': hostile, 'source.address': '203.0.113.7', 'event.outcome': 'failure' }),
      signal({ id: 'plain' }),
    ]);
    const ids = async (query: Parameters<IncidentStore['listSignals']>[0]): Promise<string[]> =>
      (await store.listSignals(query)).items.map((s) => s.id).sort();
    expect(await ids({ limit: 10, user: 'alice' })).toEqual(['ssh']);
    expect(await ids({ limit: 10, user: hostile })).toEqual(['evil']);
    expect(await ids({ limit: 10, user: 'root' })).toEqual([]);
    expect(await ids({ limit: 10, sourceAddress: '203.0.113.7' })).toEqual(['evil', 'ssh']);
    expect(await ids({ limit: 10, destinationAddress: '198.51.100.9' })).toEqual(['conn']);
    expect(await ids({ limit: 10, sourceAddress: '203.0.113.7', user: 'alice' })).toEqual(['ssh']);
    expect(await ids({ limit: 10, sourceAddress: '198.51.100.9' })).toEqual([]);
    const [conn] = (await store.listSignals({ limit: 10, destinationAddress: '198.51.100.9' })).items;
    expect(conn).toEqual(
      signal({ id: 'conn', 'user.name': 'bob', 'destination.address': '198.51.100.9', 'destination.port': 3333 }),
    );
    const [evil] = (await store.listSignals({ limit: 10, user: hostile })).items;
    expect(evil?.['user.name']).toBe(hostile);
  });

  describe('time ranges select items whose [start, end] overlaps [from, to)', () => {
    beforeEach(async () => {
      // before: [T0-10m, T0-5m]; spanning: [T0-1m, T0+20m]; inside: [T0+1m, T0+2m]; open: [T0+3m, ...)
      await store.putIncident(
        incident({ id: 'before', start: iso(T0 - 10 * MINUTE), end: iso(T0 - 5 * MINUTE) }),
        true,
      );
      await store.putIncident(incident({ id: 'spanning', start: iso(T0 - MINUTE), end: iso(T0 + 20 * MINUTE) }), true);
      await store.putIncident(incident({ id: 'inside', start: iso(T0 + MINUTE), end: iso(T0 + 2 * MINUTE) }), true);
      await store.putIncident(incident({ id: 'open', status: 'open', start: iso(T0 + 3 * MINUTE), end: null }), false);
    });
    const ids = async (from?: number, to?: number): Promise<string[]> =>
      (await store.listIncidents({ limit: 10, from, to })).items.map((i) => i.id).sort();

    it.each([
      ['a window inside one incident', T0 + 10 * MINUTE, T0 + 11 * MINUTE, ['open', 'spanning']],
      ['a window covering all', T0 - 60 * MINUTE, T0 + 60 * MINUTE, ['before', 'inside', 'open', 'spanning']],
      ['an end exactly at from (inclusive)', T0 - 5 * MINUTE, T0 - 4 * MINUTE, ['before']],
      ['a start exactly at to (exclusive)', T0 - 30 * MINUTE, T0 - 10 * MINUTE, []],
      ['only from', T0 + 30 * MINUTE, undefined, ['open']],
      ['only to', undefined, T0 - 2 * MINUTE, ['before']],
    ])('%s', async (_name, from, to, expected) => {
      expect(await ids(from, to)).toEqual(expected);
    });
  });

  it('stores hostile strings verbatim as data', async () => {
    const hostile = '<script>alert(1)</script>\nlevel=error msg="forged"\r\n\u0000\u2028 \\0 \ud800 back\\slash';
    const evil = incident({
      id: '__proto__',
      entity: { 'host.name': hostile },
      culprit: { 'process.pid': 1, 'process.executable.name': hostile, 'process.command_line': 'sh -c "$(curl x)"' },
      summary: { ops: hostile, security: '{"__proto__":{"polluted":true}}', business: "'; DROP TABLE incidents; --" },
    });
    await store.putIncident(evil, true);
    expect(await store.getIncident('__proto__')).toEqual(evil);
    expect((await store.listIncidents({ limit: 10, host: hostile })).items).toEqual([evil]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(attempt(() => store.listIncidents({ limit: 1, cursor: 'not-a-cursor' }))).rejects.toThrow(
      InvalidCursorError,
    );
    const forged = Buffer.from('["x","y"]').toString('base64url');
    await expect(attempt(() => store.listIncidents({ limit: 1, cursor: forged }))).rejects.toThrow(InvalidCursorError);
  });

  it('closes safely twice', async () => {
    await store.close();
    await expect(attempt(() => store.close())).resolves.toBeUndefined();
  });
}
