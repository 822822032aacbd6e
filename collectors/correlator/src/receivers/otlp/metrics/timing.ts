/**
 * Time rules of the metrics decoder, all in data time (the points' own timestamps; the decoder never reads the
 * wall clock, so replay and the live service behave the same).
 */

/**
 * Below this interval two cumulative points give no rate: CPU counters tick in 10 ms jiffies, so a shorter
 * interval would carry a large relative error. The point is not stored either, so the next one spans longer.
 */
export const MIN_RATE_INTERVAL_MS = 100;

/**
 * A series with no point for this long is forgotten: ten scrapes at the slowest common interval (60 s). Its
 * process exited, its container stopped, or its host went away; if it comes back it starts over.
 */
export const SERIES_IDLE_MS = 10 * 60_000;

/**
 * A point this much older than its series' latest one means the clock was reset (a replay started over, or a
 * sender fixed a clock that had run ahead): the series starts over instead of ignoring every point until the
 * data catches up with a bogus future timestamp.
 */
export const REWIND_MS = SERIES_IDLE_MS;

/** How often (in data time) decoding prunes on its own, so callers that never call prune stay bounded. */
export const PRUNE_EVERY_MS = 60_000;

/**
 * Two samples of one entity closer than this are one scrape reported twice (both CPU forms, or a retried
 * export): the second is dropped. Host and process scrapers cannot usefully run faster than once a second.
 */
export const SAME_SCRAPE_MS = 500;
