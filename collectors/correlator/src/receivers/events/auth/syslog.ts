import type { Skipped } from '../../../model/signal';
import { nonNegativeInt } from '../common/fields';
import { MAX_LINE } from '../../../model/limits';
import { skipped } from '../common/skipped';
import { monthNumber, parseTimestampMillis, utcMillis } from '../common/timestamps';

export interface AuthTimeOptions {
  /** Epoch ms near the data: an RFC 3164 timestamp (no year) takes the year that puts it nearest. */
  referenceTime?: number;
  /** Offset of the writer's local time from UTC, for RFC 3164 timestamps (default 0: UTC). */
  utcOffsetMinutes?: number;
}

/** One syslog line split into header and message. */
export interface SyslogLine {
  time: number;
  host: string;
  program: string;
  pid?: number;
  message: string;
}

/** `Feb 21 21:54:44 host sshd[3402]: msg` (RFC 3164, an optional `<PRI>`, optional fractional seconds). */
const RFC3164 =
  /^(?:<\d{1,3}>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\S{1,253}) ([^\s[:]{1,64})(?:\[(\d{1,10})\])?: ?(.*)$/s;
/** `2026-11-23T03:12:00.123456+00:00 host sshd[3402]: msg` (rsyslog's RFC 3339 file format). */
const RFC3339 =
  /^(?:<\d{1,3}>)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})) (\S{1,253}) ([^\s[:]{1,64})(?:\[(\d{1,10})\])?: ?(.*)$/s;

const MS_PER_MINUTE = 60_000;
/** UTC offsets range over ±18 hours. */
const MAX_OFFSET_MINUTES = 18 * 60;
/** Without a reference, a syslog time more than a day ahead of the clock belongs to last year. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
const MS_DIGITS = 3;

export function parseSyslogLine(rawLine: string, options: AuthTimeOptions = {}): SyslogLine | Skipped {
  const line = rawLine.length > MAX_LINE ? rawLine.slice(0, MAX_LINE) : rawLine;
  const modern = RFC3339.exec(line);
  if (modern) {
    const time = parseTimestampMillis(modern[1]);
    if (time === undefined) return skipped('auth: invalid RFC 3339 timestamp');
    return entry(time, modern[2] as string, modern[3] as string, modern[4], modern[5] as string);
  }
  const classic = RFC3164.exec(line);
  if (!classic) return skipped('auth: invalid syslog line (no RFC 3164 or RFC 3339 header)');
  const month = monthNumber(classic[1] as string);
  const millis = Number((classic[6] ?? '').slice(0, MS_DIGITS).padEnd(MS_DIGITS, '0'));
  const fields = [Number(classic[2]), Number(classic[3]), Number(classic[4]), Number(classic[5]), millis] as const;
  const time = month === undefined ? undefined : yearless(month, fields, options);
  if (time === undefined) return skipped('auth: invalid RFC 3164 timestamp');
  return entry(time, classic[7] as string, classic[8] as string, classic[9], classic[10] as string);
}

function entry(time: number, host: string, program: string, pid: string | undefined, message: string): SyslogLine {
  const out: SyslogLine = { time, host: host.toLowerCase(), program, message };
  const n = nonNegativeInt(pid);
  if (n !== undefined && n > 0) out.pid = n;
  return out;
}

type ClockFields = readonly [day: number, hour: number, minute: number, second: number, millis: number];

/**
 * An RFC 3164 time, which has no year: with a reference time, the year (of the reference's year and its
 * neighbours) that puts the time nearest to it; without one, the current year, unless that lies more than a
 * day in the future (a December line read in January).
 */
function yearless(month: number, clock: ClockFields, options: AuthTimeOptions): number | undefined {
  const offsetMs = validOffset(options.utcOffsetMinutes) * MS_PER_MINUTE;
  const reference = options.referenceTime;
  if (reference !== undefined && Number.isFinite(reference)) {
    const year = new Date(reference).getUTCFullYear();
    let best: number | undefined;
    for (const candidate of [year - 1, year, year + 1]) {
      const time = localTime(candidate, month, clock, offsetMs);
      if (time !== undefined && (best === undefined || Math.abs(time - reference) < Math.abs(best - reference)))
        best = time;
    }
    return best;
  }
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const thisYear = localTime(year, month, clock, offsetMs);
  if (thisYear !== undefined && thisYear <= now + FUTURE_SLACK_MS) return thisYear;
  return localTime(year - 1, month, clock, offsetMs) ?? thisYear;
}

function localTime(
  year: number,
  month: number,
  [day, hour, minute, second, millis]: ClockFields,
  offsetMs: number,
): number | undefined {
  const local = utcMillis(year, month, day, hour, minute, second, millis);
  return local === undefined ? undefined : local - offsetMs;
}

function validOffset(minutes: number | undefined): number {
  return minutes !== undefined && Number.isFinite(minutes) && Math.abs(minutes) <= MAX_OFFSET_MINUTES ? minutes : 0;
}
