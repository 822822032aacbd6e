import type { Incident, IncidentSeverity } from '@lockstep/contract';
import type { Pool } from 'pg';
import { uniform } from '../../../__fixtures__/uniform';
import { incident, iso, MINUTE, T0 } from '../__fixtures__/records';
import { sharedPostgres } from '../__fixtures__/postgres-server';
import { computeKpis } from '../kpis';
import { SqliteStore } from '../sqlite';
import type { KpiQuery, Kpis } from '../store';
import { computeKpisPg } from './kpis';
import { createPool, DEFAULT_POOL_LIMITS } from './pool';
import { PostgresStore } from './postgres';

/**
 * The KPI rollups (postgres/rollups.ts, ../rollups.ts) against the incidents themselves: several shards write,
 * rewrite and adopt incidents, retention prunes them, and every KPI PostgreSQL reads from its rollups equals the
 * same read from the incidents alone, SQLite's from its rollups and SQLite's from its incidents, for the same
 * incidents — on PostgreSQL before the deltas are folded and after.
 */
const HOUR = 60 * MINUTE;
const H0 = T0 - (T0 % HOUR);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const SERVICES = ['checkout', 'pay\\ments\u0000', undefined, 'search'] as const;
const BUSINESS: Record<string, Incident['business']> = {
  checkout: { service: 'checkout', name: 'Online order processing', tier: 1, owner: 'Payments', cost_per_hour: 1 },
  search: { service: 'search', name: 'Search', tier: '2' as unknown as number, owner: 'Web', cost_per_hour: 2 },
};
const CHANGE = { time: iso(T0), kind: 'deploy', summary: 'v2', source: 'change' as const, id: 'd1' };

function severityOf(score: number): IncidentSeverity {
  if (score >= 0.9) return 'critical';
  if (score >= 0.7) return 'high';
  if (score >= 0.5) return 'medium';
  return 'low';
}

function someIncident(rng: () => number, id: string): Incident {
  const start = T0 - 6 * HOUR + Math.floor(rng() * 12 * HOUR);
  const open = rng() < 0.2;
  const score = Math.round((0.1 + rng() * 0.9) * 100) / 100;
  const service = SERVICES[Math.floor(rng() * SERVICES.length)];
  const entity: Incident['entity'] = { 'host.name': `web-${Math.floor(rng() * 6)}` };
  if (service !== undefined) entity['service.name'] = service;
  if (rng() < 0.3) entity['container.id'] = 'c'.repeat(64);
  const business = service === undefined ? undefined : BUSINESS[service];
  return incident({
    id,
    status: open ? 'open' : 'resolved',
    entity,
    start: iso(start),
    end: open ? null : iso(start + Math.floor(rng() * 200 * MINUTE)),
    score,
    severity: severityOf(score),
    ...(business === undefined ? {} : { business }),
    ...(rng() < 0.25 ? { changes: [CHANGE] } : {}),
  });
}

/** A rewrite of an incident: resolved, its end moved, its score across the threshold, its service changed. */
function rewritten(rng: () => number, before: Incident): Incident {
  const after = someIncident(rng, before.id);
  return { ...after, start: before.start, end: after.end === null ? null : after.end };
}

const QUERIES: Array<[string, KpiQuery]> = [
  ['whole hours, hourly', { from: H0 - 7 * HOUR, to: H0 + 8 * HOUR, stepMs: HOUR }],
  ['whole hours, three-hourly', { from: H0 - 6 * HOUR, to: H0 + 5 * HOUR, stepMs: 3 * HOUR }],
  ['whole hours, quarter-hourly', { from: H0 - 2 * HOUR, to: H0 + 2 * HOUR, stepMs: HOUR / 4 }],
  ['one service', { from: H0 - 7 * HOUR, to: H0 + 8 * HOUR, stepMs: HOUR, service: 'checkout' }],
  ['a hostile service', { from: H0 - 3 * HOUR, to: H0 + 8 * HOUR, stepMs: HOUR, service: 'pay\\ments\u0000' }],
  ['a later range', { from: H0 + HOUR, to: H0 + 3 * HOUR, stepMs: HOUR }],
  ['not whole hours', { from: H0 - 3 * HOUR + 17 * MINUTE, to: H0 + 2 * HOUR, stepMs: HOUR }],
  ['one host', { from: H0 - 7 * HOUR, to: H0 + 8 * HOUR, stepMs: HOUR, host: 'web-1' }],
  ['no range', { stepMs: HOUR }],
];

