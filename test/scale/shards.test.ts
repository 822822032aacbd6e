import { CORRELATED_SCORE } from '@lockstep/contract';
import type { Incident } from '@lockstep/contract';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { PostgresServer } from '../../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';
import {
  createDatabase,
  startPostgresServer,
} from '../../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';
import { buildScenario } from '../scenarios/kinds';
import type { Kind, Scenario } from '../scenarios/kinds';
import type { ServeChild } from '../service/child';
import { spawnServe } from '../service/child';
import { push, scenarioRequests, startTestService } from '../service/harness';
import { scenarioOtlp } from './otlp';
import type { OtlpRequest } from './otlp';
import { ShardRouter } from './router';

/**
 * Three `lockstep serve` shards on one real PostgreSQL, fed through a router that spreads hosts by `host.name` as
 * the Collector's load-balancing exporter does (router.ts). Scenarios for different hosts land on different shards;
 * every shard's API answers for all of them. Then a shard is killed with SIGKILL while its host has an open
 * incident (a survivor ends it within the lease; the host moves on), and PostgreSQL itself is killed and restarted
 * under load (ingest answers 503 with Retry-After and /readyz says why; the shards recover by themselves; nothing
 * acknowledged is lost — the incidents and anomalies are those a single correlator finds in the same data).
 *
 * The scenarios are chosen so that the ring (shard-1..3) gives each shard a host, and pushed in data-time order:
 * each shard's engine keeps one watermark, as it would with live hosts sharing one clock.
 */
const LEASE_SECONDS = 3;
const SHARDS = ['shard-1', 'shard-2', 'shard-3'];
const PLACED: Array<[Kind, number, string]> = [
  ['miner-starves-service', 4, 'shard-2'],
  ['container-miner', 5, 'shard-3'],
  ['web-shell-compressor', 3, 'shard-1'],
];
/** Its host is on shard-2, the one killed; it moves to shard-1. */
const KILLED: [Kind, number] = ['respawning-miner', 6];
/** Pushed to shard-3 while PostgreSQL is down. */
const OUTAGE: [Kind, number] = ['miner', 2];

let server: PostgresServer;
let url: string;
let dir: string;
const shards = new Map<string, ServeChild>();
let router: ShardRouter;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockstep-shards-'));
  server = await startPostgresServer();
  url = await createDatabase(server.url, 'shards');
  const config = path.join(dir, 'shard.yaml');
  writeFileSync(config, `store:\n  lease_seconds: ${LEASE_SECONDS}\nlimits:\n  retry_after_seconds: 1\n`);
  const started = await Promise.all(
    SHARDS.map((name) => spawnServe(path.join(dir, name), ['--store-url', url, '--config', config])),
  );
  SHARDS.forEach((name, i) => shards.set(name, started[i] as ServeChild));
  router = new ShardRouter(new Map(SHARDS.map((name) => [name, shards.get(name)?.otlpUrl ?? ''])));
}, 120_000);

