import type { Context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, LogRecordProcessor, ReadableLogRecord, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MAX_POLL_LINES } from './tailer';

/** The instrumentation scope of tailed lines; every other log record (the indicators) goes the other way. */
export const TAIL_SCOPE = 'lockstep-agent/tail';

/** How the exports since the last `take()` ended, in records. */
export interface ExportTally {
  /** Acknowledged by the receiver (HTTP 2xx). */
  delivered: number;
  /** Refused for good (HTTP 4xx other than 408 and 429): sending them again would be refused again. */
  refused: number;
  /** Failed in a way worth retrying (unreachable, timeout, 408, 429, 5xx), after the exporter's own retries. */
  failed: number;
  /** The last failure, as a sentence fragment. */
  error: string | undefined;
}

/** The exporter under the tail's batch processor: passes every export on and keeps how it ended. */
export class TallyingExporter implements LogRecordExporter {
  private tally: ExportTally = emptyTally();

  constructor(private readonly inner: LogRecordExporter) {}

  export(records: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(records, (result) => {
      this.note(records.length, result);
      resultCallback(result);
    });
  }

  /** The tally since the last call, and a fresh one. */
  take(): ExportTally {
    const tally = this.tally;
    this.tally = emptyTally();
    return tally;
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  private note(count: number, result: ExportResult): void {
    if (result.code === 0) {
      this.tally.delivered += count;
      return;
    }
    const status = httpStatus(result.error);
    const refused = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
    if (refused) this.tally.refused += count;
    else this.tally.failed += count;
    const message = result.error?.message ?? '';
    this.tally.error = status === undefined ? message || 'export failed' : `HTTP ${status} ${message}`.trim();
  }
}

/** Hands a processor only the records of some instrumentation scopes: one logger provider, two paths out. */
export class ScopedProcessor implements LogRecordProcessor {
  constructor(
    private readonly inner: LogRecordProcessor,
    private readonly accepts: (scope: string) => boolean,
  ) {}

  onEmit(record: SdkLogRecord, context?: Context): void {
    if (this.accepts(record.instrumentationScope.name)) this.inner.onEmit(record, context);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/**
 * The tail's path through the SDK: a batch processor sized so that one poll's lines (MAX_POLL_LINES) are one
 * export — never split — with room for two polls in its queue, so none is ever dropped there, and one tally
 * answers for exactly the lines of one flush.
 */
export function tailProcessor(exporter: TallyingExporter): LogRecordProcessor {
  const batch = new BatchLogRecordProcessor({
    exporter,
    maxExportBatchSize: MAX_POLL_LINES,
    maxQueueSize: 2 * MAX_POLL_LINES,
    // The tail flushes after each poll; the processor's own timer only matters if it never did.
    scheduledDelayMillis: 60_000,
  });
  return new ScopedProcessor(batch, (scope) => scope === TAIL_SCOPE);
}

function emptyTally(): ExportTally {
  return { delivered: 0, refused: 0, failed: 0, error: undefined };
}

/** The HTTP status an OTLP exporter error carries (OTLPExporterError.code), if any. */
function httpStatus(error: Error | undefined): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}
