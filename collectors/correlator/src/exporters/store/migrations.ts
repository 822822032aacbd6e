import type { Database } from 'better-sqlite3';
import { SQLITE_ROLLUPS_MIGRATION } from './rollups';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records the last one applied. Each runs in
 * its own transaction with the version bump, so a crash mid-migration leaves the previous version intact.
 * Never edit a shipped migration: append a new one.
 *
 * Every table keeps the full object as JSON (`body`, returned verbatim) next to the columns queries filter
 * and sort on. Times are epoch ms; an open item has `end_ms` NULL.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE anomalies (
        id TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        container TEXT,
        service TEXT,
        pod TEXT,
        metric TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER,
        final INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX anomalies_by_start ON anomalies (start_ms, id);
      CREATE INDEX anomalies_by_host ON anomalies (host, start_ms);
      CREATE INDEX anomalies_by_end ON anomalies (end_ms);

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        score REAL NOT NULL,
        host TEXT NOT NULL,
        container TEXT,
        service TEXT,
        pod TEXT,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER,
        final INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX incidents_by_start ON incidents (start_ms, id);
      CREATE INDEX incidents_by_host ON incidents (host, start_ms);
      CREATE INDEX incidents_by_status ON incidents (status, severity);
      CREATE INDEX incidents_by_end ON incidents (end_ms);

      -- What an incident references, so retention keeps it while the incident is kept.
      CREATE TABLE incident_anomalies (
        incident_id TEXT NOT NULL,
        anomaly_id TEXT NOT NULL,
        PRIMARY KEY (incident_id, anomaly_id)
      ) WITHOUT ROWID;
      CREATE INDEX incident_anomalies_by_anomaly ON incident_anomalies (anomaly_id);
      CREATE TABLE incident_signals (
        incident_id TEXT NOT NULL,
        signal_key TEXT NOT NULL,
        PRIMARY KEY (incident_id, signal_key)
      ) WITHOUT ROWID;
      CREATE INDEX incident_signals_by_key ON incident_signals (signal_key);

      CREATE TABLE signals (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        host TEXT,
        container TEXT,
        service TEXT,
        pod TEXT,
        time_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        signal_key TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX signals_by_time ON signals (time_ms, id);
      CREATE INDEX signals_by_host ON signals (host, time_ms);
      CREATE INDEX signals_by_key ON signals (signal_key);

      -- Coverage: who sends what. '' stands for "absent" so the primary key stays unique.
      CREATE TABLE entities_seen (
        host TEXT NOT NULL,
        container TEXT NOT NULL,
        service TEXT NOT NULL,
        kind TEXT NOT NULL,
        first_ms INTEGER NOT NULL,
        last_ms INTEGER NOT NULL,
        PRIMARY KEY (host, container, service, kind)
      ) WITHOUT ROWID;
      CREATE INDEX entities_seen_by_last ON entities_seen (last_ms);
    `,
  },
  {
    // Signals overlapping a range with only a lower bound (and retention, which deletes by end) read by end_ms:
    // without this index both scan the table.
    version: 2,
    sql: 'CREATE INDEX signals_by_end ON signals (end_ms);',
  },
  {
    // What people search signals by (a user name, an attacker's address): columns and indexes, filled for the rows
    // already kept from the JSON they carry (older rows have none of these fields, so they stay NULL).
    version: 3,
    sql: `
      ALTER TABLE signals ADD COLUMN user_name TEXT;
      ALTER TABLE signals ADD COLUMN source_address TEXT;
      ALTER TABLE signals ADD COLUMN destination_address TEXT;
      UPDATE signals SET
        user_name = json_extract(body, '$."user.name"'),
        source_address = json_extract(body, '$."source.address"'),
        destination_address = json_extract(body, '$."destination.address"');
      CREATE INDEX signals_by_user ON signals (user_name, time_ms) WHERE user_name IS NOT NULL;
      CREATE INDEX signals_by_source_address ON signals (source_address, time_ms) WHERE source_address IS NOT NULL;
      CREATE INDEX signals_by_destination_address ON signals (destination_address, time_ms)
        WHERE destination_address IS NOT NULL;
    `,
  },
  {
    // What changed (`/api/v1/changes`) and the temporary changes still open (findings). A change is a point in time:
    // end_ms = time_ms, so the range and retention helpers read it like the other tables.
    version: 4,
    sql: `
      CREATE TABLE changes (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        host TEXT,
        container TEXT,
        service TEXT,
        pod TEXT,
        time_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX changes_by_time ON changes (time_ms, id);
      CREATE INDEX changes_by_host ON changes (host, time_ms);
      CREATE INDEX changes_by_service ON changes (service, time_ms);

      CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        asset_kind TEXT NOT NULL,
        asset TEXT NOT NULL,
        host TEXT,
        container TEXT,
        service TEXT,
        pod TEXT,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER,
        body TEXT NOT NULL
      );
      CREATE INDEX findings_by_start ON findings (start_ms, id);
      CREATE INDEX findings_by_status ON findings (status, asset_kind, asset);
    `,
  },
  {
    // The KPIs' hourly rollups, kept by triggers on incidents, and those of the incidents already kept
    // (./rollups.ts; PostgreSQL's migration 5 is their twin).
    version: 5,
    sql: SQLITE_ROLLUPS_MIGRATION,
  },
];

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `The database schema is version ${found} but this lockstep knows up to ${known}: ` +
        'run a newer lockstep, or point --data-dir at another directory.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Brings the database to the last migration's version. Returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is a number from this file, never user input.
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
