import type { IncidentStore } from '../../exporters/store/store';

/** One store write, run in arrival order. */
export type StoreWrite = (store: IncidentStore) => void | Promise<void>;

export interface StoreWriterHooks {
  /** Seconds one write took (for the write latency histogram). */
  observeLatency?: (seconds: number) => void;
  /** A write failed; it is counted and logged, never retried (the engine re-emits open incidents as they change). */
  onError?: (error: unknown) => void;
  /** Wall clock in ms; injectable for tests. */
  getNow?: () => number;
}

/**
 * Serializes writes to the store so the engine (synchronous) never waits on it, and tells the HTTP layer how
 * far behind the store is: past the configured backlog, ingest answers 503 so senders slow down instead of
 * this process growing without bound. `written()` resolves once every write queued so far has committed, which
 * is what lets a receiver acknowledge a request only when the results it produced are durable.
 */
export class StoreWriter {
  private readonly queue: StoreWrite[] = [];
  private queued = 0;
  private done = 0;
  private running = false;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  failures = 0;

  constructor(
    private readonly store: IncidentStore,
    private readonly hooks: StoreWriterHooks = {},
  ) {}

  /** Writes queued and not yet committed. */
  get backlog(): number {
    return this.queued - this.done;
  }

  enqueue(write: StoreWrite): void {
    this.queue.push(write);
    this.queued += 1;
    if (!this.running) void this.run();
  }

  /** Resolves once every write queued before this call has been attempted. */
  written(): Promise<void> {
    const seq = this.queued;
    if (this.done >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private async run(): Promise<void> {
    this.running = true;
    const now = this.hooks.getNow ?? Date.now;
    while (this.queue.length > 0) {
      const write = this.queue.shift() as StoreWrite;
      const started = now();
      try {
        await write(this.store);
      } catch (error) {
        this.failures += 1;
        this.hooks.onError?.(error);
      }
      this.hooks.observeLatency?.((now() - started) / 1000);
      this.done += 1;
      this.release();
    }
    this.running = false;
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
