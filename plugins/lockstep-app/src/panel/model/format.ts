import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

export type FormatTime = (ms: number) => string;

/** Times as the dashboard shows them (its time zone), with seconds: signals seconds apart must read apart. */
export function timeFormatter(timeZone: TimeZone): FormatTime {
  return (ms) => dateTimeFormat(ms, { timeZone, format: 'YYYY-MM-DD HH:mm:ss' });
}

/** A value of the API's units: `1` utilization, `cores` CPU cores, `s` seconds. */
export function formatValue(value: number, unit: string | undefined): string {
  switch (unit) {
    case '1':
      return `${round(value * 100)}%`;
    case 'cores':
      return `${round(value)} cores`;
    case 's':
      return value < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`;
    default:
      return String(round(value));
  }
}

/** Three significant digits at most, without trailing zeros. */
function round(value: number): number {
  return Number(value.toPrecision(3));
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A fixed word per metric: never the data's own text (uPlot is given this as the series label). */
export function metricLabel(metric: string | undefined): string {
  if (metric === 'latency') {
    return 'latency';
  }
  return metric === 'cpu' ? 'CPU' : 'value';
}

/** `xmrig (pid 4242)`, or for a culprit that stands for a group `xmrig (pid 4242, one of 12 instances)`. */
export function culpritLabel(culprit: { name?: string; pid?: number; instances?: number }): string {
  const details = [
    culprit.pid !== undefined ? `pid ${culprit.pid}` : undefined,
    culprit.instances !== undefined ? `one of ${culprit.instances} instances` : undefined,
  ].filter((d): d is string => d !== undefined);
  const name = culprit.name ?? 'unknown';
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}
