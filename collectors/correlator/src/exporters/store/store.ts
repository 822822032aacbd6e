import type { Anomaly, Incident, IncidentSeverity, MetricKind, SignalRecord } from '@lockstep/contract';
import type { InventoryOptions } from '../../engine/assets/inventory';
import type { ChangeStoreApi } from './change-store';

/**
 * The incident store behind the service: anomalies, incidents with their evidence, and the signals that
 * incidents reference. SQLite (WAL) is the embedded default; PostgreSQL can implement the same interface for
 * multi-instance deployments, so nothing outside `store/` may depend on SQL.
 *
 * Durability: every write method returns only once the row is committed (acknowledged = durable).
 */
export interface IncidentStore extends ChangeStoreApi {
  /** Insert or replace by id. `final` marks an anomaly that will not change again. */
  putAnomaly(anomaly: Anomaly, final: boolean): void | Promise<void>;
  /** Insert or replace by id (an incident updates as evidence arrives). */
  putIncident(incident: Incident, final: boolean): void | Promise<void>;
  /** Keep security signals (those referenced by incidents, and recent alerts for `/signals`). Idempotent by id. */
  putSignals(signals: readonly SignalRecord[]): void | Promise<void>;

  /**
   * Record that entities were seen sending operational telemetry (`metrics`) or security signals (`signals`),
   * for the coverage KPI. Called in batches by the ingest path; idempotent per (entity, kind), keeps last seen.
   */
  noteEntities(seen: readonly EntitySeen[]): void | Promise<void>;

  /** Lists run newest first (start, then id, descending); `next` is a keyset cursor, stable under inserts. */
  listIncidents(query: IncidentQuery): Page<Incident> | Promise<Page<Incident>>;
  getIncident(id: string): Incident | undefined | Promise<Incident | undefined>;
  listAnomalies(query: AnomalyQuery): Page<Anomaly> | Promise<Page<Anomaly>>;
  listSignals(query: SignalQuery): Page<SignalRecord> | Promise<Page<SignalRecord>>;
  kpis(query: KpiQuery): Kpis | Promise<Kpis>;
  /**
   * Distinct entity names (hosts, containers or services) that incidents, anomalies, signals or incoming telemetry
   * carried in the range, ascending; for dashboard variables.
   */
  listEntities(query: EntityListQuery): EntityList | Promise<EntityList>;

  /** Delete what ended before `olderThan` (epoch ms). Returns how many rows went. */
  prune(olderThan: number): number | Promise<number>;
  close(): void | Promise<void>;
}

export interface EntitySeen {
  host: string;
  container?: string;
  service?: string;
  kind: 'metrics' | 'signals' | 'changes';
  /** Epoch ms, data time. */
  time: number;
}

/** Epoch ms, inclusive `from`, exclusive `to`; an item matches when its [start, end] overlaps the range. */
export interface TimeRange {
  from?: number;
  to?: number;
}

export interface EntityFilter {
  host?: string;
  container?: string;
  service?: string;
  pod?: string;
}

export interface PageRequest {
  /** At most this many items (the API caps it at 1000). */
  limit: number;
  /** Opaque cursor from a previous page's `next`; a malformed one throws `InvalidCursorError`. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, absent on the last page. */
  next?: string;
}

export interface IncidentQuery extends TimeRange, EntityFilter, PageRequest {
  status?: 'open' | 'resolved';
  severity?: IncidentSeverity;
  /** Only incidents with score >= this (0.5 = correlated). */
  minScore?: number;
}

export interface AnomalyQuery extends TimeRange, EntityFilter, PageRequest {
  metric?: MetricKind;
}

export interface SignalQuery extends TimeRange, EntityFilter, PageRequest {
  source?: string;
  /** Exact `user.name`, `source.address`, `destination.address`. */
  user?: string;
  sourceAddress?: string;
  destinationAddress?: string;
}

export type EntityKind = 'hosts' | 'containers' | 'services';

/** Narrowing by the other entity kinds lets variables chain (the containers of `$host`); pods are not tracked. */
export interface EntityListQuery extends TimeRange, Omit<EntityFilter, 'pod'> {
  kind: EntityKind;
  /** At most this many names (the API caps it at 1000). */
  limit: number;
}

export interface EntityList {
  /** Names in ascending order. */
  items: string[];
  /** True when more names exist past `limit`. */
  truncated: boolean;
}

export interface KpiQuery extends TimeRange, EntityFilter {
  /** Bucket width of `incidentsOverTime`, ms (default one hour). */
  stepMs?: number;
  /** When a side of an asset counts as gone silent (the unmanaged-asset figure). */
  inventory?: InventoryOptions;
}

export interface Kpis {
  /** Open correlated incidents (score >= 0.5) by severity. */
  openBySeverity: Record<IncidentSeverity, number>;
  /** Mean time to resolve of correlated incidents resolved in the range, ms; null when none. */
  meanTimeToResolveMs: number | null;
  /** Correlated incidents started per bucket of `stepMs`, oldest first, empty buckets included. */
  incidentsOverTime: { time: string; count: number }[];
  /** Hosts seen (in the range) with operational telemetry, security signals, or both. */
  coverage: { both: number; metricsOnly: number; signalsOnly: number };
  /** Open correlated incidents by `service.name` (null: none), most first, at most `MAX_KPI_SERVICES`. */
  openByService: { service: string | null; count: number }[];
  /** Mean time to resolve of correlated incidents resolved per bucket of `stepMs` (null: none resolved). */
  meanTimeToResolveOverTime: { time: string; meanMs: number | null; resolved: number }[];
  /** Sum over open correlated incidents of severity weight (low 1, medium 2, high 4, critical 8) × score. */
  riskExposure: number;
  /** Assets (hosts, containers, services) seen in the range, and those only one side sees or one side lost. */
  unmanagedAssets: { total: number; unmanaged: number; percent: number | null };
  /** Correlated incidents started in the range, and those that followed a change on their entity (the change failure rate). */
  changeRelated: { incidents: number; afterChange: number; rate: number | null };
  /** Correlated incidents in the range by the catalogue's business service: open, risk, time to resolve. */
  byBusinessService: BusinessServiceKpi[];
}

export interface BusinessServiceKpi {
  /** The catalogue's service key and name; null for incidents on entities no entry names. */
  service: string | null;
  name: string | null;
  tier: number | null;
  /** Correlated incidents overlapping the range, and of those the ones still open. */
  incidents: number;
  open: number;
  /** Risk exposure of the open ones (as riskExposure). */
  riskExposure: number;
  /** Mean time to resolve of those resolved in the range, ms; null when none. */
  meanTimeToResolveMs: number | null;
}
