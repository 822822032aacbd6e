/** How a batch is retried: attempts include the first try; delays grow exponentially between the two bounds. */
export interface RetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

const MULTIPLIER = 2;

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): `initial × 2^(attempt-1)`, capped, then with "equal
 * jitter" — somewhere in its upper half — so that many correlators retrying one collector do not retry in step,
 * yet none retries sooner than half the schedule.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * MULTIPLIER ** (attempt - 1));
  return base / 2 + random() * (base / 2);
}

/**
 * A `Retry-After` header as milliseconds from `nowMs`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The wait before the next attempt. A server's Retry-After is honoured — never retry sooner than asked — but no
 * longer than `maxBackoffMs`, so a misconfigured backend cannot stall export for hours while the queue overflows.
 */
export function nextDelay(
  attempt: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxBackoffMs);
  return backoffDelay(attempt, policy, random);
}
