import type { JsonObject } from '../json';
import { START_TIME_MS, TIME_MS } from '../json';
import { envelope, instrumentationScope, keyValue, resource } from './read-common';
import type { WireReader } from './wire-reader';

// metrics.proto

export function resourceMetrics(r: WireReader, depth: number): JsonObject {
  return envelope(r, depth, 'resource', resource, 'scopeMetrics', scopeMetrics);
}

function scopeMetrics(r: WireReader, depth: number): JsonObject {
  return envelope(r, depth, 'scope', instrumentationScope, 'metrics', metric);
}

type PointReader = (r: WireReader, depth: number) => JsonObject;

function metric(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let metadata: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    switch (t) {
      case (1 << 3) | 2:
        out.name = r.string();
        break;
      case (2 << 3) | 2:
        out.description = r.string();
        break;
      case (3 << 3) | 2:
        out.unit = r.string();
        break;
      case (5 << 3) | 2:
        out.gauge = metricData(r, depth + 1, numberDataPoint, false);
        break;
      case (7 << 3) | 2:
        out.sum = metricData(r, depth + 1, numberDataPoint, true);
        break;
      case (9 << 3) | 2:
        out.histogram = metricData(r, depth + 1, histogramDataPoint, true);
        break;
      case (10 << 3) | 2:
        out.exponentialHistogram = metricData(r, depth + 1, exponentialHistogramDataPoint, true);
        break;
      case (11 << 3) | 2:
        out.summary = metricData(r, depth + 1, summaryDataPoint, false);
        break;
      case (12 << 3) | 2:
        (metadata ??= []).push(keyValue(r, depth + 1));
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (metadata !== undefined) out.metadata = metadata;
  r.leave(outer);
  return out;
}

/**
 * Gauge, Sum, Histogram, ExponentialHistogram and Summary: data points (field 1), and for those that have one an
 * aggregation temporality (2, an enum read as int32); Sum also has is_monotonic (3).
 */
function metricData(r: WireReader, depth: number, point: PointReader, temporal: boolean): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let points: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) (points ??= []).push(point(r, depth + 1));
    else if (temporal && t === ((2 << 3) | 0)) out.aggregationTemporality = r.int32();
    else if (temporal && point === numberDataPoint && t === ((3 << 3) | 0)) out.isMonotonic = r.bool();
    else r.skip(t & 7, depth);
  }
  if (points !== undefined) out.dataPoints = points;
  r.leave(outer);
  return out;
}

