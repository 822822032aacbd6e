/** Epoch milliseconds from an OTLP `*UnixNano` value (a decimal string in JSON, sometimes a number). */
export function nanosToMillis(value: unknown): number | undefined {
  if (typeof value === 'string') {
    if (value.length === 0) return undefined;
    // Slicing keeps full precision for 19-digit values that a double cannot hold.
    if (value.length > 6) {
      const ms = Number(value.slice(0, -6));
      return Number.isFinite(ms) ? ms : undefined;
    }
    // Under a millisecond since the epoch: a placeholder such as "0", not a real time.
    const n = Number(value);
    return Number.isFinite(n) ? Math.floor(n / 1e6) : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value / 1e6);
  if (typeof value === 'bigint') return Number(value / 1_000_000n);
  return undefined;
}

/**
 * Epoch ms from an ISO-8601 / RFC 3339 string, keeping nanosecond inputs (Falco, Tetragon) parseable:
 * `Date.parse` rejects more than 3 fraction digits on some engines, so the fraction is trimmed first.
 */
export function parseIsoMillis(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let trimmed = value.trim().replace(/(\.\d{3})\d+/, '$1');
  // A date-time without a zone is UTC here: Date.parse would read it in the machine's local time.
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(trimmed)) trimmed += 'Z';
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : undefined;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The latest instant a JavaScript Date can hold (year 275760). A time past it cannot be written as ISO-8601, so
 * a record carrying one is malformed, never something to store.
 */
export const MAX_DATE_MS = 8.64e15;

/**
 * Whether `ms` can be the data time of an observation: a finite instant after the epoch that a Date can hold.
 * OTLP reads 0 as "unset", and nothing Lockstep reads was recorded before 1970.
 */
export function isDataTime(ms: number): boolean {
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS;
}
