import { nanosToMillis } from '../../model/time';

/**
 * Readers for OTLP/JSON values (protojson: 64-bit integers as decimal strings, doubles as numbers or the
 * strings "NaN" / "Infinity" / "-Infinity").
 *
 * Objects here come from JSON.parse, or from the protobuf reader, which gives the same shape except that times are
 * already epoch ms (TIME_MS below) and 64-bit counts are numbers. The decoders read only
 * fixed field names that Object.prototype does not define (`timeUnixNano`, `dataPoints`, ...), so a plain
 * property read can never return an inherited value, and a `__proto__` key in the input is an ordinary own
 * property of JSON.parse's result. That is why they read `object.field` directly instead of paying for
 * `Object.hasOwn` on every field of every data point.
 */
export type JsonObject = Record<string | symbol, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A protojson double: a number, or a numeric string (protojson writes NaN and the infinities as strings). */
export function readDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.length > 0) return Number(value);
  return undefined;
}

/** A protojson unsigned 64-bit count: a non-negative integer as a number or a decimal string. */
export function readCount(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.length > 0 ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A protojson 32-bit integer (scale, offset, enums): a number or a decimal string. */
export function readInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.length > 0 ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/** Epoch ms of a `*UnixNano` field; undefined when missing, malformed, zero or negative (OTLP's "unset"). */
export function readUnixNanos(value: unknown): number | undefined {
  const ms = nanosToMillis(value);
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/**
 * The protobuf reader has each 64-bit time in hand as two 32-bit halves and stores it as the epoch milliseconds the
 * decoders want, under these keys, instead of writing a decimal string for them to parse again. JSON.parse never
 * makes symbol keys, so an OTLP/JSON body cannot set them; its times are read from the `*UnixNano` fields.
 */
export const TIME_MS = Symbol('timeUnixNano in epoch ms');
export const START_TIME_MS = Symbol('startTimeUnixNano in epoch ms');
export const OBSERVED_TIME_MS = Symbol('observedTimeUnixNano in epoch ms');

/**
 * The `*UnixNano` value (JSON) or else the time under `key` (protobuf), as epoch ms; undefined when unset. A JSON
 * point never pays for the symbol lookup.
 */
export function readTime(object: JsonObject, key: symbol, nanos: unknown): number | undefined {
  if (nanos !== undefined) return readUnixNanos(nanos);
  const ms = object[key];
  return typeof ms === 'number' && ms > 0 ? ms : undefined;
}
