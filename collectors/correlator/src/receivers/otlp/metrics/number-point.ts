import { isObject, readDouble, readTime, START_TIME_MS, TIME_MS } from '../json';
import { hasNoRecordedValue } from './metric-data';

/** A Gauge or Sum data point, read into a reusable holder (no allocation per point). */
export interface NumberPoint {
  /** Epoch ms at the end of the point's interval. */
  time: number;
  /** Epoch ms of the series (cumulative) or interval (delta) start; 0 when unset. */
  start: number;
  value: number;
  /** The point's `attributes` list as sent (may be anything; scanned by the caller). */
  attributes: unknown;
}

export function newNumberPoint(): NumberPoint {
  return { time: 0, start: 0, value: 0, attributes: undefined };
}

/** Why a point was not read: a phrase completing "a data point ...", or `skip` for a stale marker. */
export type PointProblem = string;
export const SKIP_POINT: PointProblem = 'skip';

/**
 * Reads an OTLP NumberDataPoint into `out`. Returns undefined on success, SKIP_POINT for a point flagged
 * "no recorded value", else a phrase saying what is wrong. Non-finite values are rejected here; range checks
 * that depend on the metric (negative counters, utilization above 1) are the caller's.
 */
export function readNumberPoint(point: unknown, out: NumberPoint): PointProblem | undefined {
  if (!isObject(point)) return 'is not an object';
  if (hasNoRecordedValue(point)) return SKIP_POINT;
  const time = readTime(point, TIME_MS, point.timeUnixNano ?? point.time_unix_nano);
  if (time === undefined) return 'has no valid timeUnixNano';
  let raw = point.asDouble;
  if (raw === undefined) raw = point.asInt ?? point.as_double ?? point.as_int;
  const value = readDouble(raw);
  if (value === undefined) return 'has no asDouble or asInt number';
  if (!Number.isFinite(value)) return 'has a value that is not a finite number';
  out.time = time;
  out.start = readTime(point, START_TIME_MS, point.startTimeUnixNano ?? point.start_time_unix_nano) ?? 0;
  out.value = value;
  out.attributes = point.attributes;
  return undefined;
}
