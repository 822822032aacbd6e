import type { AnomalyState } from './anomalies';

/** How long an incident's spikes have lasted: from the first start to the last end, or to `now` while one is open. */
export function incidentSpan(anomalies: readonly AnomalyState[], now: number): { ms: number; open: boolean } {
  const start = Math.min(...anomalies.map((a) => a.start));
  const ends = anomalies.map((a) => a.end);
  const open = ends.some((e) => e === undefined);
  return { ms: open ? now - start : Math.max(...(ends as number[])) - start, open };
}
