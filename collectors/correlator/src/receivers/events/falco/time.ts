import type { JsonObject } from '../common/fields';
import { get, isObject } from '../common/fields';
import { boundedMillis, epochMillisAnyUnit, parseTimestampMillis } from '../common/timestamps';

/** Longest value quoted back in a rejection reason. */
const MAX_QUOTED = 40;
const NANOS_PER_MS = 1e6;
const MAX_NANOS = 999_999_999;
const INTEGER_TEXT = /^-?\d{1,16}$/;

export type FalcoTime = { time: number } | { problem: string };

/**
 * The time of a Falco alert in every shape Falco and its relays write it: `time` as RFC 3339 (json_output), as
 * `{"seconds": ..., "nanos": ...}` (the gRPC output API's google.protobuf.Timestamp as JSON, seconds possibly a
 * string), or as an epoch number; else `output_fields` `evt.time` (epoch ns, or µs from falcosidekick's samples),
 * `evt.rawtime` or `evt.time.iso8601`. A value that names no time before year 10000 (`1e25`) is a rejection that
 * says so, never a date conversion that throws later.
 */
export function falcoTime(record: JsonObject, fields: JsonObject): FalcoTime {
  const candidates: Array<[string, unknown]> = [
    ['time', get(record, 'time')],
    ['output_fields["evt.time"]', get(fields, 'evt.time')],
    ['output_fields["evt.rawtime"]', get(fields, 'evt.rawtime')],
    ['output_fields["evt.time.iso8601"]', get(fields, 'evt.time.iso8601')],
  ];
  let firstInvalid: string | undefined;
  for (const [name, value] of candidates) {
    if (value === undefined || value === null) continue;
    const time = readTime(value);
    if (time !== undefined) return { time };
    firstInvalid ??= `${name} ${quoted(value)}`;
  }
  return {
    problem:
      firstInvalid === undefined
        ? 'falco: missing time (neither time nor output_fields["evt.time"])'
        : `falco: invalid time: ${firstInvalid} is no time between 1970 and 9999`,
  };
}

function readTime(value: unknown): number | undefined {
  if (typeof value === 'string') return parseTimestampMillis(value) ?? epochMillisAnyUnit(value.trim());
  if (typeof value === 'number') return epochMillisAnyUnit(value);
  if (isObject(value)) return protobufTimestamp(value);
  return undefined;
}

/** google.protobuf.Timestamp as JSON objects carry it: whole seconds (a number or an int64 string) and nanos. */
function protobufTimestamp(value: JsonObject): number | undefined {
  const seconds = integer(get(value, 'seconds'));
  const nanos = integer(get(value, 'nanos')) ?? 0;
  if (seconds === undefined || nanos < 0 || nanos > MAX_NANOS) return undefined;
  return boundedMillis(seconds * 1000 + Math.floor(nanos / NANOS_PER_MS));
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  return undefined;
}

function quoted(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}
