/**
 * Builders of OTLP/JSON requests for tests, in the shape the collector's file exporter writes (protojson:
 * lowerCamelCase keys, 64-bit integers as decimal strings, enums as integers). Free of test-runner globals so
 * it type-checks as ordinary code.
 */

export type Json = Record<string, unknown>;
export type AttributeValue = string | number | boolean | string[];

/** A fixed instant for tests: 2026-11-23T03:00:00Z. */
export const T0 = Date.UTC(2026, 10, 23, 3, 0, 0);
export const SECOND = 1000;

export const DELTA = 1;
export const CUMULATIVE = 2;

/** Epoch ms as OTLP's decimal-string nanoseconds. */
export function nanos(ms: number): string {
  return `${Math.round(ms)}000000`;
}

export function anyValue(value: AttributeValue): Json {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

export function attributes(record: Record<string, AttributeValue> = {}): Json[] {
  return Object.entries(record).map(([key, value]) => ({ key, value: anyValue(value) }));
}

export interface NumberPointSpec {
  time: number;
  start?: number;
  value: number;
  attributes?: Record<string, AttributeValue>;
}

export function numberPoint(spec: NumberPointSpec): Json {
  const point: Json = { attributes: attributes(spec.attributes), timeUnixNano: nanos(spec.time), asDouble: spec.value };
  if (spec.start !== undefined) point.startTimeUnixNano = nanos(spec.start);
  return point;
}

export function sum(name: string, points: Json[], temporality = CUMULATIVE, unit = 's'): Json {
  return { name, unit, sum: { dataPoints: points, aggregationTemporality: temporality, isMonotonic: true } };
}

export function gauge(name: string, points: Json[], unit = '1'): Json {
  return { name, unit, gauge: { dataPoints: points } };
}

export interface HistogramPointSpec {
  time: number;
  start?: number;
  bounds: number[];
  counts: number[];
  attributes?: Record<string, AttributeValue>;
}

export function histogramPoint(spec: HistogramPointSpec): Json {
  const total = spec.counts.reduce((a, b) => a + b, 0);
  const point: Json = {
    attributes: attributes(spec.attributes),
    timeUnixNano: nanos(spec.time),
    count: String(total),
    bucketCounts: spec.counts.map(String),
    explicitBounds: spec.bounds,
  };
  if (spec.start !== undefined) point.startTimeUnixNano = nanos(spec.start);
  return point;
}

export function histogram(name: string, points: Json[], temporality = CUMULATIVE, unit = 's'): Json {
  return { name, unit, histogram: { dataPoints: points, aggregationTemporality: temporality } };
}

export interface ExponentialPointSpec {
  time: number;
  start?: number;
  scale: number;
  offset: number;
  counts: number[];
  zeroCount?: number;
  zeroThreshold?: number;
  attributes?: Record<string, AttributeValue>;
}

export function exponentialPoint(spec: ExponentialPointSpec): Json {
  const zeroCount = spec.zeroCount ?? 0;
  const point: Json = {
    attributes: attributes(spec.attributes),
    timeUnixNano: nanos(spec.time),
    count: String(spec.counts.reduce((a, b) => a + b, zeroCount)),
    scale: spec.scale,
    zeroCount: String(zeroCount),
    positive: { offset: spec.offset, bucketCounts: spec.counts.map(String) },
  };
  if (spec.zeroThreshold !== undefined) point.zeroThreshold = spec.zeroThreshold;
  if (spec.start !== undefined) point.startTimeUnixNano = nanos(spec.start);
  return point;
}

export function exponentialHistogram(name: string, points: Json[], temporality = CUMULATIVE, unit = 's'): Json {
  return { name, unit, exponentialHistogram: { dataPoints: points, aggregationTemporality: temporality } };
}

export function resourceMetrics(resource: Record<string, AttributeValue>, metrics: Json[]): Json {
  return { resource: { attributes: attributes(resource) }, scopeMetrics: [{ scope: { name: 'test' }, metrics }] };
}

export function metricsRequest(...resources: Json[]): Json {
  return { resourceMetrics: resources };
}

/** Cumulative `system.cpu.time` points: seconds per cpu per mode, e.g. `{ cpu0: { user: 10, idle: 90 } }`. */
export function cpuTimePoints(
  time: number,
  perCpu: Record<string, Record<string, number>>,
  start = T0 - 3600 * SECOND,
): Json[] {
  const points: Json[] = [];
  for (const [cpu, modes] of Object.entries(perCpu)) {
    for (const [state, value] of Object.entries(modes)) {
      points.push(numberPoint({ time, start, value, attributes: { cpu, state } }));
    }
  }
  return points;
}

/** A process resource as the hostmetrics process scraper describes it. */
export function processResource(
  pid: number,
  name: string,
  extra: Record<string, AttributeValue> = {},
): Record<string, AttributeValue> {
  return {
    'host.name': 'web-01',
    'process.pid': pid,
    'process.parent_pid': 1,
    'process.executable.name': name,
    'process.executable.path': `/usr/bin/${name}`,
    'process.command_line': `/usr/bin/${name} --serve`,
    'process.owner': 'www-data',
    ...extra,
  };
}

/** `process.cpu.time` points (cumulative, per mode) whose start time is the process start, as the scraper sends. */
export function processCpuTime(time: number, start: number, modes: Record<string, number>): Json {
  const points = Object.entries(modes).map(([state, value]) =>
    numberPoint({ time, start, value, attributes: { state } }),
  );
  return sum('process.cpu.time', points);
}

export interface LogRecordSpec {
  time?: number;
  observedTime?: number;
  severityNumber?: number | string;
  severityText?: string;
  body?: string;
  attributes?: Record<string, AttributeValue>;
}

export function logRecord(spec: LogRecordSpec): Json {
  const record: Json = { attributes: attributes(spec.attributes) };
  if (spec.time !== undefined) record.timeUnixNano = nanos(spec.time);
  if (spec.observedTime !== undefined) record.observedTimeUnixNano = nanos(spec.observedTime);
  if (spec.severityNumber !== undefined) record.severityNumber = spec.severityNumber;
  if (spec.severityText !== undefined) record.severityText = spec.severityText;
  if (spec.body !== undefined) record.body = { stringValue: spec.body };
  return record;
}

export function logsRequest(resource: Record<string, AttributeValue>, records: Json[]): Json {
  return {
    resourceLogs: [{ resource: { attributes: attributes(resource) }, scopeLogs: [{ scope: {}, logRecords: records }] }],
  };
}

/** The same request with every object key turned into snake_case (what proto-name JSON encoders write). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    // Attribute keys are data ("process.pid"), not field names: they sit in `key` values, never as object keys.
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = snakeCaseKeys(inner);
  }
  return out;
}
