import type { Anomaly, ChangeRecord, Finding, Incident, SignalRecord } from '@lockstep/contract';
import { parseIsoMillis } from '../../../model/time';
import { anomalyRow, incidentRow, signalKey, signalRow } from '../rows';
import type { EntitySeen } from '../store';
import { pgText, pgTextOrNull } from './named';

/** One parameterized statement. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Who writes, for the columns that say so: the shard's id and its newest data time so far. */
export interface Writer {
  shardId: string;
  watermarkMs: number | null;
}

/**
 * One call of the store's write methods, its rows computed when it was made (so bad data fails that call alone,
 * at once). `compile` turns any run of them into a few statements: one per table, each row written once with the
 * last value given for it — what applying them one after another would leave.
 */
export type Write =
  | { kind: 'incident'; id: string; row: unknown[]; anomalies: string[]; keys: string[] }
  | { kind: 'anomaly'; id: string; row: unknown[] }
  | { kind: 'signals'; rows: Map<string, unknown[]> }
  | { kind: 'entities'; rows: Map<string, EntityRow> }
  | { kind: 'changes'; rows: Map<string, unknown[]> }
  | { kind: 'finding'; id: string; row: unknown[] };

interface EntityRow {
  key: string[];
  first: number;
  last: number;
}

export function incidentWrite(incident: Incident, final: boolean, writer: Writer): Write {
  const row = incidentRow(incident, final);
  return {
    kind: 'incident',
    id: pgText(incident.id),
    row: [
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
    ],
    anomalies: [...new Set(incident.anomalies)].map(pgText),
    keys: [...new Set(incident.signals.map(signalKey))].map(pgText),
  };
}

