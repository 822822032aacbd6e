/**
 * OTLP/JSON `KeyValue` attributes (proto3 JSON mapping: 64-bit integers are strings). Every string that leaves
 * Lockstep through here is cut to a bound, because incident fields carry untrusted text (command lines, paths,
 * rule outputs) and a backend's per-record limits would otherwise reject or silently drop the whole record.
 */

export type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number };
export interface KeyValue {
  key: string;
  value: AnyValue;
}

/**
 * Characters kept of one attribute value. Loki and Elasticsearch both index values far longer, but a record is
 * read by people: 1 KiB keeps a whole command line of any sane process and stops a hostile one from flooding.
 */
export const MAX_VALUE_CHARS = 1024;
const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, never inside a surrogate pair, marking the cut with an ellipsis. */
export function bounded(text: string, max = MAX_VALUE_CHARS): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

export function str(key: string, value: string): KeyValue {
  return { key, value: { stringValue: bounded(value) } };
}

export function int(key: string, value: number): KeyValue {
  return { key, value: { intValue: String(Math.trunc(value)) } };
}

export function double(key: string, value: number): KeyValue {
  return { key, value: { doubleValue: value } };
}
