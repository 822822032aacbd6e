import type { JsonObject } from '../json';
import { isObject, readInt } from '../json';

export type MetricType = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';
export type Temporality = 'delta' | 'cumulative';

/** The one data field a `Metric` carries (the proto `oneof data`), with its points. */
export interface MetricData {
  type: MetricType;
  body: JsonObject;
  /** undefined when `dataPoints` is missing or not an array. */
  points: unknown[] | undefined;
}

/** The metric's data, or undefined when it carries none of the five OTLP data types. */
export function readMetricData(metric: JsonObject): MetricData | undefined {
  let type: MetricType;
  let body: unknown;
  if ((body = metric.sum) !== undefined) type = 'sum';
  else if ((body = metric.gauge) !== undefined) type = 'gauge';
  else if ((body = metric.histogram) !== undefined) type = 'histogram';
  else if ((body = metric.exponentialHistogram ?? metric.exponential_histogram) !== undefined)
    type = 'exponentialHistogram';
  else if ((body = metric.summary) !== undefined) type = 'summary';
  else return undefined;
  if (!isObject(body)) return undefined;
  const points = body.dataPoints ?? body.data_points;
  return { type, body, points: Array.isArray(points) ? points : undefined };
}

/** AggregationTemporality enum values (opentelemetry-proto metrics.proto). */
const TEMPORALITY_DELTA = 1;
const TEMPORALITY_CUMULATIVE = 2;

/**
 * The aggregation temporality of a Sum or (exponential) histogram: the integer protojson writes, or the enum
 * name the OTLP spec lets receivers accept. UNSPECIFIED or anything else gives undefined.
 */
export function readTemporality(body: JsonObject): Temporality | undefined {
  const raw = body.aggregationTemporality ?? body.aggregation_temporality;
  if (raw === 'AGGREGATION_TEMPORALITY_DELTA') return 'delta';
  if (raw === 'AGGREGATION_TEMPORALITY_CUMULATIVE') return 'cumulative';
  const n = readInt(raw);
  if (n === TEMPORALITY_DELTA) return 'delta';
  if (n === TEMPORALITY_CUMULATIVE) return 'cumulative';
  return undefined;
}

/** DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks a series as stale and carries no value. */
const FLAG_NO_RECORDED_VALUE = 1;

export function hasNoRecordedValue(point: JsonObject): boolean {
  const flags = point.flags;
  return typeof flags === 'number' && (flags & FLAG_NO_RECORDED_VALUE) !== 0;
}
