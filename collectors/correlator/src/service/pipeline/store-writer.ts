import type { IncidentStore } from '../../exporters/store/store';
import type { StoreUnavailableError } from '../../exporters/store/unavailable';
import { asStoreUnavailable } from '../../exporters/store/unavailable';

/** One store write, run in arrival order. Writes are upserts by id, so running one again is harmless. */
export type StoreWrite = (store: IncidentStore) => void | Promise<void>;

export interface StoreWriterHooks {
  /** Seconds one round of writes took (for the write latency histogram). */
  observeLatency?: (seconds: number) => void;
  /** A write failed for good (a bug, bad data); it is counted and logged, never retried. */
  onError?: (error: unknown) => void;
  /** The store stopped committing (the reason is the store's own sentence), and later started again after `downMs`. */
  onUnavailable?: (reason: string) => void;
  onRecovered?: (downMs: number) => void;
  /** Wall clock in ms; injectable for tests. */
  getNow?: () => number;
}

/** Writes started at once: an async store commits them together (PostgreSQL's group commit). */
const MAX_ROUND = 500;
/** Retry delays while the store cannot commit: from a fifth of a second, doubling, to five seconds. */
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5_000;

interface Waiter {
  seq: number;
  resolve: (committed: boolean) => void;
}

/**
 * Serializes writes to the store so the engine (synchronous) never waits on it, and tells the HTTP layer how far
 * behind the store is: past the configured backlog, ingest answers 503 so senders slow down instead of this
 * process growing without bound. `written()` resolves true once every write queued so far has committed, which is
 * what lets a receiver acknowledge a request only when the results it produced are durable.
 *
 * When the store cannot commit — PostgreSQL unreachable or restarting (the store throws StoreUnavailableError),
 * SQLite's disk full, read-only or failing (recognized by its codes): one path for both, `asStoreUnavailable` — the
 * failed write and everything behind it stay queued, in order, and are retried with backoff until they commit;
 * meanwhile `unavailable` names the reason and `written()` resolves false at once, so ingest answers 503 with
 * Retry-After and acknowledges nothing it has not stored. Recovery needs nobody: the next retry that commits ends it.
 */
export class StoreWriter {
  private readonly queue: StoreWrite[] = [];
  private queued = 0;
  private done = 0;
  private running = false;
  private stopped = false;
  private waiters: Waiter[] = [];
  private drainWaiters: Waiter[] = [];
  private down: { error: StoreUnavailableError; since: number } | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  failures = 0;

  constructor(
    private readonly store: IncidentStore,
    private readonly hooks: StoreWriterHooks = {},
  ) {}

  /** Writes queued and not yet committed. */
  get backlog(): number {
    return this.queued - this.done;
  }

  /** Why the store cannot commit now (`message` for people, `reason` the store's own words); undefined while it can. */
  get unavailable(): StoreUnavailableError | undefined {
    return this.down?.error;
  }

  enqueue(write: StoreWrite): void {
    this.queue.push(write);
    this.queued += 1;
    if (!this.running && !this.stopped) void this.run();
  }

  /**
   * True once every write queued before this call has been attempted and committed or failed for good; false as
   * soon as the store is found unable to commit them (they stay queued and will be retried).
   */
  written(): Promise<boolean> {
    const seq = this.queued;
    if (this.done >= seq) return Promise.resolve(true);
    if (this.down !== undefined) return Promise.resolve(false);
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** Resolves once every write queued so far is done, however long the store takes to come back (shutdown). */
  drained(): Promise<void> {
    const seq = this.queued;
    if (this.done >= seq) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push({ seq, resolve: () => resolve() }));
  }

  /** Stops retrying (the store is about to close); writes still queued are abandoned. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.wake?.();
  }

  private async run(): Promise<void> {
    this.running = true;
    const now = this.hooks.getNow ?? Date.now;
    while (this.queue.length > 0 && !this.stopped) {
      const round = this.queue.slice(0, MAX_ROUND);
      const started = now();
      const outcomes = await this.attempt(round);
      let settled = 0;
      let failure: StoreUnavailableError | undefined;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          failure = asStoreUnavailable(outcome.reason);
          if (failure !== undefined) break;
          this.failures += 1;
          this.hooks.onError?.(outcome.reason);
        }
        settled += 1;
      }
      this.hooks.observeLatency?.((now() - started) / 1000);
      this.queue.splice(0, settled);
      this.done += settled;
      this.release();
      if (failure === undefined) {
        this.recovered(now());
        continue;
      }
      this.fail(failure, now());
      await this.pause();
    }
    this.running = false;
  }

  /**
   * Starts the round's writes in order without waiting between them, and waits for all. A synchronous store (SQLite)
   * has committed each before the next starts; one that throws "unavailable" stops the round there, so nothing
   * behind the failed write commits before it.
   */
  private async attempt(round: StoreWrite[]): Promise<Array<PromiseSettledResult<void>>> {
    const pending: Array<Promise<void>> = [];
    for (const write of round) {
      let result: void | Promise<void>;
      try {
        result = write(this.store);
      } catch (error) {
        pending.push(Promise.reject(error));
        if (asStoreUnavailable(error) !== undefined) break;
        continue;
      }
      pending.push(Promise.resolve(result));
    }
    return Promise.allSettled(pending);
  }

  private fail(failure: StoreUnavailableError, now: number): void {
    if (this.down === undefined) {
      this.down = { error: failure, since: now };
      this.hooks.onUnavailable?.(failure.reason);
    } else {
      this.down.error = failure;
    }
    // The requests waiting for these writes are answered now (503): they must not wait out the outage.
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }

  private recovered(now: number): void {
    if (this.down === undefined) return;
    const downMs = now - this.down.since;
    this.down = undefined;
    this.retryMs = FIRST_RETRY_MS;
    this.hooks.onRecovered?.(downMs);
  }

  private pause(): Promise<void> {
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    return new Promise((resolve) => {
      this.wake = resolve;
      this.retryTimer = setTimeout(resolve, delay);
    });
  }

  private release(): void {
    const settle = (waiters: Waiter[]): Waiter[] => {
      const still: Waiter[] = [];
      for (const waiter of waiters) {
        if (waiter.seq <= this.done) waiter.resolve(true);
        else still.push(waiter);
      }
      return still;
    };
    this.waiters = settle(this.waiters);
    this.drainWaiters = settle(this.drainWaiters);
  }
}
