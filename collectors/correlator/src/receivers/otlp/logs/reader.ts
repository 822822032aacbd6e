import type { Observation } from '../../../engine/engine';
import type { RawDecodeTime } from '../../events/log-lines';
import { RawEventDecoders } from '../../events/log-lines';
import { decodeOtlpLogs } from './decoder';

/** One OTLP logs request read: its signals, and what was not used. */
export interface LogsRead {
  /** Signals and changes of the records, then of the tool lines they carried. */
  observations: Observation[];
  /** Log records in the request, tool lines included. */
  received: number;
  /** Well-formed records and lines that are not security signals. */
  skipped: number;
  /** Malformed log records, and their first problems. */
  recordsRejected: number;
  recordErrors: string[];
  /** Carried tool lines that could not be read, and their first problems (each naming the line). */
  linesRejected: number;
  lineErrors: string[];
}

/**
 * OTLP logs requests → signals: records with `security_rule.*` / `event.name` attributes, and the tools' raw lines
 * marked `lockstep.format` (the Collector's filelog path), normalized like `/v1/events`. One reader per stream, since
 * an auditd event's lines may arrive in different requests; `POST /v1/logs` and `lockstep replay` both use it.
 */
export class OtlpLogsReader {
  private readonly lines: RawEventDecoders;

  /** `clock`: the service's wall clock, for flushIdle(); replay has none. */
  constructor(clock?: () => number) {
    this.lines = new RawEventDecoders(clock);
  }

  /** `time`: how syslog lines that carry no year are dated (the receipt time, or replay's reference). */
  read(request: unknown, time: RawDecodeTime = {}): LogsRead {
    const decoded = decodeOtlpLogs(request);
    const observations: Observation[] = [...decoded.signals, ...decoded.changes];
    const lines = this.lines.decode(decoded.rawEvents, observations, time);
    return {
      observations,
      received:
        decoded.signals.length + decoded.changes.length + decoded.rawEvents.length + decoded.skipped + decoded.rejected,
      skipped: decoded.skipped + lines.skipped,
      recordsRejected: decoded.rejected,
      recordErrors: decoded.errors,
      linesRejected: lines.rejected,
      lineErrors: lines.errors,
    };
  }

  /** Events still held for lines yet to come (auditd), at the end of input. */
  flush(): Observation[] {
    return this.lines.flush();
  }

  /** Events whose records stopped arriving by `now` (the service's tick). */
  flushIdle(now: number): Observation[] {
    return this.lines.flushIdle(now);
  }
}
