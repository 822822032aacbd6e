import { isObject, readCount, readDouble, readInt, readTime, START_TIME_MS, TIME_MS } from '../json';
import type { JsonObject } from '../json';
import { hasNoRecordedValue } from './metric-data';
import type { PointProblem } from './number-point';
import { SKIP_POINT } from './number-point';

/**
 * Buckets read per histogram point. The SDKs default to 15 explicit buckets and 160 exponential ones; a few
 * thousand covers any sane custom layout, and anything longer is refused instead of being walked.
 */
export const MAX_BUCKETS = 4096;
/** Exponential histogram scales the data model allows. */
const MIN_SCALE = -10;
const MAX_SCALE = 20;
/** A histogram point that has only a count and a sum: no shape to take quantiles from. */
export const NO_BUCKETS: PointProblem = 'no-buckets';

/** Explicit-bucket counts: bucket i spans (bounds[i-1], bounds[i]]; the first and last are open-ended. */
export interface ExplicitSnapshot {
  kind: 'explicit';
  bounds: number[];
  counts: number[];
  total: number;
  /** Sum of the recorded values, when the point carries one (it is optional in OTLP). */
  sum?: number;
}

/** Exponential counts: positive bucket `offset + i` spans (base^(offset+i), base^(offset+i+1)], base 2^2^-scale. */
export interface ExponentialSnapshot {
  kind: 'exponential';
  scale: number;
  offset: number;
  counts: number[];
  zeroCount: number;
  zeroThreshold: number;
  total: number;
  sum?: number;
}

export type HistogramSnapshot = ExplicitSnapshot | ExponentialSnapshot;

export interface HistogramPoint {
  time: number;
  /** 0 when unset. */
  start: number;
  attributes: unknown;
  snapshot: HistogramSnapshot;
}

/**
 * Reads an OTLP HistogramDataPoint or ExponentialHistogramDataPoint. Returns the point, SKIP_POINT (stale
 * marker), NO_BUCKETS, or a phrase completing "a data point ..." for a malformed one.
 */
export function readHistogramPoint(point: unknown, exponential: boolean): HistogramPoint | PointProblem {
  if (!isObject(point)) return 'is not an object';
  if (hasNoRecordedValue(point)) return SKIP_POINT;
  const time = readTime(point, TIME_MS, point.timeUnixNano ?? point.time_unix_nano);
  if (time === undefined) return 'has no valid timeUnixNano';
  const snapshot = exponential ? readExponential(point) : readExplicit(point);
  if (typeof snapshot === 'string') return snapshot;
  const start = readTime(point, START_TIME_MS, point.startTimeUnixNano ?? point.start_time_unix_nano) ?? 0;
  // A duration's sum is never negative; a sum that is not a finite, non-negative number is ignored, not trusted.
  const sum = point.sum === undefined ? undefined : readDouble(point.sum);
  if (sum !== undefined && Number.isFinite(sum) && sum >= 0) snapshot.sum = sum;
  return { time, start, attributes: point.attributes, snapshot };
}

function readExplicit(point: JsonObject): ExplicitSnapshot | PointProblem {
  const rawCounts = point.bucketCounts ?? point.bucket_counts;
  const rawBounds = point.explicitBounds ?? point.explicit_bounds ?? [];
  // No buckets, or a single (-inf, +inf) one: a count and a sum, but no shape.
  if (rawCounts === undefined || (Array.isArray(rawCounts) && rawCounts.length <= 1)) return NO_BUCKETS;
  if (!Array.isArray(rawCounts) || !Array.isArray(rawBounds))
    return 'has bucketCounts or explicitBounds that is not an array';
  if (rawCounts.length > MAX_BUCKETS) return `has more than ${MAX_BUCKETS} buckets`;
  if (rawCounts.length !== rawBounds.length + 1) return 'has bucketCounts that is not one longer than explicitBounds';
  const counts = readCounts(rawCounts);
  if (counts === undefined) return 'has a bucket count that is not a non-negative integer';
  const bounds: number[] = new Array<number>(rawBounds.length);
  for (let i = 0; i < rawBounds.length; i++) {
    const bound = readDouble(rawBounds[i]);
    if (bound === undefined || !Number.isFinite(bound)) return 'has an explicit bound that is not a finite number';
    if (i > 0 && bound <= (bounds[i - 1] as number)) return 'has explicitBounds that are not strictly increasing';
    bounds[i] = bound;
  }
  return { kind: 'explicit', bounds, counts: counts.values, total: counts.total };
}

function readExponential(point: JsonObject): ExponentialSnapshot | PointProblem {
  const scale = readInt(point.scale ?? 0);
  if (scale === undefined || scale < MIN_SCALE || scale > MAX_SCALE)
    return `has a scale outside ${MIN_SCALE}..${MAX_SCALE}`;
  const zeroCount = readCount(point.zeroCount ?? point.zero_count ?? 0);
  if (zeroCount === undefined) return 'has a zeroCount that is not a non-negative integer';
  const zeroThreshold = readDouble(point.zeroThreshold ?? point.zero_threshold ?? 0);
  if (zeroThreshold === undefined || !(zeroThreshold >= 0) || !Number.isFinite(zeroThreshold))
    return 'has a zeroThreshold that is not a non-negative number';
  const negative = readBuckets(point.negative);
  if (typeof negative === 'string') return negative;
  if (negative.total > 0) return 'has negative buckets with counts: a duration is never negative';
  const positive = readBuckets(point.positive);
  if (typeof positive === 'string') return positive;
  // The top edge of the last bucket must be a finite number, or the offset is out of any sane range.
  if (!Number.isFinite(2 ** ((positive.offset + positive.counts.length) * 2 ** -scale)))
    return 'has bucket indexes beyond the range of a double';
  const total = zeroCount + positive.total;
  return {
    kind: 'exponential',
    scale,
    offset: positive.offset,
    counts: positive.counts,
    zeroCount,
    zeroThreshold,
    total,
  };
}

interface DenseBuckets {
  offset: number;
  counts: number[];
  total: number;
}

const NO_DENSE_BUCKETS: DenseBuckets = { offset: 0, counts: [], total: 0 };

function readBuckets(raw: unknown): DenseBuckets | PointProblem {
  if (raw === undefined) return NO_DENSE_BUCKETS;
  if (!isObject(raw)) return 'has positive or negative buckets that are not an object';
  const offset = readInt(raw.offset ?? 0);
  if (offset === undefined) return 'has a bucket offset that is not an integer';
  const rawCounts = raw.bucketCounts ?? raw.bucket_counts ?? [];
  if (!Array.isArray(rawCounts)) return 'has bucketCounts that is not an array';
  if (rawCounts.length > MAX_BUCKETS) return `has more than ${MAX_BUCKETS} buckets`;
  const counts = readCounts(rawCounts);
  if (counts === undefined) return 'has a bucket count that is not a non-negative integer';
  return { offset, counts: counts.values, total: counts.total };
}

function readCounts(raw: unknown[]): { values: number[]; total: number } | undefined {
  const values: number[] = new Array<number>(raw.length);
  let total = 0;
  for (let i = 0; i < raw.length; i++) {
    const count = readCount(raw[i]);
    if (count === undefined) return undefined;
    values[i] = count;
    total += count;
  }
  return { values, total };
}