afterAll(async () => {
  // A shard that exited on its own is a failure of its own: its log says why.
  for (const [name, shard] of shards) {
    if (shard.child.exitCode !== null && name !== 'shard-2') {
      process.stderr.write(`${name} exited with ${shard.child.exitCode}:\n${shard.logs.slice(-20).join('\n')}\n`);
    }
  }
  for (const shard of shards.values()) shard.child.kill('SIGKILL');
  await server?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function send(requests: readonly OtlpRequest[]): Promise<void> {
  for (const request of requests) await router.send(request.path, request.body);
}

async function api<T>(shard: string, route: string): Promise<{ status: number; body: T; retryAfter: string | null }> {
  const response = await fetch(`${shards.get(shard)?.apiUrl}${route}`);
  return {
    status: response.status,
    body: (await response.json()) as T,
    retryAfter: response.headers.get('retry-after'),
  };
}

const incidents = async (shard: string, query = ''): Promise<Incident[]> =>
  (await api<{ items: Incident[] }>(shard, `/api/v1/incidents?limit=1000${query}`)).body.items;

async function rows(sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Date.now() - started;
}

/** What one correlator on SQLite finds in the same scenario: the reference for "nothing lost". */
async function alone(scenario: Scenario): Promise<{ incidents: Incident[]; anomalies: string[] }> {
  const reference = await startTestService();
  try {
    await push(reference.service.otlpUrl, scenarioRequests(scenario));
    const store = reference.service.store;
    return {
      incidents: (await store.listIncidents({ limit: 1000 })).items,
      anomalies: (await store.listAnomalies({ limit: 1000 })).items.map((a) => a.id),
    };
  } finally {
    await reference.dispose();
  }
}

test('shards on one PostgreSQL: hosts spread, any shard answers for all, a killed shard and a database restart lose nothing', async () => {
  // 1. Hosts spread over the three shards; every shard's API lists every incident, with ids that never collide.
  const placed = PLACED.map(([kind, seed]) => buildScenario(kind, seed));
  PLACED.forEach(([, , shard], i) =>
    expect([placed[i]?.host.name, router.shardOf(placed[i]?.host.name ?? '')]).toEqual([placed[i]?.host.name, shard]),
  );
  for (const scenario of placed) await send(scenarioOtlp(scenario));
  const seen = await Promise.all(SHARDS.map((shard) => incidents(shard)));
  const ids = seen.map((list) => list.map((i) => i.id).sort());
  expect(ids[1]).toEqual(ids[0]);
  expect(ids[2]).toEqual(ids[0]);
  expect(new Set(ids[0]).size).toBe(ids[0]?.length);
  for (const scenario of placed) {
    const found = seen[0]?.find((i) => i.entity['host.name'] === scenario.host.name && i.score >= CORRELATED_SCORE);
    expect([scenario.host.name, found?.culprit?.['process.executable.name']]).toEqual([
      scenario.host.name,
      scenario.expect.culprit?.name,
    ]);
  }
  // KPIs and entities are the whole fleet's, from any shard (once every shard's writes reached the database: a
  // shard still flushing its last signals can answer a moment behind the others).
  const fleetKpis = (): Promise<Array<{ body: unknown }>> =>
    Promise.all(SHARDS.map((shard) => api<{ openBySeverity: unknown }>(shard, '/api/v1/kpis')));
  await eventually(
    'every shard to answer the same KPIs',
    async () => {
      const [first, ...rest] = await fleetKpis();
      return rest.every((other) => JSON.stringify(other.body) === JSON.stringify(first?.body));
    },
    10_000,
  );
  const kpis = await fleetKpis();
  expect(kpis[1]?.body).toEqual(kpis[0]?.body);
  const hosts = await api<{ items: string[] }>('shard-3', '/api/v1/entities?kind=hosts');
  expect(hosts.body.items).toEqual(expect.arrayContaining(placed.map((s) => s.host.name)));

  // 2. kill -9 the shard whose host has an open incident: a survivor ends it within a lease; the host moves on.
  const killed = buildScenario(...KILLED);
  const victimHost = killed.host.name;
  expect(router.shardOf(victimHost)).toBe('shard-2');
  const requests = scenarioOtlp(killed);
  let sent = 0;
  const openOnVictim = async (): Promise<boolean> =>
    (await incidents('shard-2', `&status=open&host=${victimHost}`)).length > 0;
  while (sent < requests.length && !(sent % 10 === 0 && (await openOnVictim()))) {
    await send([requests[sent] as OtlpRequest]);
    sent += 1;
  }
  expect(sent).toBeLessThan(requests.length);
  const openBefore = await incidents('shard-1', `&status=open&host=${victimHost}`);
  expect(openBefore).toHaveLength(1);
  const victim = shards.get('shard-2') as ServeChild;
  // Each shard names itself host-pid-random in the shards table and on what it writes.
  const ownedOpen = `SELECT id FROM incidents WHERE status = 'open' AND owner LIKE '%-${victim.child.pid}-%'`;
  const orphaned = (await rows(ownedOpen)).length;
  expect(orphaned).toBeGreaterThanOrEqual(1);
  victim.child.kill('SIGKILL');
  expect(await victim.exited).toBeNull();
  shards.delete('shard-2');
  const closedAfter = await eventually(
    "the killed shard's open incident ended by a survivor",
    async () => (await incidents('shard-1', `&status=open&host=${victimHost}`)).length === 0,
    (LEASE_SECONDS * 2 + 5) * 1000,
  );
  expect(closedAfter).toBeLessThan((LEASE_SECONDS + LEASE_SECONDS / 3 + 3) * 1000);
  await eventually(
    'every open incident of the killed shard ended',
    async () => (await rows(ownedOpen)).length === 0,
    5_000,
  );
  const ended = (await api<Incident>('shard-3', `/api/v1/incidents/${openBefore[0]?.id}`)).body;
  expect(ended.status).toBe('resolved');
  expect(Date.parse(ended.end ?? '')).toBeGreaterThanOrEqual(Date.parse(ended.start));
  // Its host's telemetry now goes to shard-1, whose engine takes it up.
  await send(requests.slice(sent));
  expect(router.shardOf(victimHost)).toBe('shard-1');
  expect(router.answers.get('refused')).toBeGreaterThan(0);
  const metrics = await (await fetch(`${shards.get('shard-1')?.apiUrl}/metrics`)).text();
  expect(metrics).toMatch(/^lockstep_engine_hosts 2$/m);

  // 3. PostgreSQL killed under load and restarted: 503 + Retry-After, /readyz says why, recovery by itself.
  const outage = buildScenario(...OUTAGE);
  expect(router.shardOf(outage.host.name)).toBe('shard-3');
  const outageRequests = scenarioOtlp(outage);
  const third = Math.floor(outageRequests.length / 3);
  await send(outageRequests.slice(0, third));
  await server.kill();
  const pushing = send(outageRequests.slice(third));
  await eventually('shard-3 not ready', async () => (await api('shard-3', '/readyz')).status === 503, 20_000);
  const readyz = await api<{ status: string; reason: string }>('shard-3', '/readyz');
  expect(readyz.body).toEqual({ status: 'not ready', reason: expect.stringMatching(/PostgreSQL/) });
  const query = await api<{ error: string }>('shard-1', '/api/v1/incidents');
  expect([query.status, query.retryAfter]).toEqual([503, '5']);
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  expect(router.answers.get('503')).toBeGreaterThan(0);
  await server.restart();
  await pushing;
  await eventually(
    'every shard ready again',
    async () => {
      const answers = await Promise.all([...shards.keys()].map((shard) => api(shard, '/readyz')));
      return answers.every((a) => a.status === 200);
    },
    20_000,
  );

  const reference = await alone(outage);
  const stored = (await incidents('shard-1', `&host=${outage.host.name}`)).map(shape);
  expect(stored.sort(byId)).toEqual(reference.incidents.map(shape).sort(byId));
  const anomalies = (
    await api<{ items: Array<{ id: string }> }>('shard-1', `/api/v1/anomalies?limit=1000&host=${outage.host.name}`)
  ).body.items;
  expect(anomalies.map((a) => a.id).sort()).toEqual([...reference.anomalies].sort());

  // Only the killed shard's incidents were ever taken for orphans: the outage made every lease look expired, and
  // no survivor closed another's incidents for it.
  const swept = [...shards.values()]
    .flatMap((shard) => shard.logs)
    .filter((line) => line.includes('ended the open incidents of shards whose lease expired'))
    .map((line) => (JSON.parse(line) as { incidents: number }).incidents)
    .reduce((sum, n) => sum + n, 0);
  expect(swept).toBe(orphaned);
  const orphans = await rows("SELECT id FROM incidents WHERE status = 'open' AND owner IS NULL");
  expect(orphans).toEqual([]);
}, 300_000);

/** What must survive: identity, state, verdict and evidence (repeat counts may differ after a retried request). */
function shape(incident: Incident): object {
  return {
    id: incident.id,
    status: incident.status,
    start: incident.start,
    end: incident.end,
    anomalies: [...incident.anomalies].sort(),
    culprit: incident.culprit?.['process.pid'],
    signals: incident.signals.map((s) => `${s.source}/${s.rule}`).sort(),
  };
}

function byId(a: object, b: object): number {
  return (a as { id: string }).id < (b as { id: string }).id ? -1 : 1;
}
