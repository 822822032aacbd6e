import { anomaly, incident, iso, MINUTE, T0 } from '../records';
import { TooManyBucketsError } from '../../kpis';
import type { IncidentStore } from '../../store';
import type { StoreUnderTest } from './harness';
import { attempt } from './harness';

const HOUR = 60 * MINUTE;

/** The executive dashboard's figures on a fixture whose answers are worked out by hand. */
export function kpisBehaviour(subject: StoreUnderTest): void {
  describe('on a known fixture', () => fixtureKpis(subject));

  // Its own store, opened once the fixture's is closed (a new PostgreSQL store starts from empty tables).
  describe('openByService', () => {
    it('orders services by open incidents, most first, nameless last among equals', async () => {
      const extra = await subject.open();
      const open = (id: string, service?: string) =>
        incident({
          id,
          status: 'open',
          end: null,
          entity: service === undefined ? { 'host.name': 'h' } : { 'host.name': 'h', 'service.name': service },
        });
      for (const i of [open('1', 'b'), open('2', 'a'), open('3'), open('4', 'b'), open('5', 'c')])
        await extra.putIncident(i, false);
      expect((await extra.kpis({})).openByService).toEqual([
        { service: 'b', count: 2 },
        { service: 'a', count: 1 },
        { service: 'c', count: 1 },
        { service: null, count: 1 },
      ]);
      await extra.close();
    });
  });
}

function fixtureKpis(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeAll(async () => {
    store = await subject.open();
    const at = (minutes: number): string => iso(T0 + minutes * MINUTE);
    await store.putIncident(
      incident({ id: 'A', status: 'open', severity: 'critical', score: 0.9, start: at(10), end: null }),
      false,
    );
    await store.putIncident(
      incident({
        id: 'B',
        status: 'open',
        severity: 'high',
        score: 0.6,
        start: at(70),
        end: null,
        entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
      }),
      false,
    );
    // Uncorrelated: counted nowhere.
    await store.putIncident(
      incident({ id: 'C', status: 'open', severity: 'high', score: 0.3, start: at(75), end: null }),
      false,
    );
    await store.putIncident(incident({ id: 'D', severity: 'high', score: 0.8, start: at(20), end: at(50) }), true);
    await store.putIncident(incident({ id: 'E', severity: 'low', score: 0.7, start: at(130), end: at(150) }), true);
    // Resolved before the range.
    await store.putIncident(incident({ id: 'F', score: 0.9, start: at(-120), end: at(-60) }), true);
    await store.putIncident(
      incident({
        id: 'G',
        status: 'open',
        severity: 'medium',
        score: 0.5,
        entity: { 'host.name': 'db-1' },
        start: at(100),
        end: null,
      }),
      false,
    );
    await store.putAnomaly(anomaly({ id: 'noise' }), true);

    const seen = (host: string, kind: 'metrics' | 'signals', minutes: number, container?: string) => ({
      host,
      kind,
      time: T0 + minutes * MINUTE,
      container,
    });
    await store.noteEntities([
      seen('web-1', 'metrics', 5),
      seen('web-1', 'metrics', 5),
      seen('web-1', 'signals', 30, 'c'.repeat(64)),
      seen('db-1', 'metrics', 40),
      seen('bastion', 'signals', 60),
      seen('retired', 'metrics', -300),
      seen('retired', 'signals', -300),
    ]);
  });
  afterAll(() => store.close());

  it('counts open correlated incidents by severity, MTTR, incidents per step and coverage', async () => {
    expect(await store.kpis({ from: T0, to: T0 + 3 * HOUR, stepMs: HOUR })).toEqual({
      openBySeverity: { low: 0, medium: 1, high: 1, critical: 1 },
      // D took 30 min, E 20 min; F resolved before the range.
      meanTimeToResolveMs: 25 * MINUTE,
      incidentsOverTime: [
        { time: iso(T0), count: 2 },
        { time: iso(T0 + HOUR), count: 2 },
        { time: iso(T0 + 2 * HOUR), count: 1 },
      ],
      coverage: { both: 1, metricsOnly: 1, signalsOnly: 1 },
      // A (web-1) and B (checkout) are open on web-1; G on db-1 has no service.
      openByService: [
        { service: null, count: 2 },
        { service: 'checkout', count: 1 },
      ],
      // D resolved at 50 min (30 min), E at 150 min (20 min).
      meanTimeToResolveOverTime: [
        { time: iso(T0), meanMs: 30 * MINUTE, resolved: 1 },
        { time: iso(T0 + HOUR), meanMs: null, resolved: 0 },
        { time: iso(T0 + 2 * HOUR), meanMs: 20 * MINUTE, resolved: 1 },
      ],
      // critical 8 × 0.9 + high 4 × 0.6 + medium 2 × 0.5
      riskExposure: 10.6,
      // web-1's metrics stop 25 min before its last signal; db-1 only has metrics, bastion only signals; web-1's container is seen only by security (metrics through its host, which went silent).
      unmanagedAssets: { total: 4, unmanaged: 4, percent: 100 },
      changeRelated: { incidents: 6, afterChange: 0, rate: 0 },
      byBusinessService: [
        {
          service: null,
          name: null,
          tier: null,
          incidents: 5,
          open: 3,
          riskExposure: 10.6,
          meanTimeToResolveMs: 1500000,
        },
      ],
    });
  });

  it('narrows every figure to an entity', async () => {
    const kpis = await store.kpis({ from: T0, to: T0 + 3 * HOUR, stepMs: HOUR, host: 'db-1' });
    expect(kpis.openBySeverity).toEqual({ low: 0, medium: 1, high: 0, critical: 0 });
    expect(kpis.meanTimeToResolveMs).toBeNull();
    expect(kpis.incidentsOverTime.map((b) => b.count)).toEqual([0, 1, 0]);
    expect(kpis.coverage).toEqual({ both: 0, metricsOnly: 1, signalsOnly: 0 });
    expect(kpis.openByService).toEqual([{ service: null, count: 1 }]);
    expect(kpis.riskExposure).toBe(1);
    expect(kpis.meanTimeToResolveOverTime.map((b) => b.resolved)).toEqual([0, 0, 0]);
  });

  it('spans the data when no range is given', async () => {
    const kpis = await store.kpis({ stepMs: HOUR });
    expect(kpis.incidentsOverTime[0]).toEqual({ time: iso(T0 - 2 * HOUR), count: 1 });
    expect(kpis.incidentsOverTime.reduce((sum, b) => sum + b.count, 0)).toBe(6);
    expect(kpis.meanTimeToResolveMs).toBe(((30 + 20 + 60) * MINUTE) / 3);
    expect(kpis.coverage).toEqual({ both: 2, metricsOnly: 1, signalsOnly: 1 });
    // Resolutions bucket by end: F's at -60 min opens the span.
    expect(kpis.meanTimeToResolveOverTime[0]).toEqual({ time: iso(T0 - HOUR), meanMs: HOUR, resolved: 1 });
    expect(kpis.meanTimeToResolveOverTime.reduce((sum, b) => sum + b.resolved, 0)).toBe(3);
  });

  it('refuses a step that makes too many buckets', async () => {
    await expect(attempt(() => store.kpis({ from: T0, to: T0 + 3 * HOUR, stepMs: 1 }))).rejects.toThrow(
      TooManyBucketsError,
    );
  });
}
