import { MAX_IP } from '../../../model/limits';

/** A parsed JSON object. Read it only through `get` so inherited properties never pass for data. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of a parsed object (never one inherited from Object.prototype, whatever the key). */
export function get(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function getObject(object: JsonObject, key: string): JsonObject | undefined {
  const value = get(object, key);
  return isObject(value) ? value : undefined;
}

/** Markers tools print for "no value": Falco `<NA>`, audit `?` and `(null)`, osquery empty strings. */
const ABSENT = new Set(['', '<NA>', 'N/A', '?', '(null)', '(none)']);

/**
 * A non-empty string value capped at `limit` characters, or undefined. Finite numbers are accepted as their
 * decimal text (osquery with `numerics: true`, Falco numeric fields); anything else is not text.
 */
export function text(value: unknown, limit: number): string | undefined {
  let raw: string;
  if (typeof value === 'string') raw = value;
  else if (typeof value === 'number' && Number.isFinite(value)) raw = String(value);
  else return undefined;
  if (ABSENT.has(raw)) return undefined;
  return raw.length > limit ? raw.slice(0, limit) : raw;
}

export function cap(value: string, limit: number): string {
  return value.length > limit ? value.slice(0, limit) : value;
}

/** Decimal digits of a non-negative integer that a double holds exactly (2^53 has 16 digits). */
const INTEGER_TEXT = /^\d{1,15}$/;

/** A non-negative safe integer from a number or a decimal string (pids, uids, ports), or undefined. */
export function nonNegativeInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  return undefined;
}

/** Strings of an array, each capped, at most `maxItems` of them; undefined when none. */
export function stringList(value: unknown, maxItems: number, maxLength: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value) {
    if (out.length >= maxItems) break;
    const s = text(item, maxLength);
    if (s !== undefined) out.push(s);
  }
  return out.length > 0 ? out : undefined;
}

/** IPv4, IPv6 (with an embedded IPv4 tail) or nothing: host names and garbage are not addresses. */
const IP_TEXT = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/;

export function ipAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_IP) return undefined;
  return IP_TEXT.test(value) ? value : undefined;
}

/** The last path component, without the ` (deleted)` suffix the kernel adds to unlinked executables. */
export function basename(path: string): string {
  const trimmed = path.endsWith(DELETED_SUFFIX) ? path.slice(0, -DELETED_SUFFIX.length) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/** What /proc/<pid>/exe, Tetragon and auditd append to the path of an executable that was unlinked. */
export const DELETED_SUFFIX = ' (deleted)';

/** The user name of a numeric uid when it is certain without a passwd lookup: uid 0 is root on every Linux. */
export function ownerFromUid(uid: number | undefined): string | undefined {
  return uid === 0 ? 'root' : undefined;
}
