import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../migrations';
import { ROLLUPS_MIGRATION } from './rollups';

/**
 * The PostgreSQL schema: the same tables, columns and meaning as the SQLite store's (../migrations.ts), in
 * PostgreSQL's types, plus what sharing the database takes: `owner` (the shard that last wrote an open incident or
 * anomaly), `seen_ms` (that shard's newest data time when it wrote it) and `shards` (each shard's lease,
 * docs/scale.md). `lockstep_schema` records the versions applied. Names are `COLLATE "C"`: byte order, as SQLite
 * compares them, whatever the database's locale, so both stores list and page in the same order.
 * Never edit a shipped migration: append a new one (and its SQLite twin, when the change is not about shards).
 */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE anomalies (
        id text COLLATE "C" PRIMARY KEY,
        host text COLLATE "C" NOT NULL,
        container text COLLATE "C",
        service text COLLATE "C",
        pod text COLLATE "C",
        metric text COLLATE "C" NOT NULL,
        start_ms bigint NOT NULL,
        end_ms bigint,
        final boolean NOT NULL,
        owner text COLLATE "C",
        seen_ms bigint,
        body text NOT NULL
      );
      CREATE INDEX anomalies_by_start ON anomalies (start_ms, id);
      CREATE INDEX anomalies_by_host ON anomalies (host, start_ms);
      CREATE INDEX anomalies_by_end ON anomalies (end_ms);
      CREATE INDEX anomalies_open_by_owner ON anomalies (owner) WHERE end_ms IS NULL;

      CREATE TABLE incidents (
        id text COLLATE "C" PRIMARY KEY,
        status text COLLATE "C" NOT NULL,
        severity text COLLATE "C" NOT NULL,
        score double precision NOT NULL,
        host text COLLATE "C" NOT NULL,
        container text COLLATE "C",
        service text COLLATE "C",
        pod text COLLATE "C",
        start_ms bigint NOT NULL,
        end_ms bigint,
        final boolean NOT NULL,
        owner text COLLATE "C",
        seen_ms bigint,
        body text NOT NULL
      );
      CREATE INDEX incidents_by_start ON incidents (start_ms, id);
      CREATE INDEX incidents_by_host ON incidents (host, start_ms);
      CREATE INDEX incidents_by_status ON incidents (status, severity);
      CREATE INDEX incidents_by_end ON incidents (end_ms);
      CREATE INDEX incidents_open_by_owner ON incidents (owner) WHERE status = 'open';
      -- The KPIs read correlated incidents by start (started per bucket) and resolved ones by end (time to
      -- resolve): these two carry every column those aggregates read, so a month of incidents is read from the
      -- index alone. 0.5 is CORRELATED_SCORE (the KPI queries spell the same constant, so the planner uses them).
      CREATE INDEX incidents_correlated_by_start ON incidents (start_ms)
        INCLUDE (end_ms, status, severity, score, host, service) WHERE score >= 0.5;
      CREATE INDEX incidents_resolved_by_end ON incidents (end_ms)
        INCLUDE (start_ms, host, service) WHERE score >= 0.5 AND status = 'resolved';

      CREATE TABLE incident_anomalies (
        incident_id text COLLATE "C" NOT NULL,
        anomaly_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (incident_id, anomaly_id)
      );
      CREATE INDEX incident_anomalies_by_anomaly ON incident_anomalies (anomaly_id);
      CREATE TABLE incident_signals (
        incident_id text COLLATE "C" NOT NULL,
        signal_key text COLLATE "C" NOT NULL,
        PRIMARY KEY (incident_id, signal_key)
      );
      CREATE INDEX incident_signals_by_key ON incident_signals (signal_key);

      CREATE TABLE signals (
        id text COLLATE "C" PRIMARY KEY,
        source text COLLATE "C" NOT NULL,
        rule text COLLATE "C" NOT NULL,
        severity text COLLATE "C" NOT NULL,
        host text COLLATE "C",
        container text COLLATE "C",
        service text COLLATE "C",
        pod text COLLATE "C",
        time_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        signal_key text COLLATE "C" NOT NULL,
        body text NOT NULL
      );
      CREATE INDEX signals_by_time ON signals (time_ms, id);
      CREATE INDEX signals_by_host ON signals (host, time_ms);
      CREATE INDEX signals_by_key ON signals (signal_key);
      CREATE INDEX signals_by_end ON signals (end_ms);

      CREATE TABLE entities_seen (
        host text COLLATE "C" NOT NULL,
        container text COLLATE "C" NOT NULL,
        service text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        first_ms bigint NOT NULL,
        last_ms bigint NOT NULL,
        PRIMARY KEY (host, container, service, kind)
      );
      CREATE INDEX entities_seen_by_last ON entities_seen (last_ms);

      -- One row per running shard, renewed by its heartbeat; the database's clock decides expiry, so shards'
      -- clocks never need to agree. watermark_ms is the newest data time the shard wrote (data time).
      CREATE TABLE shards (
        id text COLLATE "C" PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        renewed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        watermark_ms bigint
      );
    `,
  },
  {
    // SQLite's migration 3: what people search signals by (a user name, an attacker's address), as columns with
    // indexes, filled for the rows already kept from the JSON they carry, in the columns' escaped form (pgText:
    // backslashes doubled). A body holding NUL or half a surrogate pair (JSON escapes PostgreSQL's json cannot turn
    // into text) keeps NULL there, as do rows that never had the fields.
    version: 2,
    sql: `
      ALTER TABLE signals ADD COLUMN user_name text COLLATE "C";
      ALTER TABLE signals ADD COLUMN source_address text COLLATE "C";
      ALTER TABLE signals ADD COLUMN destination_address text COLLATE "C";
      UPDATE signals SET
        user_name = replace(body::json ->> 'user.name', E'\\\\', E'\\\\\\\\'),
        source_address = replace(body::json ->> 'source.address', E'\\\\', E'\\\\\\\\'),
        destination_address = replace(body::json ->> 'destination.address', E'\\\\', E'\\\\\\\\')
        WHERE body !~* '\\\\u(0000|d[89a-f])';
      CREATE INDEX signals_by_user ON signals (user_name, time_ms) WHERE user_name IS NOT NULL;
      CREATE INDEX signals_by_source_address ON signals (source_address, time_ms) WHERE source_address IS NOT NULL;
      CREATE INDEX signals_by_destination_address ON signals (destination_address, time_ms)
        WHERE destination_address IS NOT NULL;
    `,
  },
  {
    // The KPIs' open correlated incidents (by severity, by service): few rows at any time, however many resolved
    // ones the month holds, so they are read from this index alone instead of from every correlated incident.
    version: 3,
    sql: `
      CREATE INDEX incidents_open_correlated ON incidents (start_ms)
        INCLUDE (severity, score, host, container, service, pod, end_ms) WHERE score >= 0.5 AND status = 'open';
    `,
  },
  {
    // SQLite's migration 4: what changed (/api/v1/changes) and the temporary changes still open (findings). A
    // change is a point in time: end_ms = time_ms, so the range and retention helpers read it like the other tables.
    version: 4,
    sql: `
      CREATE TABLE changes (
        id text COLLATE "C" PRIMARY KEY,
        kind text COLLATE "C" NOT NULL,
        source text COLLATE "C" NOT NULL,
        host text COLLATE "C",
        container text COLLATE "C",
        service text COLLATE "C",
        pod text COLLATE "C",
        time_ms bigint NOT NULL,
        end_ms bigint NOT NULL,
        body text NOT NULL
      );
      CREATE INDEX changes_by_time ON changes (time_ms, id);
      CREATE INDEX changes_by_host ON changes (host, time_ms);
      CREATE INDEX changes_by_service ON changes (service, time_ms);

      CREATE TABLE findings (
        id text COLLATE "C" PRIMARY KEY,
        status text COLLATE "C" NOT NULL,
        asset_kind text COLLATE "C" NOT NULL,
        asset text COLLATE "C" NOT NULL,
        host text COLLATE "C",
        container text COLLATE "C",
        service text COLLATE "C",
        pod text COLLATE "C",
        start_ms bigint NOT NULL,
        end_ms bigint,
        body text NOT NULL
      );
      CREATE INDEX findings_by_start ON findings (start_ms, id);
      CREATE INDEX findings_by_status ON findings (status, asset_kind, asset);
    `,
  },
  {
    // The KPIs' hourly rollups, kept by triggers on incidents, and those of the incidents already kept
    // (postgres/rollups.ts; PostgreSQL only: SQLite's KPIs read the incidents).
    version: 5,
    sql: ROLLUPS_MIGRATION,
  },
];

/** Any constant pair serves as long as every shard uses the same: "LSTP", "schema". */
const MIGRATION_LOCK: readonly [number, number] = [0x4c535450, 1];

export class PgSchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `The PostgreSQL schema is version ${found} but this lockstep knows up to ${known}: ` +
        'run a newer lockstep on every shard, or point --store-url at another database.',
    );
    this.name = 'PgSchemaTooNewError';
  }
}

/**
 * Brings the database to the last migration's version. Several shards starting at once queue on one advisory lock
 * (held for the session, released even if this process dies), and each reads the version only once it holds the
 * lock: exactly one of them applies each migration, the others find it done. Each migration commits with its
 * version row, so a failure leaves the previous version whole. Returns the versions this call applied.
 */
export async function migratePg(pool: Pool, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: PoolClient, migrations: readonly Migration[]): Promise<number[]> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS lockstep_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const { rows } = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM lockstep_schema',
  );
  const current = rows[0]?.version ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new PgSchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await client.query('BEGIN');
    try {
      // A migration may rewrite every row kept (a backfill): the pool's statement timeout is for the API's reads.
      await client.query('SET LOCAL statement_timeout = 0');
      // The migration text is a constant of this file (several statements: the simple query protocol runs them).
      await client.query(migration.sql);
      await client.query('INSERT INTO lockstep_schema (version) VALUES ($1)', [migration.version]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}
