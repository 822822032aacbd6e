import { backoffDelay, nextDelay, parseRetryAfter } from './backoff';

const policy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 1000 };

describe('backoff', () => {
  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [4, 400, 800],
    [5, 500, 1000],
    [9, 500, 1000],
  ])('waits after attempt %i between %i and %i ms (doubling, capped, equal jitter)', (attempt, low, high) => {
    expect(backoffDelay(attempt, policy, () => 0)).toBe(low);
    expect(backoffDelay(attempt, policy, () => 0.999999)).toBeCloseTo(high, 0);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-11-23T03:00:00.000Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 03:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 02:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('honours Retry-After over its own schedule, up to max backoff', () => {
    expect(nextDelay(1, policy, 700, () => 0)).toBe(700);
    expect(nextDelay(1, policy, 3_600_000, () => 0)).toBe(1000);
    expect(nextDelay(1, policy, undefined, () => 0)).toBe(50);
  });
});
