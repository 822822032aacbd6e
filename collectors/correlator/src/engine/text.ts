/**
 * Untrusted strings (command lines, user names, paths, rule names) go into one-line summaries that end up in
 * logs, terminals and dashboards: no control characters (no forged log lines, no terminal escapes), no
 * bidirectional overrides (no visually reordered text), bounded length.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;

export function clean(value: string, maxLength: number): string {
  const flat = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, Math.max(0, maxLength - 1))}…`;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function seconds(value: number): string {
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(value < 10 ? 2 : 1)} s`;
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.max(1, Math.round(ms / 1000))} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}

export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}
