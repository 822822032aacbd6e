import { anomaly, incident, iso, MINUTE, T0 } from '../records';
import type { IncidentStore } from '../../store';
import { attempt } from './harness';
import type { StoreUnderTest } from './harness';

const HOUR = 60 * MINUTE;
const at = (minutes: number): string => iso(T0 + minutes * MINUTE);
const ORDERS = {
  service: 'checkout',
  name: 'Online order processing',
  tier: 1,
  owner: 'Payments',
  cost_per_hour: 12000,
};
const DEPLOY = { time: at(5), kind: 'deploy', summary: 'checkout 1.4.2', source: 'change' as const, id: 'd1' };

/** The KPIs of changes, assets and business services (#13). */
export function kpisChangesBehaviour(subject: StoreUnderTest): void {
  let store: IncidentStore;
  beforeAll(async () => {
    store = await subject.open();
    await store.putIncident(
      incident({
        id: 'A',
        status: 'open',
        severity: 'critical',
        score: 0.9,
        start: at(10),
        end: null,
        business: ORDERS,
      }),
      false,
    );
    await store.putIncident(
      incident({
        id: 'B',
        severity: 'high',
        score: 0.8,
        start: at(20),
        end: at(50),
        business: ORDERS,
        changes: [DEPLOY],
      }),
      true,
    );
    await store.putIncident(
      incident({ id: 'C', severity: 'high', score: 0.3, start: at(30), end: at(40), changes: [DEPLOY] }),
      true,
    );
    await store.putIncident(
      incident({ id: 'D', severity: 'medium', score: 0.7, start: at(40), end: at(60), business: null }),
      true,
    );
    await store.putAnomaly(anomaly({ id: 'noise' }), true);
    await store.noteEntities([
      { host: 'web-1', kind: 'metrics', time: T0 + 5 * MINUTE },
      { host: 'web-1', kind: 'signals', time: T0 + 6 * MINUTE },
      { host: 'zombie-3', kind: 'signals', time: T0 + 6 * MINUTE },
    ]);
  });
  afterAll(() => store.close());

  const kpis = () => attempt(() => store.kpis({ from: T0, to: T0 + 3 * HOUR, stepMs: HOUR }));

  it('counts the incidents that followed a change: the change failure rate', async () => {
    expect((await kpis()).changeRelated).toEqual({ incidents: 4, afterChange: 2, rate: 0.5 });
  });

  it('breaks correlated incidents down by business service and tier, the riskiest first', async () => {
    expect((await kpis()).byBusinessService).toEqual([
      {
        service: 'checkout',
        name: 'Online order processing',
        tier: 1,
        incidents: 2,
        open: 1,
        riskExposure: 7.2,
        meanTimeToResolveMs: 30 * MINUTE,
      },
      {
        service: null,
        name: null,
        tier: null,
        incidents: 1,
        open: 0,
        riskExposure: 0,
        meanTimeToResolveMs: 20 * MINUTE,
      },
    ]);
  });

  it('gives the unmanaged share of the assets seen', async () => {
    expect((await kpis()).unmanagedAssets).toEqual({ total: 2, unmanaged: 1, percent: 50 });
    expect((await store.kpis({ from: T0 + 10 * HOUR, to: T0 + 11 * HOUR })).unmanagedAssets).toEqual({
      total: 0,
      unmanaged: 0,
      percent: null,
    });
  });
}
