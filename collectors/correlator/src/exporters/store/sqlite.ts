import Database from 'better-sqlite3';
import type { Anomaly, ChangeRecord, Finding, Incident, SignalRecord } from '@lockstep/contract';
import { listAssets } from './assets';
import type { AssetList, AssetQuery, ChangeQuery, FindingQuery } from './change-store';
import { listChanges, listFindings, putChanges, putFinding } from './changes';
import { listEntities } from './entities';
import { anomalyFilters, incidentFilters, signalFilters } from './filters';
import { computeKpis } from './kpis';
import { migrate } from './migrations';
import { readPage } from './pages';
import { prune } from './prune';
import { anomalyRow, incidentRow, signalKey, signalRow } from './rows';
import { StatementCache } from './statements';
import type {
  AnomalyQuery,
  EntityList,
  EntityListQuery,
  EntitySeen,
  IncidentQuery,
  IncidentStore,
  KpiQuery,
  Kpis,
  Page,
  SignalQuery,
} from './store';

/**
 * `normal` (default): WAL with synchronous=NORMAL. A commit is appended to the WAL with write(2) before
 * the call returns, so it survives the process being killed (kill -9, OOM, crash); only an OS crash or
 * power loss can lose the last commits, and never corrupts the file. No fsync per commit: better-sqlite3
 * is synchronous, and an fsync on every ingest batch would stall the event loop for milliseconds.
 * `full`: synchronous=FULL, an fsync per commit, survives power loss too, at that cost.
 */
export type Durability = 'normal' | 'full';

export interface SqliteStoreOptions {
  durability?: Durability;
}

/** Rows per transaction for batch writes: bounded work per commit, yet one commit for a typical batch. */
const WRITE_BATCH = 500;

export class SqliteStore implements IncidentStore {
  private readonly db: Database.Database;
  private readonly statements: StatementCache;

  /** `path` is a file, or `:memory:` for tests (same code, same semantics, nothing durable). */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = new StatementCache(this.db);
  }

  putAnomaly(anomaly: Anomaly, final: boolean): void {
    this.statements
      .get(
        'INSERT INTO anomalies (id, host, container, service, pod, metric, start_ms, end_ms, final, body) ' +
          'VALUES (@id, @host, @container, @service, @pod, @metric, @start_ms, @end_ms, @final, @body) ' +
          'ON CONFLICT (id) DO UPDATE SET host = excluded.host, container = excluded.container, ' +
          'service = excluded.service, pod = excluded.pod, metric = excluded.metric, start_ms = excluded.start_ms, ' +
          'end_ms = excluded.end_ms, final = excluded.final, body = excluded.body',
      )
      .run(anomalyRow(anomaly, final));
  }

  putIncident(incident: Incident, final: boolean): void {
    const row = incidentRow(incident, final);
    const keys = new Set(incident.signals.map(signalKey));
    this.db.transaction(() => {
      this.statements
        .get(
          'INSERT INTO incidents (id, status, severity, score, host, container, service, pod, start_ms, end_ms, ' +
            'final, body) VALUES (@id, @status, @severity, @score, @host, @container, @service, @pod, @start_ms, ' +
            '@end_ms, @final, @body) ON CONFLICT (id) DO UPDATE SET status = excluded.status, ' +
            'severity = excluded.severity, score = excluded.score, host = excluded.host, ' +
            'container = excluded.container, service = excluded.service, pod = excluded.pod, ' +
            'start_ms = excluded.start_ms, end_ms = excluded.end_ms, final = excluded.final, body = excluded.body',
        )
        .run(row);
      this.statements.get('DELETE FROM incident_anomalies WHERE incident_id = ?').run(incident.id);
      this.statements.get('DELETE FROM incident_signals WHERE incident_id = ?').run(incident.id);
      const linkAnomaly = this.statements.get('INSERT OR IGNORE INTO incident_anomalies VALUES (?, ?)');
      for (const anomalyId of incident.anomalies) linkAnomaly.run(incident.id, anomalyId);
      const linkSignal = this.statements.get('INSERT OR IGNORE INTO incident_signals VALUES (?, ?)');
      for (const key of keys) linkSignal.run(incident.id, key);
    })();
  }

  putSignals(signals: readonly SignalRecord[]): void {
    const upsert = this.statements.get(
      'INSERT INTO signals (id, source, rule, severity, host, container, service, pod, time_ms, end_ms, ' +
        'signal_key, user_name, source_address, destination_address, body) VALUES (@id, @source, @rule, ' +
        '@severity, @host, @container, @service, @pod, @time_ms, @end_ms, @signal_key, @user_name, ' +
        '@source_address, @destination_address, @body) ON CONFLICT (id) DO UPDATE SET ' +
        'severity = excluded.severity, end_ms = excluded.end_ms, body = excluded.body',
    );
    this.inBatches(signals, (signal) => upsert.run(signalRow(signal)));
  }

  noteEntities(seen: readonly EntitySeen[]): void {
    const upsert = this.statements.get(
      'INSERT INTO entities_seen (host, container, service, kind, first_ms, last_ms) ' +
        'VALUES (@host, @container, @service, @kind, @time, @time) ON CONFLICT DO UPDATE SET ' +
        'first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)',
    );
    this.inBatches(seen, (entity) =>
      upsert.run({
        host: entity.host,
        container: entity.container ?? '',
        service: entity.service ?? '',
        kind: entity.kind,
        time: entity.time,
      }),
    );
  }

  putChanges(changes: readonly ChangeRecord[]): void {
    putChanges(this.statements, changes);
  }

  listChanges(query: ChangeQuery): Page<ChangeRecord> {
    return listChanges(this.statements, query);
  }

  putFinding(finding: Finding): void {
    putFinding(this.statements, finding);
  }

  listFindings(query: FindingQuery): Page<Finding> {
    return listFindings(this.statements, query);
  }

  listAssets(query: AssetQuery): AssetList {
    return listAssets(this.statements, query);
  }

  listIncidents(query: IncidentQuery): Page<Incident> {
    return readPage<Incident>(this.statements, 'incidents', 'start_ms', query, incidentFilters(query));
  }

  getIncident(id: string): Incident | undefined {
    const row = this.statements.get('SELECT body FROM incidents WHERE id = ?').get(id) as { body: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as Incident);
  }

  listAnomalies(query: AnomalyQuery): Page<Anomaly> {
    return readPage<Anomaly>(this.statements, 'anomalies', 'start_ms', query, anomalyFilters(query));
  }

  listSignals(query: SignalQuery): Page<SignalRecord> {
    return readPage<SignalRecord>(this.statements, 'signals', 'time_ms', query, signalFilters(query));
  }

  kpis(query: KpiQuery): Kpis {
    return computeKpis(this.statements, query);
  }

  listEntities(query: EntityListQuery): EntityList {
    return listEntities(this.statements, query);
  }

  prune(olderThan: number): number {
    return prune(this.statements, olderThan);
  }

  /** Safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private inBatches<T>(items: readonly T[], write: (item: T) => void): void {
    const commit = this.db.transaction((batch: readonly T[]) => {
      for (const item of batch) write(item);
    });
    for (let i = 0; i < items.length; i += WRITE_BATCH) commit(items.slice(i, i + WRITE_BATCH));
  }
}
