import type { Incident } from '@lockstep/contract';
import type { RetryPolicy } from './backoff';
import { deliver } from './deliver';
import { BoundedQueue } from './queue';
import type { LogRecord } from './record';
import { incidentRecord, logsRequest } from './record';
import { sendLogs } from './send';

export interface IncidentLogExporterOptions {
  /** Full OTLP/HTTP logs URL, e.g. http://collector:4318/v1/logs. */
  endpoint: string;
  headers: Readonly<Record<string, string>>;
  /** Limit on one HTTP attempt. */
  timeoutMs: number;
  queueSize: number;
  maxBatch: number;
  retry: RetryPolicy;
  /** Time `shutdown()` gives the queue to drain before what is left is dropped. */
  shutdownTimeoutMs: number;
  /** Wall clock for `observedTimeUnixNano` and Retry-After dates; injectable for tests. */
  getNow?: () => number;
  random?: () => number;
  /** Told about every batch given up on (the service logs it); must not throw. */
  onError?: (message: string) => void;
}

/** Records, not requests: what a dashboard of the exporter's health wants to add up. */
export interface ExportStats {
  /** Waiting in the queue or in the request being sent now. */
  queued: number;
  /** Accepted by the endpoint. */
  sent: number;
  /** Given up on: attempts exhausted, a permanent error, or refused in a partial success. */
  failed: number;
  /** Never tried: pushed out of a full queue, or still waiting when shutdown ran out of time. */
  dropped: number;
  /** Attempts after the first, over all batches. */
  retries: number;
}

/**
 * Exports every incident state it is given as an OTLP log record, in the background. `export()` only converts and
 * queues — it never throws, waits or does I/O — so ingest is never slowed by a slow or absent backend; one batch
 * is in flight at a time, and whatever arrives meanwhile rides in the next one.
 */
export class IncidentLogExporter {
  private readonly queue: BoundedQueue<LogRecord>;
  private readonly abort = new AbortController();
  private readonly getNow: () => number;
  private inFlight = 0;
  private sent = 0;
  private failed = 0;
  private droppedWhileClosing = 0;
  private retries = 0;
  private draining: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: IncidentLogExporterOptions) {
    this.queue = new BoundedQueue(options.queueSize);
    this.getNow = options.getNow ?? Date.now;
  }

  export(incident: Incident): void {
    if (this.closing !== undefined) {
      this.droppedWhileClosing += 1;
      return;
    }
    try {
      this.queue.push(incidentRecord(incident, this.getNow()));
    } catch (error) {
      // An incident the engine built is well-formed; should one ever not be, it costs a count, never ingest.
      this.failed += 1;
      this.report(`could not turn incident into a log record: ${String(error)}`);
      return;
    }
    this.draining ??= this.drain();
  }

  stats(): ExportStats {
    return {
      queued: this.queue.length + this.inFlight,
      sent: this.sent,
      failed: this.failed,
      dropped: this.queue.dropped + this.droppedWhileClosing,
      retries: this.retries,
    };
  }

  /** Sends what is queued within `timeoutMs` (default from the options), then stops; safe to call twice. */
  shutdown(timeoutMs = this.options.shutdownTimeoutMs): Promise<void> {
    this.closing ??= this.close(timeoutMs);
    return this.closing;
  }

  private async close(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.draining ?? Promise.resolve(), deadline]);
    clearTimeout(timer);
    // Past the deadline this cuts the request in flight and any backoff short; the drain loop then ends at once.
    this.abort.abort();
    await this.draining;
    this.queue.discard();
  }

  private async drain(): Promise<void> {
    try {
      // Incidents emitted by one ingest request arrive in one tick: let them share a request.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0 && !this.abort.signal.aborted) {
        await this.sendBatch(this.queue.take(this.options.maxBatch));
      }
    } catch (error) {
      this.report(`export stopped unexpectedly and will restart with the next incident: ${String(error)}`);
    } finally {
      this.draining = undefined;
    }
  }

  private async sendBatch(batch: LogRecord[]): Promise<void> {
    this.inFlight = batch.length;
    const body = JSON.stringify(logsRequest(batch));
    const { endpoint, headers, timeoutMs } = this.options;
    try {
      const delivery = await deliver({
        policy: this.options.retry,
        attempt: () =>
          sendLogs({ url: endpoint, headers, body, timeoutMs, signal: this.abort.signal, nowMs: this.getNow() }),
        sleep: (ms) => this.sleep(ms),
        ...(this.options.random !== undefined ? { random: this.options.random } : {}),
      });
      this.retries += delivery.attempts - 1;
      if (delivery.status === 'sent') {
        this.sent += batch.length - delivery.rejected;
        this.failed += delivery.rejected;
        if (delivery.rejected > 0) this.report(`${endpoint} refused ${delivery.rejected} incident records`);
      } else {
        this.failed += batch.length;
        this.report(
          `gave up on ${batch.length} incident records after ${delivery.attempts} attempts: ${delivery.reason}`,
        );
      }
    } finally {
      this.inFlight = 0;
    }
  }

  /** Resolves true after `ms`, or false as soon as shutdown aborts. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private report(message: string): void {
    try {
      this.options.onError?.(`otlp_logs export: ${message}`);
    } catch {
      // A logger that throws must not take export down with it.
    }
  }
}
