import { isObject } from '../json';

/** How deep a log body is walked: a Kubernetes Event is four levels; more is a different object or an attack. */
const MAX_DEPTH = 8;
/** Keys or items read per map or array. */
const MAX_ITEMS = 256;

/**
 * An OTLP `AnyValue` as plain data: strings, numbers, booleans, arrays and objects (`kvlistValue` entries become
 * own keys; `__proto__` and friends are skipped). Bytes and what lies past the bounds become undefined.
 */
export function anyToPlain(value: unknown, depth = 0): unknown {
  if (!isObject(value) || depth > MAX_DEPTH) return undefined;
  const s = value.stringValue ?? value.string_value;
  if (typeof s === 'string') return s;
  const b = value.boolValue ?? value.bool_value;
  if (typeof b === 'boolean') return b;
  const i = value.intValue ?? value.int_value;
  if (typeof i === 'string' || typeof i === 'number') return Number(i);
  const d = value.doubleValue ?? value.double_value;
  if (typeof d === 'number') return d;
  const array = value.arrayValue ?? value.array_value;
  if (isObject(array)) {
    const values = Array.isArray(array.values) ? array.values.slice(0, MAX_ITEMS) : [];
    return values.map((item) => anyToPlain(item, depth + 1));
  }
  const kvlist = value.kvlistValue ?? value.kvlist_value;
  if (isObject(kvlist)) {
    const out: Record<string, unknown> = {};
    const entries = Array.isArray(kvlist.values) ? kvlist.values.slice(0, MAX_ITEMS) : [];
    for (const kv of entries) {
      if (!isObject(kv) || typeof kv.key !== 'string' || UNSAFE_KEYS.has(kv.key)) continue;
      out[kv.key] = anyToPlain(kv.value, depth + 1);
    }
    return out;
  }
  return undefined;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The attributes of a KeyValue list as a map of their plain values (at most MAX_ITEMS). */
export function attributeMap(attributes: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(attributes)) return out;
  for (const kv of attributes.slice(0, MAX_ITEMS)) {
    if (isObject(kv) && typeof kv.key === 'string') out.set(kv.key, anyToPlain(kv.value));
  }
  return out;
}
