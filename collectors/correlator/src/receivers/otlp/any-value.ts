import { isObject } from './json';

/**
 * OTLP `AnyValue` readers. Values arrive as `{ "stringValue": "x" }`, `{ "intValue": "42" }`, ...; protojson
 * receivers also accept the proto field names (`string_value`), so both spellings are read, camelCase first.
 */

/** Attributes scanned per list: the OpenTelemetry SDKs' default attribute count limit. More is junk or abuse. */
export const MAX_ATTRIBUTES = 128;
/** Array elements read from one array attribute (`process.command_args`). */
const MAX_ARRAY_ITEMS = 256;

/** A scalar AnyValue as text (string, integer, double or boolean), capped at `limit`; else undefined. */
export function anyText(value: unknown, limit: number): string | undefined {
  if (!isObject(value)) return undefined;
  let raw = value.stringValue;
  if (raw === undefined) raw = value.string_value;
  if (typeof raw === 'string') {
    if (raw.length === 0) return undefined;
    return raw.length > limit ? raw.slice(0, limit) : raw;
  }
  const other = scalarOf(value);
  return other === undefined ? undefined : other.slice(0, limit);
}

/** A non-negative safe integer from an int, double or numeric string AnyValue (pids), else undefined. */
export function anyNonNegativeInt(value: unknown): number | undefined {
  if (!isObject(value)) return undefined;
  let raw = value.intValue;
  if (raw === undefined) raw = value.int_value;
  if (raw === undefined) raw = value.stringValue ?? value.string_value ?? value.doubleValue ?? value.double_value;
  const n = typeof raw === 'string' && raw.length > 0 ? Number(raw) : raw;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The string elements of an array AnyValue, at most MAX_ARRAY_ITEMS of them; undefined when none. */
export function anyStringArray(value: unknown, limit: number): string[] | undefined {
  if (!isObject(value)) return undefined;
  const array = value.arrayValue ?? value.array_value;
  if (!isObject(array)) return undefined;
  const values = array.values;
  if (!Array.isArray(values)) return undefined;
  const out: string[] = [];
  const n = Math.min(values.length, MAX_ARRAY_ITEMS);
  for (let i = 0; i < n; i++) {
    const item = anyText(values[i], limit);
    if (item !== undefined) out.push(item);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Text identifying a scalar value for series keys: ints, doubles and booleans in canonical form. Arrays and
 * maps give a type marker only, never a walk of their (possibly deep) contents.
 */
export function anyIdentity(value: unknown): string {
  if (!isObject(value)) return '';
  const s = value.stringValue ?? value.string_value;
  if (typeof s === 'string') return s;
  return scalarOf(value) ?? (value.arrayValue !== undefined || value.array_value !== undefined ? '[]' : '{}');
}

function scalarOf(value: Record<string, unknown>): string | undefined {
  const int = value.intValue ?? value.int_value;
  if (typeof int === 'string' || typeof int === 'number') return String(int);
  const double = value.doubleValue ?? value.double_value;
  if (typeof double === 'number' || typeof double === 'string') return String(double);
  const bool = value.boolValue ?? value.bool_value;
  if (typeof bool === 'boolean') return bool ? 'true' : 'false';
  return undefined;
}
