/** Lines waiting to be sent per format; past it the oldest are dropped and counted. */
const MAX_QUEUED_LINES = 50_000;
/** Lines per request: well under the correlator's per-request line limit. */
const MAX_BATCH_LINES = 1_000;
const MAX_BACKOFF_MS = 30_000;

export interface ForwarderStats {
  sent: number;
  dropped: number;
  failures: number;
}

/**
 * Sends log lines to the correlator's `POST /v1/events/{format}` in batches, in order. A failed request (network
 * error, 429, 5xx) keeps its lines at the head of the queue and is retried with exponential backoff, honouring
 * Retry-After; a 4xx other than 429 means the lines themselves were refused, so they are not sent again.
 */
export class EventForwarder {
  private readonly queue: string[] = [];
  private readonly stats: ForwarderStats = { sent: 0, dropped: 0, failures: 0 };
  private notBefore = 0;
  private backoffMs = 500;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
    private readonly now: () => number = Date.now,
  ) {}

  push(lines: string[]): void {
    this.queue.push(...lines);
    const excess = this.queue.length - MAX_QUEUED_LINES;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.stats.dropped += excess;
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  snapshot(): ForwarderStats {
    return { ...this.stats };
  }

  /** Sends what is queued, batch after batch, until empty or a request fails. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 && this.now() >= this.notBefore) {
      const batch = this.queue.slice(0, MAX_BATCH_LINES);
      const outcome = await this.send(batch);
      if (outcome === 'retry') return;
      this.queue.splice(0, batch.length);
      if (outcome === 'sent') this.stats.sent += batch.length;
      else this.stats.dropped += batch.length;
    }
  }

  private async send(batch: string[]): Promise<'sent' | 'refused' | 'retry'> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8', ...this.headers },
        body: `${batch.join('\n')}\n`,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
    } catch {
      return this.retryLater(undefined);
    }
    if (response.ok) {
      this.backoffMs = 500;
      return 'sent';
    }
    if (response.status === 429 || response.status >= 500) return this.retryLater(response.headers.get('retry-after'));
    return 'refused';
  }

  private retryLater(retryAfter: string | null | undefined): 'retry' {
    this.stats.failures += 1;
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : this.backoffMs;
    this.notBefore = this.now() + wait;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    return 'retry';
  }
}
