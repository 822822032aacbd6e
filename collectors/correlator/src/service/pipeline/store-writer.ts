import type { IncidentStore } from '../../exporters/store/store';
import { isStoreUnavailable } from '../../exporters/store/unavailable';

/** One store write, run in arrival order. Writes are upserts by id, so running one again is harmless. */
export type StoreWrite = (store: IncidentStore) => void | Promise<void>;

export interface StoreWriterHooks {
  /** Seconds one write took (for the write latency histogram). */
  observeLatency?: (seconds: number) => void;
  /** A write failed (counted and logged); `retrying` when it is kept and tried again. */
  onError?: (error: unknown, retrying: boolean) => void;
  /** The store commits again after failing. */
  onRecovered?: () => void;
  /** Wall clock in ms; injectable for tests. */
  getNow?: () => number;
}

/** Why writes are waiting: the store's own words (e.g. "database or disk is full"). */
export class StoreUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`the incident store cannot write: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}

/** Retries of a write the store refused: soon at first, then every few seconds until it commits. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * Serializes writes to the store so the engine (synchronous) never waits on it, and tells the HTTP layer how
 * far behind the store is: past the configured backlog, ingest answers 503 so senders slow down instead of
 * this process growing without bound. `written()` resolves once every write queued so far has committed, which
 * is what lets a receiver acknowledge a request only when the results it produced are durable.
 *
 * When the store cannot commit (disk full, read-only, I/O error), the write stays at the head of the queue and is
 * tried again with backoff until it commits: nothing is dropped, everyone waiting is told at once (their request
 * gets 503, so the sender retries), and `unavailable` says why until a write succeeds again.
 */
export class StoreWriter {
  private readonly queue: StoreWrite[] = [];
  private queued = 0;
  private done = 0;
  private running = false;
  /** `reject` undefined: a waiter that waits through failures (shutdown, bounded by its own timeout). */
  private waiters: Array<{ seq: number; resolve: () => void; reject?: (error: Error) => void }> = [];
  private failing: StoreUnavailableError | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  failures = 0;

  constructor(
    private readonly store: IncidentStore,
    private readonly hooks: StoreWriterHooks = {},
  ) {}

  /** Writes queued and not yet committed. */
  get backlog(): number {
    return this.queued - this.done;
  }

  /** Why the store cannot commit right now, or undefined while it can. */
  get unavailable(): StoreUnavailableError | undefined {
    return this.failing;
  }

  enqueue(write: StoreWrite): void {
    this.queue.push(write);
    this.queued += 1;
    if (!this.running && this.retryTimer === undefined) void this.run();
  }

  /**
   * Resolves once every write queued before this call has committed (or failed for a bug, which is logged);
   * rejects with StoreUnavailableError while the store cannot commit them.
   */
  written(): Promise<void> {
    const seq = this.queued;
    if (this.done >= seq) return Promise.resolve();
    if (this.failing) return Promise.reject(this.failing);
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Resolves once every write queued before this call has committed, however long the store takes to recover. */
  drained(): Promise<void> {
    const seq = this.queued;
    if (this.done >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** Stops retrying (shutdown): what is still queued stays unwritten. */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.queue.length = 0;
  }

  private async run(): Promise<void> {
    this.running = true;
    const now = this.hooks.getNow ?? Date.now;
    while (this.queue.length > 0) {
      const write = this.queue[0] as StoreWrite;
      const started = now();
      try {
        await write(this.store);
      } catch (error) {
        this.failures += 1;
        if (isStoreUnavailable(error)) {
          this.hooks.onError?.(error, true);
          this.fail(error);
          this.running = false;
          return;
        }
        // Not the store's state but the write itself: trying it again would fail the same way.
        this.hooks.onError?.(error, false);
      }
      this.hooks.observeLatency?.((now() - started) / 1000);
      this.queue.shift();
      this.done += 1;
      if (this.failing) this.recover();
      this.release();
    }
    this.running = false;
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.failing = new StoreUnavailableError(reason.slice(0, 200));
    const failing = this.failing;
    for (const waiter of this.waiters) waiter.reject?.(failing);
    this.waiters = this.waiters.filter((waiter) => waiter.reject === undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.run();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  private recover(): void {
    this.failing = undefined;
    this.retryMs = FIRST_RETRY_MS;
    this.hooks.onRecovered?.();
  }

  private release(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiter.seq <= this.done) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}
