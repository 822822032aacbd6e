import type { Anomaly, Asset, Finding, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import { sharedPostgres } from '../../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';
import { checkScenario } from '../scenarios/check';
import type { Kind } from '../scenarios/kinds';
import { buildScenario } from '../scenarios/kinds';
import type { TestService } from './harness';
import { push, scenarioRequests, startTestService } from './harness';

/**
 * The change kinds of issue #13 end to end through the service: each scenario's metrics, security events, change JSON
 * and dpkg.log lines pushed over HTTP to a running correlator (its real SQLite store), then read back through the
 * query API — the same bar as replay (test/scenarios.test.ts), plus what only the store knows (the asset inventory).
 * Every scenario runs on both stores: the embedded SQLite one and PostgreSQL (a fresh database each, --store-url).
 */

let running: TestService | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

async function api<T>(path: string): Promise<T> {
  if (running === undefined) throw new Error('no service');
  const response = await fetch(`${running.service.apiUrl}/api/v1${path}`);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface Served {
  anomalies: Anomaly[];
  incidents: Incident[];
  findings: Finding[];
  assets: { items: Asset[]; total: number; unmanaged: number };
}

/** The service hands the entities it saw to the store on its tick: ask until two answers a few ticks apart agree. */
const TICK_MS = 50;
async function settled<T>(read: () => Promise<T>): Promise<T> {
  let last = JSON.stringify(await read());
  for (let tries = 0; tries < 100; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 4 * TICK_MS));
    const value = await read();
    const text = JSON.stringify(value);
    if (text === last) return value;
    last = text;
  }
  throw new Error(`the answer did not settle: ${last.slice(0, 500)}`);
}

type StoreKind = 'SQLite' | 'PostgreSQL';

async function serve(store: StoreKind, kind: Kind, seed: number): Promise<Served> {
  const url = store === 'PostgreSQL' ? await sharedPostgres('changes') : '';
  // Data time stands still once the scenario is in: what the API serves is the scenario's own end state.
  running = await startTestService({ engine: { idle_advance_ms: 0 }, store: { url } }, { tickMs: TICK_MS });
  await push(running.service.otlpUrl, scenarioRequests(buildScenario(kind, seed)));
  const anomalies = (await api<{ items: Anomaly[] }>('/anomalies?limit=1000')).items;
  const incidents = (await api<{ items: Incident[] }>('/incidents?limit=1000')).items;
  const findings = (await api<{ items: Finding[] }>('/findings?limit=1000')).items;
  const assets = await settled(() => api<Served['assets']>('/assets'));
  return { anomalies, incidents, findings, assets };
}

const CASES: Array<[StoreKind, number]> = (['SQLite', 'PostgreSQL'] as const).flatMap((store) =>
  [1, 2].map((seed): [StoreKind, number] => [store, seed]),
);

describe('changes, findings and the inventory through the running service', () => {
  it.each(CASES)(
    'a deploy explains a benign spike: an operational change, no security incident (%s, seed %d)',
    async (store, seed) => {
      const scenario = buildScenario('deploy-explains-spike', seed);
      const served = await serve(store, 'deploy-explains-spike', seed);
      expect(checkScenario(served, scenario.expect)).toEqual([]);
      // An alert elsewhere on the host may make a low-score incident: it is told as the change, not as an attack.
      for (const incident of served.incidents) {
        expect(incident.score).toBeLessThan(CORRELATED_SCORE);
        expect(incident.summary.business).toMatch(/^An operational change, not an attack/);
        expect(incident.changes?.[0]?.summary).toBe(scenario.expect.changeBeside?.summary);
      }
      // The change is listed by /changes on its host.
      const host = scenario.host.name;
      const changes = (await api<{ items: Array<{ summary: string }> }>(`/changes?host=${encodeURIComponent(host)}`))
        .items;
      expect(changes.map((c) => c.summary)).toContain(scenario.expect.changeBeside?.summary);
    },
    60_000,
  );

  it.each(CASES)(
    'a miner shortly after an unrelated deploy is still a security incident, the deploy as context (%s, seed %d)',
    async (store, seed) => {
      const scenario = buildScenario('miner-after-deploy', seed);
      const served = await serve(store, 'miner-after-deploy', seed);
      expect(checkScenario(served, scenario.expect)).toEqual([]);
      const incident = served.incidents.find((i) => i.score >= CORRELATED_SCORE) as Incident;
      expect(incident.summary.business).not.toMatch(/operational change/i);
      expect(incident.changes?.[0]).toMatchObject({
        kind: scenario.expect.changeBeside?.kind,
        summary: scenario.expect.changeBeside?.summary,
      });
    },
    60_000,
  );

  it.each(CASES)(
    'a firewall change left open is an open finding on its host; the one reverted is none (%s, seed %d)',
    async (store, seed) => {
      const scenario = buildScenario('firewall-left-open', seed);
      const served = await serve(store, 'firewall-left-open', seed);
      expect(checkScenario(served, scenario.expect)).toEqual([]);
      const open = served.findings.filter((f) => f.status === 'open');
      expect(open.map((f) => f.asset)).toEqual([{ kind: 'host', name: scenario.host.name }]);
      const host = served.assets.items.find((a) => a.kind === 'host' && a.name === scenario.host.name);
      expect(host?.findings).toBe(1);
    },
    60_000,
  );

  it.each(CASES)(
    'a host with only security telemetry is unmanaged; the monitored host is managed (%s, seed %d)',
    async (store, seed) => {
      const scenario = buildScenario('security-only-host', seed);
      const served = await serve(store, 'security-only-host', seed);
      expect(checkScenario(served, scenario.expect)).toEqual([]);
      const hosts = served.assets.items.filter((a) => a.kind === 'host');
      for (const name of scenario.expect.unmanagedHosts ?? []) {
        const zombie = hosts.find((a) => a.name === name);
        expect(zombie).toMatchObject({ managed: false, status: 'signals-only' });
        expect(zombie?.seen.metrics).toBeUndefined();
        expect(zombie?.seen.signals).toBeDefined();
        expect(zombie?.reason).toContain('security');
      }
      expect(hosts.find((a) => a.name === scenario.host.name)).toMatchObject({ managed: true, status: 'managed' });
      const kpis = await api<{ unmanagedAssets: { unmanaged: number; total: number; percent: number | null } }>(
        '/kpis',
      );
      expect(kpis.unmanagedAssets.unmanaged).toBeGreaterThanOrEqual(1);
      expect(kpis.unmanagedAssets.percent).toBeGreaterThan(0);
    },
    60_000,
  );
});
