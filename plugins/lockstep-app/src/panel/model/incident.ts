import type { AnomalyRecord, IncidentRecord, SeriesRecord } from '../../common/read-frames';
import { isCulpritEntry, sameProcess } from '../../common/process-identity';
import type { ProcessInfo, SignalRecord } from '../../common/records';

export type MetricChoice = 'auto' | 'cpu' | 'latency';

/** The series to draw: the chosen metric's, else the first one with points, else the first. */
export function pickSeries(series: readonly SeriesRecord[], metric: MetricChoice): SeriesRecord | undefined {
  if (metric !== 'auto') {
    const chosen = series.find((s) => s.metric === metric);
    if (chosen) {
      return chosen;
    }
  }
  return series.find((s) => s.times.length > 0) ?? series[0];
}

/** The incident named by id, else the most recent one (by start), preferring incidents with a culprit. */
export function pickIncident(incidents: readonly IncidentRecord[], id?: string): IncidentRecord | undefined {
  const named = id === undefined ? undefined : incidents.find((i) => i.id === id);
  if (named) {
    return named;
  }
  const withCulprit = incidents.filter((i) => i.culprit !== null);
  const pool = withCulprit.length > 0 ? withCulprit : incidents;
  return pool.reduce<IncidentRecord | undefined>(
    (latest, i) => (!latest || i.start > latest.start ? i : latest),
    undefined
  );
}

export interface CulpritShare {
  anomalyId: string;
  metric: string;
  share: number;
}

/** The culprit's share of each spike the incident explains, from the anomalies' contributors. */
export function culpritShares(incident: IncidentRecord, anomalies: readonly AnomalyRecord[]): CulpritShare[] {
  const culprit = incident.culprit;
  if (!culprit) {
    return [];
  }
  const ids = new Set(incident.anomalies);
  const shares: CulpritShare[] = [];
  for (const anomaly of anomalies) {
    if (!ids.has(anomaly.id)) {
      continue;
    }
    const contributor = anomaly.contributors.find((c) => isCulpritEntry(c.process, c.instances, culprit));
    if (contributor) {
      shares.push({ anomalyId: anomaly.id, metric: anomaly.metric, share: contributor.share });
    }
  }
  return shares;
}

/** Whether a signal is on the culprit itself (rather than on its container or host). */
export function isOnCulprit(signal: SignalRecord, culprit: ProcessInfo | null): boolean {
  return culprit !== null && sameProcess(signal.process, culprit);
}

/** The incident's signals, the culprit's first, then by time. */
export function orderedSignals(incident: IncidentRecord): SignalRecord[] {
  return [...incident.signals].sort((a, b) => {
    const onA = isOnCulprit(a, incident.culprit) ? 0 : 1;
    const onB = isOnCulprit(b, incident.culprit) ? 0 : 1;
    return onA - onB || a.time - b.time;
  });
}
