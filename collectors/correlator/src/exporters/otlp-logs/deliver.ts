import type { RetryPolicy } from './backoff';
import { nextDelay } from './backoff';
import type { SendResult } from './send';

export type Delivery =
  { status: 'sent'; attempts: number; rejected: number } | { status: 'failed'; attempts: number; reason: string };

export interface DeliverOptions {
  policy: RetryPolicy;
  /** One attempt; must not throw (sendLogs never does). */
  attempt: () => Promise<SendResult>;
  /** Waits `ms`, or less when shutdown aborts; resolves false when aborted. */
  sleep: (ms: number) => Promise<boolean>;
  random?: () => number;
}

/**
 * Sends one batch with bounded attempts: retryable outcomes wait (exponential backoff with jitter, or the
 * server's Retry-After) and try again, up to `maxAttempts` in all; a permanent failure stops at once.
 */
export async function deliver(options: DeliverOptions): Promise<Delivery> {
  const { policy } = options;
  for (let attempt = 1; ; attempt += 1) {
    const result = await options.attempt();
    if (result.status === 'success') return { status: 'sent', attempts: attempt, rejected: result.rejected };
    if (result.status === 'failure' || attempt >= policy.maxAttempts) {
      return { status: 'failed', attempts: attempt, reason: result.reason };
    }
    const delay = nextDelay(attempt, policy, result.retryAfterMs, options.random);
    if (!(await options.sleep(delay))) {
      return { status: 'failed', attempts: attempt, reason: `${result.reason}; shutdown before retry` };
    }
  }
}
