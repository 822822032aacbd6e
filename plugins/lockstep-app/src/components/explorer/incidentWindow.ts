import { dateTime, type TimeRange } from '@grafana/data';
import type { AnomalyRecord, IncidentRecord } from '../../common/read-frames';
import type { LockstepQuery } from '../../common/query';

const MINUTE_MS = 60_000;
/** Context around an incident: at least 15 minutes, or half its length, on each side. */
const MIN_PAD_MS = 15 * MINUTE_MS;

/** The detail's time range: the incident with context on both sides; an open incident runs to now. */
export function incidentRange(incident: IncidentRecord, now: number): TimeRange {
  const end = incident.end ?? now;
  const pad = Math.max(MIN_PAD_MS, (end - incident.start) / 2);
  const from = dateTime(incident.start - pad);
  const to = dateTime(incident.end === undefined ? now : Math.min(now, end + pad));
  return { from, to, raw: { from, to } };
}

/** The timeline query for an incident's entity; without the incident yet, the data source resolves the id. */
export function timelineQuery(
  incidentId: string,
  incident: IncidentRecord | undefined,
  metric: 'cpu' | 'latency'
): LockstepQuery {
  return {
    refId: 'timeline',
    queryType: 'timeline',
    incidentId,
    metric,
    host: incident?.host,
    container: incident?.container,
    // The API draws a service's latency; for CPU the container (or host) says which series.
    service: metric === 'latency' ? incident?.service : undefined,
  };
}

/** The incident's own spikes, else those overlapping its window (a data source that did not keep the ids). */
export function incidentAnomalies(incident: IncidentRecord, anomalies: readonly AnomalyRecord[]): AnomalyRecord[] {
  const ids = new Set(incident.anomalies);
  const own = anomalies.filter((a) => ids.has(a.id));
  if (own.length > 0) {
    return own;
  }
  const end = incident.end ?? Infinity;
  return anomalies.filter((a) => a.start <= end && (a.end ?? Infinity) >= incident.start);
}
