import type { Anomaly, ChangeRecord, Finding, Incident, SignalRecord } from '@lockstep/contract';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import { parseIsoMillis } from '../../../model/time';
import type { AssetList, AssetQuery, ChangeQuery, FindingQuery } from '../change-store';
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
} from '../store';
import { anomalyFilters, incidentFilters, signalFilters } from '../filters';
import { listAssetsPg, listChangesPg, listFindingsPg } from './changes';
import { listEntitiesPg } from './entities';
import { GroupCommit } from './group-commit';
import { computeKpisPg } from './kpis';
import { ShardLease } from './leases';
import type { Swept } from './orphans';
import { migratePg } from './migrations';
import { readPagePg } from './pages';
import { storeError } from './errors';
import { createPool, DEFAULT_POOL_LIMITS } from './pool';
import type { PoolLimits } from './pool';
import { prunePg } from './prune';
import { queryRows } from './query';
import { compactRollups } from './rollups';
import { anomalyWrite, changesWrite, entitiesWrite, findingWrite, incidentWrite, signalsWrite } from './writes';
import type { Write } from './writes';

export interface PostgresStoreOptions {
  /** This shard's name in the `shards` table; by default host name, pid and a random suffix (unique per start). */
  shardId?: string;
  /** Shard lease, ms (docs/scale.md): how long a silent shard's open incidents stay open. */
  leaseMs?: number;
  pool?: Partial<PoolLimits>;
  /** Warnings from the pool, the lease and the sweep (the service's log); never carries the URL. */
  onWarning?: (message: string, error: unknown) => void;
  onSwept?: (swept: Swept) => void;
}

export const DEFAULT_LEASE_MS = 30_000;

/**
 * The incident store on PostgreSQL, shared by several correlator shards (docs/scale.md): the same interface and
 * behaviour as SqliteStore (one shared behaviour suite runs on both), plus what sharing takes — a lease per shard,
 * and the sweep that ends a dead shard's open incidents. Writes are group-committed (postgres/group-commit.ts) and
 * settle only once committed; a database that cannot take them makes them reject with StoreUnavailableError.
 */
export class PostgresStore implements IncidentStore {
  readonly shardId: string;
  private readonly commits: GroupCommit;
  private readonly lease: ShardLease;
  private watermark: number | null = null;
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    options: PostgresStoreOptions,
  ) {
    this.shardId = options.shardId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.commits = new GroupCommit(pool);
    this.lease = new ShardLease(pool, {
      shardId: this.shardId,
      leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
      watermark: () => this.watermark,
      onSwept: options.onSwept,
      onError: (what, error) => options.onWarning?.(what, error),
    });
  }

  /** Connects, brings the schema up to date (safe with several shards starting at once) and takes the lease. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = await createPool(url, { ...DEFAULT_POOL_LIMITS, ...options.pool }, (error) =>
      options.onWarning?.('idle connection', error),
    );
    try {
      await migratePg(pool);
      const store = new PostgresStore(pool, options);
      await store.lease.start();
      return store;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw storeError(error);
    }
  }

  putAnomaly(anomaly: Anomaly, final: boolean): Promise<void> {
    this.saw(anomaly.start, anomaly.end);
    return this.write(() => anomalyWrite(anomaly, final, this.writer()));
  }

  putIncident(incident: Incident, final: boolean): Promise<void> {
    this.saw(incident.start, incident.end);
    return this.write(() => incidentWrite(incident, final, this.writer()));
  }

  putSignals(signals: readonly SignalRecord[]): Promise<void> {
    for (const signal of signals) this.saw(signal.time, signal.last_time ?? null);
    return this.write(() => signalsWrite(signals));
  }

  noteEntities(seen: readonly EntitySeen[]): Promise<void> {
    for (const entity of seen) this.watermark = Math.max(this.watermark ?? entity.time, entity.time);
    return this.write(() => entitiesWrite(seen));
  }

  putChanges(changes: readonly ChangeRecord[]): Promise<void> {
    return this.write(() => changesWrite(changes));
  }

  listChanges(query: ChangeQuery): Promise<Page<ChangeRecord>> {
    return listChangesPg(this.pool, query);
  }

  putFinding(finding: Finding): Promise<void> {
    return this.write(() => findingWrite(finding));
  }

  listFindings(query: FindingQuery): Promise<Page<Finding>> {
    return listFindingsPg(this.pool, query);
  }

  listAssets(query: AssetQuery): Promise<AssetList> {
    return listAssetsPg(this.pool, query);
  }

  listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
    return readPagePg<Incident>(this.pool, 'incidents', 'start_ms', query, incidentFilters(query));
  }

  async getIncident(id: string): Promise<Incident | undefined> {
    const rows = await queryRows<{ body: string }>(this.pool, 'SELECT body FROM incidents WHERE id = @id', { id });
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].body) as Incident);
  }

  listAnomalies(query: AnomalyQuery): Promise<Page<Anomaly>> {
    return readPagePg<Anomaly>(this.pool, 'anomalies', 'start_ms', query, anomalyFilters(query));
  }

  listSignals(query: SignalQuery): Promise<Page<SignalRecord>> {
    return readPagePg<SignalRecord>(this.pool, 'signals', 'time_ms', query, signalFilters(query));
  }

  kpis(query: KpiQuery): Promise<Kpis> {
    return computeKpisPg(this.pool, query);
  }

  listEntities(query: EntityListQuery): Promise<EntityList> {
    return listEntitiesPg(this.pool, query);
  }

  /** Retention, then the KPI rollups folded and their emptied rows dropped (postgres/rollups.ts). */
  async prune(olderThan: number): Promise<number> {
    const deleted = await prunePg(this.pool, olderThan);
    await compactRollups(this.pool, true);
    return deleted;
  }

  /** Folds the KPI rollups' pending deltas now, as the lease's timer does every third of a lease. */
  compactRollups(): Promise<number> {
    return compactRollups(this.pool);
  }

  /** One renewal, rollup compaction and sweep now, as the lease's timer does every third of a lease (tests call it). */
  heartbeat(): Promise<void> {
    return this.lease.tick();
  }

  /** Gives the lease up and closes the pool once the writes already submitted have settled. Safe twice. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await this.commits.idle();
      await this.lease.stop();
      await this.pool.end();
    })();
    return this.closed;
  }

  /** Rows are computed now, so a write with bad data (a time that is not ISO-8601) rejects alone, at once. */
  private write(make: () => Write): Promise<void> {
    let write: Write;
    try {
      write = make();
    } catch (error) {
      return Promise.reject(error);
    }
    return this.commits.submit(write);
  }

  private writer(): { shardId: string; watermarkMs: number | null } {
    return { shardId: this.shardId, watermarkMs: this.watermark };
  }

  /** Data time moves on with what this shard writes; a dead shard's orphans end at its last one. */
  private saw(start: string, end: string | null): void {
    for (const iso of [start, end]) {
      const ms = iso === null ? undefined : parseIsoMillis(iso);
      if (ms !== undefined) this.watermark = Math.max(this.watermark ?? ms, ms);
    }
  }
}
