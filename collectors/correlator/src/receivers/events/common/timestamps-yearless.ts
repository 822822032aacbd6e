import { utcMillis } from './timestamps';

/**
 * Wall-clock times written without a year (RFC 3164 syslog: `Feb 21 21:54:44`), and how Lockstep gives them one.
 * Nothing here reads the clock: the caller says when the line was received, or what time the data is near.
 */
export interface YearlessOptions {
  /**
   * When the line was received (the service's clock). A line is written before it is received, so it takes the latest
   * year that does not put it more than RECEIVE_SLACK_MS after this: a December line received in January is last
   * year's, whatever the newest event seen so far says.
   */
  receivedAt?: number;
  /** Epoch ms the data is near (replay: the first time of the other files); the year that puts the line nearest. */
  referenceTime?: number;
  /** Offset of the writer's local time from UTC, in minutes (default 0: the writer logs in UTC). */
  utcOffsetMinutes?: number;
}

/** A writer's clock may run ahead of the receiver's and a local time may be up to 14 hours ahead of UTC: one day. */
export const RECEIVE_SLACK_MS = 24 * 60 * 60 * 1000;
const MS_PER_MINUTE = 60_000;
/** UTC offsets range over ±18 hours. */
const MAX_OFFSET_MINUTES = 18 * 60;

export interface WallClock {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
}

/**
 * Epoch ms of a yearless wall-clock time, or undefined when it names no real instant (31 February, or 29 February
 * in every candidate year). Without `receivedAt` or `referenceTime`, `now` stands for the time of receipt.
 */
export function yearlessMillis(clock: WallClock, options: YearlessOptions, now: () => number): number | undefined {
  const offsetMs = validOffset(options.utcOffsetMinutes) * MS_PER_MINUTE;
  const reference = finite(options.referenceTime);
  const received = finite(options.receivedAt) ?? (reference === undefined ? now() : undefined);
  if (received !== undefined) return latestBefore(clock, received + RECEIVE_SLACK_MS, offsetMs);
  return nearest(clock, reference as number, offsetMs);
}

/** Leap days recur every 4 years, so 29 February finds a year within the last 8 (a century rule skips one). */
const YEARS_BACK = 8;

function latestBefore(clock: WallClock, limit: number, offsetMs: number): number | undefined {
  const year = new Date(limit).getUTCFullYear();
  for (let candidate = year + 1; candidate >= year - YEARS_BACK; candidate -= 1) {
    const time = localTime(candidate, clock, offsetMs);
    if (time !== undefined && time <= limit) return time;
  }
  return undefined;
}

function nearest(clock: WallClock, reference: number, offsetMs: number): number | undefined {
  const year = new Date(reference).getUTCFullYear();
  let best: number | undefined;
  for (let candidate = year - YEARS_BACK; candidate <= year + 1; candidate += 1) {
    const time = localTime(candidate, clock, offsetMs);
    if (time !== undefined && (best === undefined || Math.abs(time - reference) < Math.abs(best - reference))) {
      best = time;
    }
  }
  return best;
}

function localTime(year: number, clock: WallClock, offsetMs: number): number | undefined {
  const local = utcMillis(year, clock.month, clock.day, clock.hour, clock.minute, clock.second, clock.millis);
  return local === undefined ? undefined : local - offsetMs;
}

function finite(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function validOffset(minutes: number | undefined): number {
  return minutes !== undefined && Number.isFinite(minutes) && Math.abs(minutes) <= MAX_OFFSET_MINUTES ? minutes : 0;
}
