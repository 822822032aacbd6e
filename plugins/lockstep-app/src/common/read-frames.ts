import { FieldType, type DataFrame, type Field } from '@grafana/data';
import { FRAME } from './frames';
import {
  asJson,
  asNumber,
  asSeverity,
  asString,
  asTime,
  isRecord,
  listOf,
  toContributor,
  toBusiness,
  toChange,
  toCulprit,
  toProcess,
  toSearchFields,
  toSignal,
  toSummary,
  type BusinessInfo,
  type ChangeInfo,
  type Contributor,
  type ProcessInfo,
  type Severity,
  type SignalRecord,
  type Summary,
} from './records';

/**
 * Reads the data source's frames (names in frames.ts) into typed records for the spike panel and the app pages.
 * Frames are found by name and fields by name. A frame that lacks a field the reader needs is an error (the
 * plugins disagree on the format, and the reader says so in a sentence); a row with an unreadable value is
 * skipped, so one bad row never hides the rest.
 */

export interface SeriesRecord {
  /** Frame name, or the value field's name for a foreign (e.g. Prometheus) frame. */
  name: string;
  times: number[];
  values: Array<number | null>;
  /** `cpu` or `latency` for the data source's own series; undefined for a foreign frame. */
  metric?: string;
  /** `1`, `cores` or `s` (the API's units). */
  unit?: string;
}

export interface AnomalyRecord {
  id: string;
  start: number;
  /** Undefined while the spike is still open. */
  end?: number;
  metric: string;
  unit?: string;
  baseline?: number;
  peak?: number;
  host?: string;
  container?: string;
  service?: string;
  contributors: Contributor[];
  /** The changes on the entity shortly before the spike, closest first (absent: none). */
  changes?: ChangeInfo[];
}

export interface IncidentRecord {
  id: string;
  status: string;
  severity: Severity;
  score: number;
  start: number;
  /** Undefined while the incident is open. */
  end?: number;
  host?: string;
  container?: string;
  service?: string;
  culprit: ProcessInfo | null;
  signals: SignalRecord[];
  anomalies: string[];
  summary: Summary;
  /** The changes on the entity shortly before the spike, closest first (absent: none, or an older correlator). */
  changes?: ChangeInfo[];
  /** The service catalogue's business terms for the entity. */
  business?: BusinessInfo;
}

export interface Timeline {
  series: SeriesRecord[];
  anomalies: AnomalyRecord[];
  /** Undefined when no signals frame came back (the panel then marks the incidents' signals). */
  signals?: SignalRecord[];
  incidents: IncidentRecord[];
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: string };

const KNOWN_FRAMES: ReadonlySet<string> = new Set(Object.values(FRAME));

const REQUIRED: Readonly<Record<'series' | 'anomalies' | 'signals' | 'incidents', readonly string[]>> = {
  series: ['time', 'value'],
  anomalies: ['id', 'start'],
  signals: ['time', 'rule'],
  incidents: ['id', 'start'],
};

