import type { Anomaly, Entity, Incident, IncidentSignal, SignalRecord } from '@lockstep/contract';
import { parseIsoMillis } from '../../model/time';

/** Row parameters for the indexed columns; the object itself goes whole into `body`. */
type Row = Record<string, string | number | null>;

function millis(iso: string, field: string): number {
  const ms = parseIsoMillis(iso);
  if (ms === undefined) throw new TypeError(`${field} is not an ISO-8601 time: ${JSON.stringify(iso)}`);
  return ms;
}

function entityColumns(entity: Partial<Entity>): Row {
  return {
    host: entity['host.name'] ?? null,
    container: entity['container.id'] ?? null,
    service: entity['service.name'] ?? null,
    pod: entity['k8s.pod.name'] ?? null,
  };
}

export function anomalyRow(anomaly: Anomaly, final: boolean): Row {
  return {
    id: anomaly.id,
    ...entityColumns(anomaly.entity),
    metric: anomaly.metric,
    start_ms: millis(anomaly.start, 'anomaly.start'),
    end_ms: anomaly.end === null ? null : millis(anomaly.end, 'anomaly.end'),
    final: final ? 1 : 0,
    body: JSON.stringify(anomaly),
  };
}

export function incidentRow(incident: Incident, final: boolean): Row {
  return {
    id: incident.id,
    status: incident.status,
    severity: incident.severity,
    score: incident.score,
    ...entityColumns(incident.entity),
    start_ms: millis(incident.start, 'incident.start'),
    end_ms: incident.end === null ? null : millis(incident.end, 'incident.end'),
    final: final ? 1 : 0,
    body: JSON.stringify(incident),
  };
}

/**
 * Incidents embed their evidence without signal ids, so a signal is tied to the incidents that cite it
 * by (source, rule, time). Two different signals sharing that key only make retention keep a little more.
 */
export function signalKey(signal: Pick<IncidentSignal, 'source' | 'rule' | 'time'>): string {
  return `${signal.source}\u0000${signal.rule}\u0000${millis(signal.time, 'signal.time')}`;
}

export function signalRow(signal: SignalRecord): Row {
  const time = millis(signal.time, 'signal.time');
  return {
    id: signal.id,
    source: signal.source,
    rule: signal.rule,
    severity: signal.severity,
    ...entityColumns(signal.entity),
    time_ms: time,
    // A folded burst spans [time, last_time].
    end_ms: signal.last_time === undefined ? time : millis(signal.last_time, 'signal.last_time'),
    signal_key: signalKey(signal),
    user_name: signal['user.name'] ?? null,
    source_address: signal['source.address'] ?? null,
    destination_address: signal['destination.address'] ?? null,
    body: JSON.stringify(signal),
  };
}
