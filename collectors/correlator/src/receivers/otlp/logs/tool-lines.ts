import type { EventFormat } from '@lockstep/contract';
import { isEventFormat } from '@lockstep/contract';
import { anyText } from '../any-value';
import { isObject } from '../json';
import { nanosToMillis } from '../../../model/time';

/**
 * The attribute that marks a log record as one raw line of a security tool's own output (Falco JSON, auth.log,
 * audit.log, ...), as the OpenTelemetry Collector's filelog receiver ships files: body = the line. The Collector
 * configs in collectors/otelcol set it with filelog's `attributes`; the line then goes through the same
 * normalizer as `POST /v1/events/{format}` and `lockstep replay`.
 */
export const RAW_FORMAT_ATTRIBUTE = 'lockstep.format';

/** A raw tool line carried in an OTLP log record. */
export interface RawEvent {
  format: EventFormat;
  line: string;
  /** The record's resource `host.name`, for formats whose lines do not name their host (audit.log). */
  host: string | undefined;
  /** When the Collector read the line (`observedTimeUnixNano`): a syslog time without a year is dated by it. */
  observedAt?: number;
}

/** Bytes kept of one raw line: the tools' lines are far shorter; the normalizers cut fields further. */
const MAX_RAW_LINE = 64 * 1024;

/** The format named by a `lockstep.format` attribute in a list of KeyValues, if it names one Lockstep reads. */
export function rawFormatOf(attributes: unknown): EventFormat | undefined {
  if (!Array.isArray(attributes)) return undefined;
  for (const kv of attributes) {
    if (!isObject(kv) || kv.key !== RAW_FORMAT_ATTRIBUTE) continue;
    const value = anyText(kv.value, 16);
    return value !== undefined && isEventFormat(value) ? value : undefined;
  }
  return undefined;
}

/** The record's body as a raw line of `format`, or undefined when the body is not a non-empty string. */
export function rawEventOf(record: unknown, format: EventFormat, host: string | undefined): RawEvent | undefined {
  if (!isObject(record)) return undefined;
  // Only a string body is a line; anyText would also turn a number or a map into text.
  const body = record.body;
  const text = isObject(body) && typeof body.stringValue === 'string' ? body.stringValue : undefined;
  if (text === undefined || text.trim() === '') return undefined;
  const event: RawEvent = { format, line: text.length > MAX_RAW_LINE ? text.slice(0, MAX_RAW_LINE) : text, host };
  const observedAt = nanosToMillis(record.observedTimeUnixNano ?? record.observed_time_unix_nano);
  if (observedAt !== undefined && observedAt > 0) event.observedAt = observedAt;
  return event;
}