export function anomalyWrite(anomaly: Anomaly, final: boolean, writer: Writer): Write {
  const row = anomalyRow(anomaly, final);
  return {
    kind: 'anomaly',
    id: pgText(anomaly.id),
    row: [
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

function millis(iso: string, field: string): number {
  const ms = parseIsoMillis(iso);
  if (ms === undefined) throw new TypeError(`${field} is not an ISO-8601 time: ${JSON.stringify(iso)}`);
  return ms;
}

/** ../changes.ts's rows: idempotent by id (a change read twice is stored once). */
export function changesWrite(changes: readonly ChangeRecord[]): Write {
  const rows = new Map<string, unknown[]>();
  for (const change of changes) {
    const id = pgText(change.id);
    const time = millis(change.time, 'change.time');
    rows.set(id, [
      id,
      pgText(change.kind),
      pgText(change.source),
      pgTextOrNull(change.entity['host.name']),
      pgTextOrNull(change.entity['container.id']),
      pgTextOrNull(change.entity['service.name']),
      pgTextOrNull(change.entity['k8s.pod.name']),
      time,
      time,
      JSON.stringify(change),
    ]);
  }
  return { kind: 'changes', rows };
}

/** A finding by id: the open one, replaced by its closed form when a revert arrives. */
export function findingWrite(finding: Finding): Write {
  const entity = finding.change.entity;
  const id = pgText(finding.id);
  return {
    kind: 'finding',
    id,
    row: [
      id,
      pgText(finding.status),
      pgText(finding.asset.kind),
      pgText(finding.asset.name),
      pgTextOrNull(finding.asset.kind === 'host' ? finding.asset.name : entity['host.name']),
      pgTextOrNull(entity['container.id']),
      pgTextOrNull(entity['service.name']),
      pgTextOrNull(entity['k8s.pod.name']),
      millis(finding.opened, 'finding.opened'),
      finding.closed === null ? null : millis(finding.closed, 'finding.closed'),
      JSON.stringify(finding),
    ],
  };
}

const SIGNAL_COLUMNS = ['id', 'source', 'rule', 'severity', 'host', 'container', 'service', 'pod'] as const;

export function signalsWrite(signals: readonly SignalRecord[]): Write {
  const rows = new Map<string, unknown[]>();
  for (const signal of signals) {
    const row = signalRow(signal);
    const id = pgText(signal.id);
    rows.set(id, [
      ...SIGNAL_COLUMNS.map((name) => pgTextOrNull(row[name])),
      row.time_ms,
      row.end_ms,
      pgTextOrNull(row.signal_key),
      pgTextOrNull(row.user_name),
      pgTextOrNull(row.source_address),
      pgTextOrNull(row.destination_address),
      row.body,
    ]);
  }
  return { kind: 'signals', rows };
}

export function entitiesWrite(seen: readonly EntitySeen[]): Write {
  const rows = new Map<string, EntityRow>();
  for (const entity of seen) {
    // '' stands for "absent", as in the SQLite table: the primary key cannot hold NULL.
    const key = [entity.host, entity.container ?? '', entity.service ?? '', entity.kind].map(pgText);
    mergeEntity(rows, { key, first: entity.time, last: entity.time });
  }
  return { kind: 'entities', rows };
}

function mergeEntity(rows: Map<string, EntityRow>, row: EntityRow): void {
  const id = row.key.join('\u0000');
  const known = rows.get(id);
  if (known === undefined) rows.set(id, { ...row });
  else {
    known.first = Math.min(known.first, row.first);
    known.last = Math.max(known.last, row.last);
  }
}

/**
 * Rows go to PostgreSQL as one JSON array of arrays per statement, taken apart by `jsonb_array_elements`: one
 * parameter however many rows, serialized by JSON.stringify (several times cheaper than pg's array literals).
 * `columns` names each position and its SQL type (`name:type`); the last is the row's JSON body, which goes
 * beside the array rather than inside it — the bodies of all the rows as one text, one a line (`bodies`), zipped
 * back with their rows by ROWS FROM. A body is JSON.stringify's output, which never holds a raw line break, so it
 * is neither escaped again on the way nor parsed by the database, only cut at the line breaks.
 */
function fromRows(columns: readonly string[], rowsAt: number, bodiesAt: number): string {
  const fields = columns.slice(0, -1).map((column, i) => {
    const [name, type] = column.split(':');
    return type === 'text' ? `r->>${i} AS ${name}` : `(r->>${i})::${type} AS ${name}`;
  });
  return (
    `SELECT ${fields.join(', ')}, x.body AS body FROM ROWS FROM (jsonb_array_elements($${rowsAt}::jsonb), ` +
    `string_to_table($${bodiesAt}::text, E'\\n')) AS x(r, body)`
  );
}

/** The rows (their body last) as `fromRows` takes them: the array without the bodies, and the bodies. */
function rowsParams(rows: Iterable<unknown[]>): [string, string] {
  const list = [...rows];
  const bodies = list.map((row) => {
    const body = row.at(-1);
    if (typeof body !== 'string' || body.includes('\n')) throw new TypeError('a row body must be one line of JSON');
    return body;
  });
  return [JSON.stringify(list.map((row) => row.slice(0, -1))), bodies.join('\n')];
}

const rowsParam = (rows: Iterable<unknown[]>): string => JSON.stringify([...rows]);

const INCIDENT_TYPES = (
  'id:text status:text severity:text score:float8 host:text container:text service:text pod:text ' +
  'start_ms:bigint end_ms:bigint final:boolean owner:text seen_ms:bigint body:text'
).split(' ');
const INCIDENTS_UPSERT =
  `WITH input AS (${fromRows(INCIDENT_TYPES, 1, 4)}), ` +
  'upsert AS (INSERT INTO incidents (id, status, severity, score, host, container, service, pod, start_ms, end_ms, ' +
  'final, owner, seen_ms, body) SELECT * FROM input ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, ' +
  'severity = EXCLUDED.severity, score = EXCLUDED.score, host = EXCLUDED.host, container = EXCLUDED.container, ' +
  'service = EXCLUDED.service, pod = EXCLUDED.pod, start_ms = EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, ' +
  'final = EXCLUDED.final, owner = EXCLUDED.owner, seen_ms = EXCLUDED.seen_ms, body = EXCLUDED.body RETURNING 1), ' +
  // The links retention follows: those no longer cited go, new ones come (disjoint rows, safe in one snapshot).
  'anomaly_links AS (SELECT l->>0 AS incident_id, l->>1 AS anomaly_id FROM jsonb_array_elements($2::jsonb) AS l), ' +
  'signal_links AS (SELECT l->>0 AS incident_id, l->>1 AS signal_key FROM jsonb_array_elements($3::jsonb) AS l), ' +
  'unlink_anomalies AS (DELETE FROM incident_anomalies d USING input i WHERE d.incident_id = i.id AND NOT EXISTS ' +
  '(SELECT 1 FROM anomaly_links l WHERE l.incident_id = d.incident_id AND l.anomaly_id = d.anomaly_id)), ' +
  'unlink_signals AS (DELETE FROM incident_signals d USING input i WHERE d.incident_id = i.id AND NOT EXISTS ' +
  '(SELECT 1 FROM signal_links l WHERE l.incident_id = d.incident_id AND l.signal_key = d.signal_key)), ' +
  'link_anomalies AS (INSERT INTO incident_anomalies (incident_id, anomaly_id) SELECT * FROM anomaly_links ' +
  'ON CONFLICT DO NOTHING), ' +
  'link_signals AS (INSERT INTO incident_signals (incident_id, signal_key) SELECT * FROM signal_links ' +
  'ON CONFLICT DO NOTHING) ' +
  'SELECT count(*) FROM upsert';

const ANOMALY_TYPES = (
  'id:text host:text container:text service:text pod:text metric:text start_ms:bigint end_ms:bigint ' +
  'final:boolean owner:text seen_ms:bigint body:text'
).split(' ');
const ANOMALIES_UPSERT =
  'INSERT INTO anomalies (id, host, container, service, pod, metric, start_ms, end_ms, final, owner, seen_ms, body) ' +
  `${fromRows(ANOMALY_TYPES, 1, 2)} ON CONFLICT (id) DO UPDATE SET ` +
  'host = EXCLUDED.host, container = EXCLUDED.container, service = EXCLUDED.service, pod = EXCLUDED.pod, ' +
  'metric = EXCLUDED.metric, start_ms = EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, final = EXCLUDED.final, ' +
  'owner = EXCLUDED.owner, seen_ms = EXCLUDED.seen_ms, body = EXCLUDED.body';

/** As the SQLite store: a signal seen again updates its severity, end and body, never its identity columns. */
const SIGNAL_TYPES = (
  'id:text source:text rule:text severity:text host:text container:text service:text pod:text ' +
  'time_ms:bigint end_ms:bigint signal_key:text user_name:text source_address:text destination_address:text body:text'
).split(' ');
const SIGNALS_UPSERT =
  'INSERT INTO signals (id, source, rule, severity, host, container, service, pod, time_ms, end_ms, signal_key, ' +
  'user_name, source_address, destination_address, body) ' +
  `${fromRows(SIGNAL_TYPES, 1, 2)} ` +
  'ON CONFLICT (id) DO UPDATE SET severity = EXCLUDED.severity, end_ms = EXCLUDED.end_ms, body = EXCLUDED.body';

const ENTITY_FIELDS =
  'r->>0 AS host, r->>1 AS container, r->>2 AS service, r->>3 AS kind, (r->>4)::bigint AS first_ms, ' +
  '(r->>5)::bigint AS last_ms';
const ENTITIES_UPSERT =
  'INSERT INTO entities_seen (host, container, service, kind, first_ms, last_ms) ' +
  `SELECT ${ENTITY_FIELDS} FROM jsonb_array_elements($1::jsonb) AS r ` +
  'ON CONFLICT (host, container, service, kind) DO UPDATE SET ' +
  'first_ms = LEAST(entities_seen.first_ms, EXCLUDED.first_ms), last_ms = GREATEST(entities_seen.last_ms, EXCLUDED.last_ms)';

const CHANGE_TYPES =
  'id:text kind:text source:text host:text container:text service:text pod:text time_ms:bigint end_ms:bigint body:text'.split(
    ' ',
  );
const CHANGES_UPSERT =
  'INSERT INTO changes (id, kind, source, host, container, service, pod, time_ms, end_ms, body) ' +
  `${fromRows(CHANGE_TYPES, 1, 2)} ` +
  'ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body';

const FINDING_TYPES = (
  'id:text status:text asset_kind:text asset:text host:text container:text service:text pod:text ' +
  'start_ms:bigint end_ms:bigint body:text'
).split(' ');
const FINDINGS_UPSERT =
  'INSERT INTO findings (id, status, asset_kind, asset, host, container, service, pod, start_ms, end_ms, body) ' +
  `${fromRows(FINDING_TYPES, 1, 2)} ` +
  'ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, end_ms = EXCLUDED.end_ms, body = EXCLUDED.body';

/** A run of writes as at most one statement per table (a statement may not touch one row twice). */
export function compile(writes: readonly Write[]): Statement[] {
  const incidents = new Map<string, Extract<Write, { kind: 'incident' }>>();
  const anomalies = new Map<string, unknown[]>();
  const signals = new Map<string, unknown[]>();
  const entities = new Map<string, EntityRow>();
  const changes = new Map<string, unknown[]>();
  const findings = new Map<string, unknown[]>();
  for (const write of writes) {
    if (write.kind === 'incident') incidents.set(write.id, write);
    else if (write.kind === 'anomaly') anomalies.set(write.id, write.row);
    else if (write.kind === 'signals') for (const [id, row] of write.rows) signals.set(id, row);
    else if (write.kind === 'changes') for (const [id, row] of write.rows) changes.set(id, row);
    else if (write.kind === 'finding') findings.set(write.id, write.row);
    else for (const row of write.rows.values()) mergeEntity(entities, row);
  }
  const statements: Statement[] = [];
  if (anomalies.size > 0) statements.push({ text: ANOMALIES_UPSERT, values: rowsParams(anomalies.values()) });
  if (incidents.size > 0) {
    const list = [...incidents.values()];
    const anomalyLinks = list.flatMap((w) => w.anomalies.map((a) => [w.id, a]));
    const signalLinks = list.flatMap((w) => w.keys.map((k) => [w.id, k]));
    const [rows, bodies] = rowsParams(list.map((w) => w.row));
    statements.push({
      text: INCIDENTS_UPSERT,
      values: [rows, rowsParam(anomalyLinks), rowsParam(signalLinks), bodies],
    });
  }
  if (signals.size > 0) statements.push({ text: SIGNALS_UPSERT, values: rowsParams(signals.values()) });
  if (entities.size > 0) {
    const rows = [...entities.values()].map((e) => [...e.key, e.first, e.last]);
    statements.push({ text: ENTITIES_UPSERT, values: [rowsParam(rows)] });
  }
  if (changes.size > 0) statements.push({ text: CHANGES_UPSERT, values: rowsParams(changes.values()) });
  if (findings.size > 0) statements.push({ text: FINDINGS_UPSERT, values: rowsParams(findings.values()) });
  return statements;
}
