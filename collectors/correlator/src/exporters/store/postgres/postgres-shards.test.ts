import { Client } from 'pg';
import { anomaly, incident, iso, MINUTE, T0 } from '../__fixtures__/records';
import type { PostgresServer } from '../__fixtures__/postgres-server';
import { createDatabase, sharedPostgres, startPostgresServer } from '../__fixtures__/postgres-server';
import { StoreUnavailableError } from '../unavailable';
import { migratePg, PG_MIGRATIONS, PgSchemaTooNewError } from './migrations';
import { pgText } from './named';
import { createPool, DEFAULT_POOL_LIMITS } from './pool';
import { PostgresStore } from './postgres';

/** What PostgreSQL adds to the store's behaviour: shards sharing one database, leases, orphans, outages. */
async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('shards sharing one database', () => {
  it('start at once on an empty database: each migration applied exactly once, no shard failing', async () => {
    const url = await sharedPostgres('race');
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(url, { leaseMs: 60_000 })));
    const versions = await query<{ version: number }>(url, 'SELECT version FROM lockstep_schema ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(new Set(stores.map((s) => s.shardId)).size).toBe(6);
    expect((await query(url, 'SELECT id FROM shards')).length).toBe(6);
    await Promise.all(stores.map((s) => s.close()));
    // A shard that stops cleanly gives its lease up.
    expect(await query(url, 'SELECT id FROM shards')).toEqual([]);
  }, 30_000);

  it("fill the signal search columns of rows written before them, in the columns' escaped form", async () => {
    const url = await sharedPostgres('signal_columns');
    const pool = await createPool(url, DEFAULT_POOL_LIMITS, () => undefined);
    try {
      await migratePg(pool, PG_MIGRATIONS.slice(0, 1));
      const insert =
        'INSERT INTO signals (id, source, rule, severity, time_ms, end_ms, signal_key, body) ' +
        "VALUES ($1, 'falco', 'r', 'high', 1, 1, $1, $2)";
      const body = (fields: Record<string, string>): string => JSON.stringify({ id: 'x', ...fields });
      await pool.query(insert, ['old', body({ 'user.name': 'back\\slash', 'source.address': '203.0.113.7' })]);
      await pool.query(insert, ['nul', body({ 'user.name': 'a\u0000b' })]);
      await pool.query(insert, ['none', body({})]);
      expect(await migratePg(pool)).toEqual(PG_MIGRATIONS.slice(1).map((m) => m.version));
      const rows = await query<{ id: string; user_name: string | null; source_address: string | null }>(
        url,
        'SELECT id, user_name, source_address FROM signals ORDER BY id',
      );
      expect(rows).toEqual([
        { id: 'none', user_name: null, source_address: null },
        // NUL has no text form: the row keeps NULL there rather than failing the migration.
        { id: 'nul', user_name: null, source_address: null },
        { id: 'old', user_name: pgText('back\\slash'), source_address: '203.0.113.7' },
      ]);
    } finally {
      await pool.end();
    }
  }, 30_000);

  it('upgrade a database of the #15 schema (version 3) to changes, findings and KPI rollups, keeping what it holds', async () => {
    const url = await sharedPostgres('changes_upgrade');
    const pool = await createPool(url, DEFAULT_POOL_LIMITS, () => undefined);
    try {
      await migratePg(
        pool,
        PG_MIGRATIONS.filter((m) => m.version <= 3),
      );
      await pool.query(
        'INSERT INTO incidents (id, status, severity, score, host, start_ms, final, body) ' +
          "VALUES ('kept', 'resolved', 'high', 0.9, 'web-1', $1, true, $2)",
        [T0, JSON.stringify(incident({ id: 'kept' }))],
      );
      expect(await migratePg(pool)).toEqual([4, 5]);
    } finally {
      await pool.end();
    }
    const store = await PostgresStore.open(url, { leaseMs: 60_000 });
    try {
      expect((await store.listIncidents({ limit: 10 })).items.map((i) => i.id)).toEqual(['kept']);
      const change = { id: 'c1', time: iso(T0), kind: 'deploy', summary: 'v2', source: 'change' as const, entity: {} };
      await store.putChanges([change]);
      expect((await store.listChanges({ limit: 10 })).items).toEqual([change]);
      expect((await store.kpis({})).changeRelated).toEqual({ incidents: 1, afterChange: 0, rate: 0 });
      // The rollups (migration 5) were filled from the incident already kept: a range of whole hours reads them.
      const hour = T0 - (T0 % 3_600_000);
      const kpis = await store.kpis({ from: hour, to: hour + 3_600_000 });
      expect(kpis.incidentsOverTime).toEqual([{ time: iso(hour), count: 1 }]);
      expect(kpis.changeRelated).toEqual({ incidents: 1, afterChange: 0, rate: 0 });
    } finally {
      await store.close();
    }
  }, 30_000);

  it('refuse a database written by a newer lockstep, saying what to do', async () => {
    const url = await sharedPostgres('newer');
    const pool = await createPool(url, DEFAULT_POOL_LIMITS, () => undefined);
    await migratePg(pool);
    await pool.query('INSERT INTO lockstep_schema (version) VALUES (99)');
    await expect(migratePg(pool)).rejects.toThrow(PgSchemaTooNewError);
    await expect(migratePg(pool)).rejects.toThrow(/version 99 .* newer lockstep on every shard/);
    await pool.end();
  });

  it("end a dead shard's open incidents and anomalies at its last data time, and nobody else's", async () => {
    const url = await sharedPostgres('orphans');
    const lease = 400;
    const dead = await PostgresStore.open(url, { shardId: 'dead', leaseMs: lease });
    const alive = await PostgresStore.open(url, { shardId: 'alive', leaseMs: 60_000 });
    await dead.putAnomaly(anomaly({ id: 'a-dead', start: iso(T0), end: null }), false);
    await dead.putIncident(
      incident({ id: 'i-dead', status: 'open', start: iso(T0), end: null, anomalies: ['a-dead'] }),
      false,
    );
    // The dead shard's data time reaches T0 + 7 min before it dies.
    await dead.noteEntities([{ host: 'web-1', kind: 'metrics', time: T0 + 7 * MINUTE }]);
    await dead.heartbeat();
    await alive.putIncident(incident({ id: 'i-alive', status: 'open', start: iso(T0), end: null }), false);
    // Killed: no more renewals, no goodbye (its pool is simply gone).
    await dead['pool'].end();
    dead['lease'].stop = async () => undefined;

    const survivor = await PostgresStore.open(url, { shardId: 'survivor', leaseMs: lease });
    // Not before its own renewals have held for a whole lease: right after a database outage every lease looks
    // expired, and a shard must not take the others for dead before they could renew.
    await survivor.heartbeat();
    expect((await survivor.getIncident('i-dead'))?.status).toBe('open');
    await sleep(lease + 100);
    await survivor.heartbeat();

    const ended = await survivor.getIncident('i-dead');
    expect(ended).toEqual(
      incident({ id: 'i-dead', status: 'resolved', start: iso(T0), end: iso(T0 + 7 * MINUTE), anomalies: ['a-dead'] }),
    );
    const [endedAnomaly] = (await survivor.listAnomalies({ limit: 10 })).items;
    expect(endedAnomaly).toEqual(anomaly({ id: 'a-dead', start: iso(T0), end: iso(T0 + 7 * MINUTE) }));
    expect((await survivor.getIncident('i-alive'))?.status).toBe('open');
    expect(await query(url, "SELECT id FROM shards WHERE id = 'dead'")).toEqual([]);
    expect((await query<{ final: boolean }>(url, "SELECT final FROM incidents WHERE id = 'i-dead'"))[0]?.final).toBe(
      true,
    );
    await Promise.all([alive.close(), survivor.close()]);
  });

  it('commit the good writes of a batch when one write is refused for good', async () => {
    const url = await sharedPostgres('refused');
    const store = await PostgresStore.open(url, { leaseMs: 60_000 });
    // Past PostgreSQL's index row limit (random text: compressed, a repeated one would fit): refused for this
    // write only, never retried, the others committed.
    const noise = Array.from({ length: 12_000 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    const huge = incident({ id: 'huge', entity: { 'host.name': noise } });
    const results = await Promise.allSettled([
      store.putIncident(incident({ id: 'before' }), true),
      store.putIncident(huge, true),
      store.putIncident(incident({ id: 'after' }), true),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(StoreUnavailableError);
    expect((await store.listIncidents({ limit: 10 })).items.map((i) => i.id).sort()).toEqual(['after', 'before']);
    await store.close();
  });
});

describe('a database that is down', () => {
  let server: PostgresServer;
  let url: string;
  beforeAll(async () => {
    server = await startPostgresServer();
    url = await createDatabase(server.url, 'down');
  }, 120_000);
  afterAll(() => server.dispose());

  it('makes writes and reads reject with StoreUnavailableError, and the same store works again once it is back', async () => {
    const store = await PostgresStore.open(url, { leaseMs: 60_000 });
    await store.putIncident(incident({ id: 'before' }), true);
    await server.kill();
    const write = store.putIncident(incident({ id: 'during' }), true);
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(write).rejects.toThrow(/^the incident store cannot write: PostgreSQL: /);
    await expect(store.listIncidents({ limit: 10 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await server.restart();
    await store.putIncident(incident({ id: 'during' }), true);
    expect((await store.listIncidents({ limit: 10 })).items.map((i) => i.id).sort()).toEqual(['before', 'during']);
    await store.close();
  });

  it('survives the database dying while a connection is checked out between two statements', async () => {
    // As retention, the orphan sweep and rollup compaction hold a connection across statements: the server's
    // "terminating connection" arrives with no query running, and must not crash the process.
    const pool = await createPool(url, DEFAULT_POOL_LIMITS, () => undefined);
    const client = await pool.connect();
    await client.query('SELECT 1');
    await server.kill();
    await sleep(500);
    const failed = await client.query('SELECT 1').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    client.release(failed as Error);
    await server.restart();
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('makes a shard fail to start with a sentence, not a stack', async () => {
    await server.stop();
    await expect(PostgresStore.open(url, { pool: { connectTimeoutMs: 1_000 } })).rejects.toThrow(
      /the incident store cannot write: PostgreSQL: .*ECONNREFUSED/,
    );
    await server.restart();
  });
});