describe('KPI rollups on PostgreSQL and SQLite', () => {
  let url: string;
  let pool: Pool;
  let sqlite: SqliteStore;
  const shards: PostgresStore[] = [];
  beforeAll(async () => {
    url = await sharedPostgres('rollups');
    pool = await createPool(url, DEFAULT_POOL_LIMITS, () => undefined);
    sqlite = new SqliteStore(':memory:');
    for (const id of ['a', 'b', 'c']) shards.push(await PostgresStore.open(url, { shardId: id, leaseMs: 60_000 }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(shards.map((s) => s.close()));
    await pool.end();
    sqlite.close();
  });

  /** Every query, from the rollups, from the incidents alone, and from SQLite, equal. */
  async function expectSameKpis(): Promise<void> {
    for (const [name, query] of QUERIES) {
      const rolled = await (shards[0] as PostgresStore).kpis(query);
      const raw = await computeKpisPg(pool, query, { rollups: false });
      const lite: Kpis = sqlite.kpis(query);
      const liteRaw = computeKpis(sqlite['statements'], query, { rollups: false });
      expect({ name, kpis: rolled }).toEqual({ name, kpis: raw });
      expect({ name, kpis: lite }).toEqual({ name, kpis: liteRaw });
      expect({ name, kpis: rolled }).toEqual({ name, kpis: lite });
    }
  }

  const rollupCounts = async (): Promise<{ deltas: number; empty: number; rows: number }> => {
    const { rows } = await pool.query<{ deltas: number; empty: number; rows: number }>(
      'SELECT (SELECT count(*) FROM incident_rollup_deltas) AS deltas, (SELECT count(*) FROM incident_rollups ' +
        'WHERE started = 0) AS empty, (SELECT count(*) FROM incident_rollups) AS rows',
    );
    return rows[0] as { deltas: number; empty: number; rows: number };
  };

  it('match the incidents and SQLite as shards write, rewrite and move incidents, before and after folding', async () => {
    const rng = uniform(15);
    const written = Array.from({ length: 300 }, (_, n) => someIncident(rng, `i${n}`));
    // Three shards at once, each its own group commits.
    await Promise.all(written.map((i, n) => (shards[n % 3] as PostgresStore).putIncident(i, i.status !== 'open')));
    for (const i of written) sqlite.putIncident(i, i.status !== 'open');
    await expectSameKpis();
    expect((await rollupCounts()).deltas).toBeGreaterThan(0);

    // Rewrites, some by another shard than the first writer (a host that moved), at once with new incidents.
    const later = written.filter((_, n) => n % 3 === 0).map((i) => rewritten(rng, i));
    const more = Array.from({ length: 60 }, (_, n) => someIncident(rng, `j${n}`));
    await Promise.all(
      [...later, ...more].map((i, n) => (shards[(n + 1) % 3] as PostgresStore).putIncident(i, i.status !== 'open')),
    );
    for (const i of [...later, ...more]) sqlite.putIncident(i, i.status !== 'open');
    await expectSameKpis();

    await (shards[1] as PostgresStore).heartbeat();
    expect((await rollupCounts()).deltas).toBe(0);
    await expectSameKpis();
  }, 60_000);

  it("match them once a dead shard's open incidents are adopted", async () => {
    const lease = 400;
    const dead = await PostgresStore.open(url, { shardId: 'dead', leaseMs: lease });
    const rng = uniform(16);
    const orphans = Array.from({ length: 20 }, (_, n) => ({
      ...someIncident(rng, `dead${n}`),
      status: 'open' as const,
      end: null,
    }));
    await Promise.all(orphans.map((i) => dead.putIncident(i, false)));
    const seen = [{ host: 'web-1', kind: 'metrics' as const, time: T0 + 7 * HOUR }];
    await dead.noteEntities(seen);
    sqlite.noteEntities(seen);
    await dead.heartbeat();
    // Killed: no renewals, no goodbye.
    await dead['pool'].end();
    dead['lease'].stop = async () => undefined;
    const survivor = await PostgresStore.open(url, { shardId: 'survivor', leaseMs: lease });
    await survivor.heartbeat();
    await sleep(lease + 100);
    await survivor.heartbeat();
    const adopted = await Promise.all(orphans.map((i) => survivor.getIncident(i.id)));
    expect(adopted.every((i) => i?.status === 'resolved')).toBe(true);
    for (const i of adopted) sqlite.putIncident(i as Incident, true);
    await expectSameKpis();
    await survivor.close();
  }, 30_000);

  it('match them after retention, and drop the rollup rows left counting nothing', async () => {
    const cutoff = T0 - HOUR;
    const pruned = await (shards[2] as PostgresStore).prune(cutoff);
    expect(pruned).toBeGreaterThan(0);
    sqlite.prune(cutoff);
    const counts = await rollupCounts();
    expect(counts).toMatchObject({ deltas: 0, empty: 0 });
    expect(sqlite['statements'].get('SELECT count(*) AS n FROM incident_rollups WHERE started = 0').get()).toEqual({
      n: 0,
    });
    await expectSameKpis();
    // Truncating the incidents (as a test harness does) empties the rollups with them.
    await pool.query('TRUNCATE incidents');
    expect(await rollupCounts()).toEqual({ deltas: 0, empty: 0, rows: 0 });
  }, 30_000);
});
