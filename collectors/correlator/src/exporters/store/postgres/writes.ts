import type { Anomaly, Incident, SignalRecord } from '@lockstep/contract';
import { anomalyRow, incidentRow, signalKey, signalRow } from '../rows';
import type { EntitySeen } from '../store';
import { pgText, pgTextOrNull } from './named';

/** One parameterized statement; a write is one or a few of them, committed together with the rest of its batch. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Who writes, for the columns that say so: the shard's id and its newest data time so far. */
export interface Writer {
  shardId: string;
  watermarkMs: number | null;
}

const ANOMALY_UPSERT =
  'INSERT INTO anomalies (id, host, container, service, pod, metric, start_ms, end_ms, final, owner, seen_ms, body) ' +
  'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, ' +
  'container = EXCLUDED.container, service = EXCLUDED.service, pod = EXCLUDED.pod, metric = EXCLUDED.metric, ' +
  'start_ms = EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, final = EXCLUDED.final, owner = EXCLUDED.owner, ' +
  'seen_ms = EXCLUDED.seen_ms, body = EXCLUDED.body';

export function anomalyStatement(anomaly: Anomaly, final: boolean, writer: Writer): Statement {
  const row = anomalyRow(anomaly, final);
  return {
    text: ANOMALY_UPSERT,
    values: [
      pgText(anomaly.id),
      pgTextOrNull(row.host),
      pgTextOrNull(row.container),
      pgTextOrNull(row.service),
      pgTextOrNull(row.pod),
      pgText(anomaly.metric),
      row.start_ms,
      row.end_ms,
      final,
      writer.shardId,
      writer.watermarkMs,
      row.body,
    ],
  };
}

/**
 * The incident and the links retention follows (its anomalies and signals), in one statement: the links no longer
 * cited go, new ones come. The two link statements touch disjoint rows, so they are safe in one snapshot.
 */
const INCIDENT_UPSERT =
  'WITH upsert AS (INSERT INTO incidents (id, status, severity, score, host, container, service, pod, start_ms, ' +
  'end_ms, final, owner, seen_ms, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ' +
  'ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity, score = EXCLUDED.score, ' +
  'host = EXCLUDED.host, container = EXCLUDED.container, service = EXCLUDED.service, pod = EXCLUDED.pod, ' +
  'start_ms = EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, final = EXCLUDED.final, owner = EXCLUDED.owner, ' +
  'seen_ms = EXCLUDED.seen_ms, body = EXCLUDED.body RETURNING 1), ' +
  'unlink_anomalies AS (DELETE FROM incident_anomalies WHERE incident_id = $1 AND NOT (anomaly_id = ANY ($15::text[]))), ' +
  'unlink_signals AS (DELETE FROM incident_signals WHERE incident_id = $1 AND NOT (signal_key = ANY ($16::text[]))), ' +
  'link_anomalies AS (INSERT INTO incident_anomalies (incident_id, anomaly_id) ' +
  'SELECT $1, unnest($15::text[]) ON CONFLICT DO NOTHING), ' +
  'link_signals AS (INSERT INTO incident_signals (incident_id, signal_key) ' +
  'SELECT $1, unnest($16::text[]) ON CONFLICT DO NOTHING) ' +
  'SELECT count(*) FROM upsert';

export function incidentStatement(incident: Incident, final: boolean, writer: Writer): Statement {
  const row = incidentRow(incident, final);
  const anomalies = [...new Set(incident.anomalies)].map(pgText);
  const keys = [...new Set(incident.signals.map(signalKey))].map(pgText);
  return {
    text: INCIDENT_UPSERT,
    values: [
      pgText(incident.id),
      incident.status,
      incident.severity,
      incident.score,
      pgTextOrNull(row.host),
      pgTextOrNull(row.container),
      pgTextOrNull(row.service),
      pgTextOrNull(row.pod),
      row.start_ms,
      row.end_ms,
      final,
      writer.shardId,
      writer.watermarkMs,
      row.body,
      anomalies,
      keys,
    ],
  };
}

/** Many signals in one statement: one array per column, unnested into rows. */
const SIGNALS_UPSERT =
  'INSERT INTO signals (id, source, rule, severity, host, container, service, pod, time_ms, end_ms, signal_key, body) ' +
  'SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], ' +
  '$8::text[], $9::bigint[], $10::bigint[], $11::text[], $12::text[]) ' +
  'ON CONFLICT (id) DO UPDATE SET severity = EXCLUDED.severity, end_ms = EXCLUDED.end_ms, body = EXCLUDED.body';

const SIGNAL_COLUMNS = [
  'id',
  'source',
  'rule',
  'severity',
  'host',
  'container',
  'service',
  'pod',
  'time_ms',
  'end_ms',
  'signal_key',
  'body',
] as const;
const NUMERIC_COLUMNS = new Set(['time_ms', 'end_ms']);

export function signalsStatement(signals: readonly SignalRecord[]): Statement | undefined {
  // One row per id, the last one given winning (as one upsert after another would leave it): a statement cannot
  // update the same row twice.
  const byId = new Map<string, SignalRecord>();
  for (const signal of signals) byId.set(signal.id, signal);
  if (byId.size === 0) return undefined;
  const columns = SIGNAL_COLUMNS.map(() => [] as unknown[]);
  for (const signal of byId.values()) {
    const row = signalRow(signal);
    SIGNAL_COLUMNS.forEach((name, i) => {
      const value = row[name];
      columns[i]?.push(NUMERIC_COLUMNS.has(name) || name === 'body' ? value : pgTextOrNull(value));
    });
  }
  return { text: SIGNALS_UPSERT, values: columns };
}

const ENTITIES_UPSERT =
  'INSERT INTO entities_seen (host, container, service, kind, first_ms, last_ms) ' +
  'SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) ' +
  'ON CONFLICT (host, container, service, kind) DO UPDATE SET ' +
  'first_ms = LEAST(entities_seen.first_ms, EXCLUDED.first_ms), last_ms = GREATEST(entities_seen.last_ms, EXCLUDED.last_ms)';

export function entitiesStatement(seen: readonly EntitySeen[]): Statement | undefined {
  const merged = new Map<string, { key: string[]; first: number; last: number }>();
  for (const entity of seen) {
    // '' stands for "absent", as in the SQLite table: the primary key cannot hold NULL.
    const key = [entity.host, entity.container ?? '', entity.service ?? '', entity.kind].map(pgText);
    const id = key.join('\u0000');
    const known = merged.get(id);
    if (known === undefined) merged.set(id, { key, first: entity.time, last: entity.time });
    else {
      known.first = Math.min(known.first, entity.time);
      known.last = Math.max(known.last, entity.time);
    }
  }
  if (merged.size === 0) return undefined;
  const columns: unknown[][] = [[], [], [], [], [], []];
  for (const { key, first, last } of merged.values()) {
    key.forEach((part, i) => columns[i]?.push(part));
    columns[4]?.push(first);
    columns[5]?.push(last);
  }
  return { text: ENTITIES_UPSERT, values: columns };
}
