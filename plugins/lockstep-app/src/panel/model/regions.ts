import type { AnomalyRecord, IncidentRecord } from '../../common/read-frames';
import type { Severity } from '../../common/records';
import { metricLabel, type FormatTime } from './format';

export interface TimeRangeMs {
  from: number;
  to: number;
}

/** A shaded spike window: an incident, or a spike no incident explains (no security evidence). */
export interface SpikeRegion {
  key: string;
  kind: 'incident' | 'anomaly';
  from: number;
  to: number;
  /** Still open: drawn to the end of the range. */
  open: boolean;
  severity?: Severity;
  /** Accessible name and tooltip. */
  label: string;
}

function window(start: number, end: number | undefined, range: TimeRangeMs): { from: number; to: number } | undefined {
  const to = Math.min(end ?? range.to, range.to);
  const from = Math.max(start, range.from);
  return from <= to ? { from, to } : undefined;
}

/**
 * Spike windows to shade within the range: every incident, plus each anomaly that no incident lists (a spike
 * without security evidence). An open window (end null) runs to the end of the range.
 */
export function spikeRegions(
  anomalies: readonly AnomalyRecord[],
  incidents: readonly IncidentRecord[],
  range: TimeRangeMs,
  formatTime: FormatTime
): SpikeRegion[] {
  const regions: SpikeRegion[] = [];
  const explained = new Set(incidents.flatMap((i) => i.anomalies));
  for (const incident of incidents) {
    const w = window(incident.start, incident.end, range);
    if (w) {
      const until = incident.end === undefined ? 'still open' : formatTime(incident.end);
      regions.push({
        key: `incident:${incident.id}`,
        kind: 'incident',
        ...w,
        open: incident.end === undefined,
        severity: incident.severity,
        label: `Incident ${incident.id} (${incident.severity}, score ${incident.score.toFixed(2)}): ${formatTime(incident.start)} to ${until}`,
      });
    }
  }
  for (const anomaly of anomalies) {
    const w = explained.has(anomaly.id) ? undefined : window(anomaly.start, anomaly.end, range);
    if (w) {
      const until = anomaly.end === undefined ? 'still open' : formatTime(anomaly.end);
      regions.push({
        key: `anomaly:${anomaly.id}`,
        kind: 'anomaly',
        ...w,
        open: anomaly.end === undefined,
        label: `${metricLabel(anomaly.metric)} spike without security evidence: ${formatTime(anomaly.start)} to ${until}`,
      });
    }
  }
  return regions;
}

export interface PlacedRegion {
  region: SpikeRegion;
  /** CSS pixels from the left of the plotting area. */
  left: number;
  width: number;
}

/** Pixel extents of the regions, clipped to the plotting area; at least 2 px wide so a short spike shows. */
export function placeRegions(
  regions: readonly SpikeRegion[],
  toX: (time: number) => number,
  plotWidth: number
): PlacedRegion[] {
  const placed: PlacedRegion[] = [];
  for (const region of regions) {
    const left = Math.max(0, toX(region.from));
    const right = Math.min(plotWidth, toX(region.to));
    if (Number.isFinite(left) && Number.isFinite(right) && right >= left && left <= plotWidth && right >= 0) {
      placed.push({ region, left, width: Math.max(2, right - left) });
    }
  }
  return placed;
}
