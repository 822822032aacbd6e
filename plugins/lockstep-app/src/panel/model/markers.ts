import type { DataFrame } from '@grafana/data';
import { asString, asTime, SEVERITY_RANK, type Severity, type SignalRecord } from '../../common/records';
import type { FormatTime } from './format';
import { SEVERITY_LABEL } from './severity';

export interface Marker {
  key: string;
  kind: 'signal' | 'annotation';
  time: number;
  severity: Severity;
  /** Accessible name and tooltip (plain text; untrusted parts included as text). */
  label: string;
  /** Set on a marker that stands for several close together (see `clusterMarkers`): the ones it stands for. */
  members?: readonly Marker[];
}

/** Identity of a signal shared by the signals frame and an incident's signals, to highlight one from the other. */
export function signalKey(signal: SignalRecord): string {
  return [signal.time, signal.source, signal.rule, signal.process?.pid ?? ''].join('|');
}

export function signalLabel(signal: SignalRecord, formatTime: FormatTime): string {
  const process = signal.process;
  const who = process?.name ?? (process?.pid !== undefined ? 'process' : undefined);
  const proc = who ? ` on ${who}${process?.pid !== undefined ? ` (pid ${process.pid})` : ''}` : '';
  const repeats = signal.count !== undefined && signal.count > 1 ? `, ${signal.count} times` : '';
  return `${SEVERITY_LABEL[signal.severity]} ${signal.source} signal${proc}: ${signal.rule} at ${formatTime(signal.time)}${repeats}`;
}

/** Signal markers at or above the severity threshold, oldest first, one per distinct signal. */
export function signalMarkers(
  signals: readonly SignalRecord[],
  minSeverity: Severity,
  formatTime: FormatTime
): Marker[] {
  const seen = new Set<string>();
  const markers: Marker[] = [];
  for (const signal of signals) {
    const key = signalKey(signal);
    if (SEVERITY_RANK[signal.severity] < SEVERITY_RANK[minSeverity] || seen.has(key)) {
      continue;
    }
    seen.add(key);
    markers.push({
      key,
      kind: 'signal',
      time: signal.time,
      severity: signal.severity,
      label: signalLabel(signal, formatTime),
    });
  }
  return markers.sort((a, b) => a.time - b.time);
}

/** Dashboard annotations (`data.annotations`): time, title/text. Their text is untrusted too. */
export function annotationMarkers(frames: readonly DataFrame[] | undefined, formatTime: FormatTime): Marker[] {
  const markers: Marker[] = [];
  for (const frame of frames ?? []) {
    const times = frame.fields.find((f) => f.name === 'time')?.values ?? [];
    const titles = frame.fields.find((f) => f.name === 'title')?.values ?? [];
    const texts = frame.fields.find((f) => f.name === 'text')?.values ?? [];
    for (let i = 0; i < times.length; i++) {
      const time = asTime(times[i]);
      if (time === undefined) {
        continue;
      }
      const text = asString(titles[i]) ?? asString(texts[i]) ?? 'annotation';
      markers.push({
        key: `annotation:${frame.refId ?? ''}:${i}:${time}`,
        kind: 'annotation',
        time,
        severity: 'info',
        label: `Annotation at ${formatTime(time)}: ${text}`,
      });
    }
  }
  return markers.sort((a, b) => a.time - b.time);
}

export interface PlacedMarker {
  marker: Marker;
  /** CSS pixels from the left of the plotting area (from uPlot's `valToPos(time, 'x')`). */
  x: number;
}

/** Markers inside the plotting area, at their x positions. */
export function placeMarkers(
  markers: readonly Marker[],
  toX: (time: number) => number,
  plotWidth: number
): PlacedMarker[] {
  const placed: PlacedMarker[] = [];
  for (const marker of markers) {
    const x = toX(marker.time);
    if (Number.isFinite(x) && x >= 0 && x <= plotWidth) {
      placed.push({ marker, x });
    }
  }
  return placed;
}

/**
 * Markers of one kind closer than `gap` pixels become one marker (the most severe one's position, severity and
 * name, with a count), the way dashboards cluster annotations: 2,000 signals over a 600-pixel chart would
 * otherwise be 2,000 overlapping buttons that nobody can tell apart, and cost far more to render than the series.
 * Input in time order (as `placeMarkers` returns it); output in the same order.
 */
export function clusterMarkers(placed: readonly PlacedMarker[], gap: number): PlacedMarker[] {
  const out: PlacedMarker[] = [];
  let group: PlacedMarker[] = [];
  const flush = (): void => {
    const first = group[0];
    if (first === undefined) {
      return;
    }
    if (group.length === 1) {
      out.push(first);
    } else {
      let lead = first;
      for (const item of group) {
        if (SEVERITY_RANK[item.marker.severity] > SEVERITY_RANK[lead.marker.severity]) {
          lead = item;
        }
      }
      const members = group.map((item) => item.marker);
      out.push({
        x: lead.x,
        marker: {
          ...lead.marker,
          key: `cluster:${lead.marker.key}`,
          label: `${group.length} ${lead.marker.kind === 'annotation' ? 'annotations' : 'signals'} here, the most severe: ${lead.marker.label}`,
          members,
        },
      });
    }
    group = [];
  };
  for (const item of placed) {
    const first = group[0];
    if (first !== undefined && (item.marker.kind !== first.marker.kind || item.x - first.x >= gap)) {
      flush();
    }
    group.push(item);
  }
  flush();
  return out;
}

/** True when `marker` is `key` or stands for it. */
export function markerHolds(marker: Marker, key: string | undefined): boolean {
  return key !== undefined && (marker.key === key || (marker.members?.some((m) => m.key === key) ?? false));
}
