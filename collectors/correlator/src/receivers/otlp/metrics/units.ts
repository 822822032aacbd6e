import { HTTP_SERVER_DURATION } from './metric-names';

/** UCUM time units a latency histogram may use, in seconds. */
const SECONDS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['s', 1],
  ['ms', 1e-3],
  ['us', 1e-6],
  ['ns', 1e-9],
  ['min', 60],
]);

/**
 * Seconds per unit of a latency metric, from its `unit` field. Without one, the name's convention applies:
 * `http.server.duration` was specified in milliseconds, `http.server.request.duration` is in seconds.
 * undefined for a unit that is not a time (the metric cannot be read as latency).
 */
export function secondsPerUnit(metricName: string, unit: unknown): number | undefined {
  if (typeof unit !== 'string' || unit.length === 0) return metricName === HTTP_SERVER_DURATION ? 1e-3 : 1;
  return SECONDS_PER_UNIT.get(unit);
}