function numberDataPoint(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    switch (t) {
      case (7 << 3) | 2:
        (attributes ??= []).push(keyValue(r, depth + 1));
        break;
      case (2 << 3) | 1:
        out[START_TIME_MS] = r.fixed64Millis();
        break;
      case (3 << 3) | 1:
        out[TIME_MS] = r.fixed64Millis();
        break;
      case (4 << 3) | 1:
        out.asDouble = r.double();
        break;
      case (6 << 3) | 1:
        out.asInt = r.sfixed64Number();
        break;
      case (8 << 3) | 0:
        out.flags = r.uint32();
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (attributes !== undefined) out.attributes = attributes;
  r.leave(outer);
  return out;
}

/** Fields every histogram-like point shares: start and time (2, 3), count (4), sum (5). */
function commonPointField(r: WireReader, t: number, out: JsonObject): boolean {
  switch (t) {
    case (2 << 3) | 1:
      out[START_TIME_MS] = r.fixed64Millis();
      return true;
    case (3 << 3) | 1:
      out[TIME_MS] = r.fixed64Millis();
      return true;
    case (4 << 3) | 1:
      out.count = r.fixed64Number();
      return true;
    case (5 << 3) | 1:
      out.sum = r.double();
      return true;
    default:
      return false;
  }
}

function histogramDataPoint(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  let counts: number[] | undefined;
  let bounds: number[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (commonPointField(r, t, out)) continue;
    switch (t) {
      case (9 << 3) | 2:
        (attributes ??= []).push(keyValue(r, depth + 1));
        break;
      case (6 << 3) | 2: {
        const end = r.lengthEnd();
        counts ??= [];
        while (r.pos < end) {
          counts.push(r.fixed64Number());
        }
        checkPackedEnd(r, end);
        break;
      }
      case (6 << 3) | 1:
        (counts ??= []).push(r.fixed64Number());
        break;
      case (7 << 3) | 2: {
        const end = r.lengthEnd();
        bounds ??= [];
        while (r.pos < end) bounds.push(r.double());
        checkPackedEnd(r, end);
        break;
      }
      case (7 << 3) | 1:
        (bounds ??= []).push(r.double());
        break;
      case (10 << 3) | 0:
        out.flags = r.uint32();
        break;
      case (11 << 3) | 1:
        out.min = r.double();
        break;
      case (12 << 3) | 1:
        out.max = r.double();
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (attributes !== undefined) out.attributes = attributes;
  if (counts !== undefined && counts.length > 0) out.bucketCounts = counts;
  if (bounds !== undefined && bounds.length > 0) out.explicitBounds = bounds;
  r.leave(outer);
  return out;
}

/** A packed run must end exactly at its length (a fixed-size value straddling the end is malformed). */
function checkPackedEnd(r: WireReader, end: number): void {
  if (r.pos !== end) throw new RangeError('index out of range');
}

function exponentialHistogramDataPoint(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (commonPointField(r, t, out)) continue;
    switch (t) {
      case (1 << 3) | 2:
        (attributes ??= []).push(keyValue(r, depth + 1));
        break;
      case (6 << 3) | 0:
        out.scale = r.sint32();
        break;
      case (7 << 3) | 1:
        out.zeroCount = r.fixed64Number();
        break;
      case (8 << 3) | 2:
        out.positive = buckets(r, depth + 1);
        break;
      case (9 << 3) | 2:
        out.negative = buckets(r, depth + 1);
        break;
      case (10 << 3) | 0:
        out.flags = r.uint32();
        break;
      case (12 << 3) | 1:
        out.min = r.double();
        break;
      case (13 << 3) | 1:
        out.max = r.double();
        break;
      case (14 << 3) | 1:
        out.zeroThreshold = r.double();
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (attributes !== undefined) out.attributes = attributes;
  r.leave(outer);
  return out;
}

function buckets(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let counts: number[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 0)) {
      out.offset = r.sint32();
    } else if (t === ((2 << 3) | 2)) {
      const end = r.lengthEnd();
      counts ??= [];
      const limit = r.limit;
      r.limit = end;
      while (r.pos < end) {
        counts.push(r.uint64Number());
      }
      r.limit = limit;
    } else if (t === ((2 << 3) | 0)) {
      (counts ??= []).push(r.uint64Number());
    } else {
      r.skip(t & 7, depth);
    }
  }
  if (counts !== undefined && counts.length > 0) out.bucketCounts = counts;
  r.leave(outer);
  return out;
}

function summaryDataPoint(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  let quantiles: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (commonPointField(r, t, out)) continue;
    if (t === ((7 << 3) | 2)) (attributes ??= []).push(keyValue(r, depth + 1));
    else if (t === ((6 << 3) | 2)) (quantiles ??= []).push(valueAtQuantile(r, depth + 1));
    else if (t === ((8 << 3) | 0)) out.flags = r.uint32();
    else r.skip(t & 7, depth);
  }
  if (attributes !== undefined) out.attributes = attributes;
  if (quantiles !== undefined) out.quantileValues = quantiles;
  r.leave(outer);
  return out;
}

function valueAtQuantile(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 1)) out.quantile = r.double();
    else if (t === ((2 << 3) | 1)) out.value = r.double();
    else r.skip(t & 7, depth);
  }
  r.leave(outer);
  return out;
}