function fieldOf(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function column(frame: DataFrame, name: string): readonly unknown[] {
  return fieldOf(frame, name)?.values ?? [];
}

function missingFields(frame: DataFrame, kind: keyof typeof REQUIRED): string | undefined {
  const missing = REQUIRED[kind].filter((name) => !fieldOf(frame, name));
  if (missing.length === 0) {
    return undefined;
  }
  const list = missing.map((m) => `"${m}"`).join(' and ');
  return (
    `The ${kind} frame has no ${list} field, so the panel cannot read it: ` +
    'update the Lockstep data source and panel to the same version.'
  );
}

function framesNamed(frames: DataFrame[], name: string): DataFrame[] {
  return frames.filter((f) => f.name === name);
}

function readSeriesFrame(frame: DataFrame): SeriesRecord {
  const times = column(frame, 'time');
  const values = column(frame, 'value');
  const custom = isRecord(frame.meta?.custom) ? frame.meta.custom : {};
  const out: SeriesRecord = { name: frame.name ?? FRAME.series, times: [], values: [] };
  out.metric = asString(custom.metric);
  out.unit = asString(custom.unit);
  for (let i = 0; i < times.length; i++) {
    const t = asTime(times[i]);
    if (t !== undefined) {
      out.times.push(t);
      out.values.push(asNumber(values[i]) ?? null);
    }
  }
  return out;
}

/** A frame from another data source (Prometheus CPU, say): its time field and its first number field. */
function readForeignSeries(frame: DataFrame): SeriesRecord | undefined {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  const value = frame.fields.find((f) => f.type === FieldType.number);
  if (!time || !value) {
    return undefined;
  }
  const out: SeriesRecord = { name: frame.name ?? value.name, times: [], values: [] };
  for (let i = 0; i < time.values.length; i++) {
    const t = asTime(time.values[i]);
    if (t !== undefined) {
      out.times.push(t);
      out.values.push(asNumber(value.values[i]) ?? null);
    }
  }
  return out;
}

function readAnomalyFrame(frame: DataFrame): AnomalyRecord[] {
  const ids = column(frame, 'id');
  const out: AnomalyRecord[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = asString(ids[i]);
    const start = asTime(column(frame, 'start')[i]);
    if (id === undefined || start === undefined) {
      continue;
    }
    out.push({
      id,
      start,
      end: asTime(column(frame, 'end')[i]),
      metric: asString(column(frame, 'metric')[i]) ?? 'cpu',
      unit: asString(column(frame, 'unit')[i]),
      baseline: asNumber(column(frame, 'baseline')[i]),
      peak: asNumber(column(frame, 'peak')[i]),
      host: asString(column(frame, 'host')[i]),
      container: asString(column(frame, 'container')[i]),
      service: asString(column(frame, 'service')[i]),
      contributors: listOf(column(frame, 'contributors')[i], toContributor),
      ...changesOf(frame, i),
    });
  }
  return out;
}

function readSignalFrame(frame: DataFrame): SignalRecord[] {
  const times = column(frame, 'time');
  const out: SignalRecord[] = [];
  for (let i = 0; i < times.length; i++) {
    const time = asTime(times[i]);
    if (time === undefined) {
      continue;
    }
    const process = toProcess(column(frame, 'process')[i]) ?? {};
    process.name ??= asString(column(frame, 'process_name')[i]);
    process.pid ??= asNumber(column(frame, 'pid')[i]);
    const end = asTime(column(frame, 'timeEnd')[i]);
    out.push({
      time,
      timeEnd: end !== undefined && end !== time ? end : undefined,
      source: asString(column(frame, 'source')[i]) ?? 'unknown',
      rule: asString(column(frame, 'rule')[i]) ?? '',
      severity: asSeverity(column(frame, 'severity')[i]),
      output: asString(column(frame, 'output')[i]),
      count: asNumber(column(frame, 'count')[i]),
      match: asString(column(frame, 'match')[i]),
      process: Object.values(process).some((v) => v !== undefined) ? process : undefined,
      host: asString(column(frame, 'host')[i]),
      container: asString(column(frame, 'container')[i]),
      ...toSearchFields({
        user: column(frame, 'user')[i],
        sourceAddress: column(frame, 'source_address')[i],
        sourcePort: column(frame, 'source_port')[i],
        destinationAddress: column(frame, 'destination_address')[i],
        destinationPort: column(frame, 'destination_port')[i],
        outcome: column(frame, 'outcome')[i],
      }),
    });
  }
  return out;
}

function readIncidentCulprit(frame: DataFrame, i: number): ProcessInfo | null {
  const culprit = toCulprit(column(frame, 'culprit')[i]);
  if (culprit) {
    return culprit;
  }
  const name = asString(column(frame, 'culprit_name')[i]);
  const pid = asNumber(column(frame, 'culprit_pid')[i]);
  return name !== undefined && pid !== undefined ? { name, pid } : null;
}

/** A row's changes, set only when it has some. */
function changesOf(frame: DataFrame, i: number): { changes?: ChangeInfo[] } {
  const changes = listOf(column(frame, 'changes')[i], toChange);
  return changes.length > 0 ? { changes } : {};
}

/** The optional parts of an incident row: set only when the row has them. */
function changesAndBusiness(frame: DataFrame, i: number): Pick<IncidentRecord, 'changes' | 'business'> {
  const business = toBusiness(column(frame, 'business')[i]);
  return { ...changesOf(frame, i), ...(business !== undefined ? { business } : {}) };
}

function readIncidentFrame(frame: DataFrame): IncidentRecord[] {
  const ids = column(frame, 'id');
  const out: IncidentRecord[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = asString(ids[i]);
    const start = asTime(column(frame, 'start')[i]);
    if (id === undefined || start === undefined) {
      continue;
    }
    const anomalies = asJson(column(frame, 'anomalies')[i]);
    out.push({
      id,
      start,
      end: asTime(column(frame, 'end')[i]),
      status: asString(column(frame, 'status')[i]) ?? 'open',
      severity: asSeverity(column(frame, 'severity')[i]),
      score: asNumber(column(frame, 'score')[i]) ?? 0,
      host: asString(column(frame, 'host')[i]),
      container: asString(column(frame, 'container')[i]),
      service: asString(column(frame, 'service')[i]),
      culprit: readIncidentCulprit(frame, i),
      signals: listOf(column(frame, 'signals')[i], toSignal),
      anomalies: Array.isArray(anomalies) ? anomalies.filter((a): a is string => typeof a === 'string') : [],
      summary: toSummary(
        column(frame, 'summary_ops')[i],
        column(frame, 'summary_security')[i],
        column(frame, 'summary_business')[i]
      ),
      ...changesAndBusiness(frame, i),
    });
  }
  return out;
}

/** First missing-field error among the named frames, if any. */
function checkFrames(frames: DataFrame[]): string | undefined {
  for (const kind of Object.keys(REQUIRED) as Array<keyof typeof REQUIRED>) {
    for (const frame of framesNamed(frames, kind)) {
      // An empty frame may be a bare placeholder without fields: nothing to misread.
      const error = frame.length === 0 && frame.fields.length === 0 ? undefined : missingFields(frame, kind);
      if (error) {
        return error;
      }
    }
  }
  return undefined;
}

/**
 * The frames of a timeline query (series, anomalies, signals, incidents). Frames from other data sources that
 * hold a time series are read as series too, so the panel can draw a Prometheus CPU query under Lockstep's
 * markers. No frames at all is an empty timeline, not an error.
 */
export function readTimeline(frames: DataFrame[]): ReadResult<Timeline> {
  const error = checkFrames(frames);
  if (error) {
    return { ok: false, error };
  }
  const known = frames.filter((f) => f.name !== undefined && KNOWN_FRAMES.has(f.name));
  const foreign = frames.filter((f) => !known.includes(f)).map(readForeignSeries);
  const foreignSeries = foreign.filter((s): s is SeriesRecord => s !== undefined);
  if (frames.length > 0 && known.length === 0 && foreignSeries.length === 0) {
    return {
      ok: false,
      error:
        'These results are not a Lockstep timeline: the panel reads frames named series, anomalies, signals and ' +
        'incidents. Choose the Lockstep data source with the query type "Entity timeline".',
    };
  }
  const signalFrames = framesNamed(frames, FRAME.signals);
  return {
    ok: true,
    value: {
      series: [...framesNamed(frames, FRAME.series).map(readSeriesFrame), ...foreignSeries],
      anomalies: framesNamed(frames, FRAME.anomalies).flatMap(readAnomalyFrame),
      signals: signalFrames.length > 0 ? signalFrames.flatMap(readSignalFrame) : undefined,
      incidents: framesNamed(frames, FRAME.incidents).flatMap(readIncidentFrame),
    },
  };
}

/** The incidents frame of an `incidents` query. No frames at all is an empty list. */
export function readIncidents(frames: DataFrame[]): ReadResult<IncidentRecord[]> {
  const error = checkFrames(frames);
  if (error) {
    return { ok: false, error };
  }
  const incidents = framesNamed(frames, FRAME.incidents);
  if (frames.length > 0 && incidents.length === 0) {
    return {
      ok: false,
      error: 'The data source answered without an incidents frame: check that it is the Lockstep data source.',
    };
  }
  return { ok: true, value: incidents.flatMap(readIncidentFrame) };
}
