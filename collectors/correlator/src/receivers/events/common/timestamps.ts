/**
 * Timestamps in the shapes security tools write them. All results are epoch milliseconds; nothing here reads
 * the clock or the local time zone, so the same input gives the same time on every machine.
 */

/** Longer strings are not timestamps; refusing them early keeps a hostile value from reaching the regex. */
const MAX_TIMESTAMP_TEXT = 64;

/**
 * RFC 3339 / ISO 8601 date-time: Falco and Tetragon (nanoseconds, `Z`), Suricata (`+0100`, no colon), rsyslog
 * (`+00:00`). A missing zone is read as UTC, which is what the tools that omit it mean.
 */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,12}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

const MS_PER_MINUTE = 60_000;
/**
 * The times a signal may carry: after the epoch and before year 10000 (what ISO-8601 prints in four digits). A value
 * outside (Falco's `evt.time` of 1e25, a zero placeholder) is no time; left in, it would fail every date conversion
 * downstream.
 */
export const MAX_EPOCH_MS = Date.UTC(10000, 0, 1) - 1;
const FIRST_YEAR = 1970;
const MINUTES_PER_HOUR = 60;
/** Offsets beyond ±18:00 do not exist (ISO 8601 / java.time bound). */
const MAX_OFFSET_MINUTES = 18 * 60;

export function parseTimestampMillis(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > MAX_TIMESTAMP_TEXT) return undefined;
  const m = RFC3339.exec(value.trim());
  if (!m) return undefined;
  const fraction = m[7] ?? '';
  const millis = fraction.length === 0 ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = utcMillis(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), millis);
  if (utc === undefined) return undefined;
  if (m[9] === undefined) return utc;
  const offset = Number(m[10]) * MINUTES_PER_HOUR + Number(m[11]);
  if (offset > MAX_OFFSET_MINUTES) return undefined;
  return utc - (m[9] === '-' ? -offset : offset) * MS_PER_MINUTE;
}

/**
 * Date.UTC with range checks: Date.UTC itself rolls 31 February over into March, which would turn a corrupt
 * timestamp into a plausible wrong one. A leap second (60) is accepted and lands on the next minute.
 */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis = 0,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999; no security tool logs before 1970 anyway.
  if (year < FIRST_YEAR || year > 9999) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (!Number.isFinite(ms)) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCDate() === day ? ms : undefined;
}

/**
 * Magnitudes that tell the unit of an epoch number: each bound is 1e11 ms (March 1973) in that unit, so any
 * time after 1973 in a finer unit is above it and any time before year 5138 in a coarser unit is below it.
 */
const NANOS_FROM = 1e17;
const MICROS_FROM = 1e14;
const MILLIS_FROM = 1e11;
const EPOCH_NUMBER_TEXT = /^\d{1,20}(?:\.\d{1,9})?(?:[eE]\+?\d{1,3})?$/;

/**
 * Epoch time as a number or decimal string in seconds, ms, µs or ns, the unit told by its magnitude. Falco
 * documents `evt.time` in nanoseconds, but records re-emitted by other tools (falcosidekick's samples) carry
 * microseconds; reading by magnitude accepts both without guessing wrong for any date after 1973.
 */
export function epochMillisAnyUnit(value: unknown): number | undefined {
  const n = epochNumber(value);
  if (n === undefined || n <= 0) return undefined;
  if (n >= NANOS_FROM) return boundedMillis(Math.floor(n / 1e6));
  if (n >= MICROS_FROM) return boundedMillis(Math.floor(n / 1e3));
  if (n >= MILLIS_FROM) return boundedMillis(Math.floor(n));
  return boundedMillis(Math.floor(n * 1000));
}

/** Epoch ms when it is a time a signal can carry (MAX_EPOCH_MS), else undefined. */
export function boundedMillis(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_EPOCH_MS ? ms : undefined;
}

/** Epoch seconds (osquery `unixTime`, audit `msg=audit(...)`), number or decimal string. */
export function epochSecondsToMillis(value: unknown): number | undefined {
  const n = epochNumber(value);
  return n === undefined || n <= 0 || n >= MILLIS_FROM ? undefined : Math.round(n * 1000);
}

function epochNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && EPOCH_NUMBER_TEXT.test(value)) return Number(value);
  return undefined;
}

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m, i) => [m, i + 1]),
);

/** Month number (1-12) of an English three-letter abbreviation, as syslog and C `asctime` print them. */
export function monthNumber(abbreviation: string): number | undefined {
  return MONTHS.get(abbreviation);
}

/** C `asctime` as osquery writes `calendarTime`: `Tue Sep 30 17:37:30 2014`, in UTC (newer versions say so). */
const ASCTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})(?: UTC)?$/;

export function parseAsctimeUtc(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > MAX_TIMESTAMP_TEXT) return undefined;
  const m = ASCTIME.exec(value.trim());
  if (!m) return undefined;
  const month = monthNumber(m[1] as string);
  if (month === undefined) return undefined;
  return utcMillis(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}
