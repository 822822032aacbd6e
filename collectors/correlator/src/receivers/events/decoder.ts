import type { EventFormat } from '@lockstep/contract';
import { quoteProblem } from '../problems';
import type { Observation } from '../../engine/engine';
import { AptHistoryAssembler, AuditdAssembler, AuthLogReader, parseDpkgLine } from './index';
import type { EventResult } from '../../model/signal';
import type { ResultTally, TextEventFormat } from './tools';
import { collectResults, isTextEventFormat, normalizeJsonRecord } from './tools';

export interface EventBatch {
  observations: Observation[];
  /** Records (lines, or documents) read. */
  records: number;
  /** Valid records that are not security signals Lockstep uses. */
  skipped: number;
  /** Records that could not be read. */
  rejected: number;
  /** The first few problems, each naming the line. */
  errors: string[];
}

export interface EventDecoderOptions {
  /**
   * When a line was received (the service's clock, or the Collector's observed time): a syslog time without a year
   * takes the latest year that does not put it after its receipt. Given, it wins over `referenceTime`.
   */
  receivedAt?: () => number | undefined;
  /** Epoch ms the data is near (replay: the other files' first time): a yearless time takes the nearest year. */
  referenceTime?: () => number | undefined;
  /** The wall clock that flushIdle() is called with (the service's); without one, only flush() emits held events. */
  clock?: () => number;
}

/**
 * Turns request bodies of one security tool's output (one event, or newline-delimited events) into signals with
 * the same normalizers `lockstep replay` uses. Stateful only for auditd and apt, whose events span several lines
 * that may arrive in different requests.
 */
export class EventDecoder {
  private readonly audit = new AuditdAssembler();
  private readonly apt = new AptHistoryAssembler();
  private readonly auth = new AuthLogReader();

  constructor(
    readonly format: EventFormat,
    private readonly options: EventDecoderOptions,
  ) {}

  /** `notUtf8`: lines whose bytes were not UTF-8 (JSON records there are refused; text lines read as they are). */
  decode(text: string, notUtf8?: ReadonlySet<number>): EventBatch {
    const batch: EventBatch = { observations: [], records: 0, skipped: 0, rejected: 0, errors: [] };
    const lines = text.split('\n');
    if (isTextEventFormat(this.format)) {
      this.decodeText(lines, batch);
      return batch;
    }
    const trimmed = text.trimStart();
    // A JSON array, or one pretty-printed event, arrives as a single document rather than JSON lines.
    if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !isJson(firstLine(lines)))) {
      if (notUtf8 !== undefined && notUtf8.size > 0) {
        batch.records += 1;
        problem(batch, 0, 'the JSON document is not valid UTF-8');
        return batch;
      }
      const document = parseJson(text);
      if (document.ok) {
        const records = Array.isArray(document.value) ? document.value : [document.value];
        for (const record of records) this.addRecord(record, 0, batch);
        return batch;
      }
    }
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim().length === 0) continue;
      if (notUtf8?.has(i + 1)) {
        batch.records += 1;
        problem(batch, i + 1, 'not valid UTF-8');
        continue;
      }
      const parsed = parseJson(line);
      if (!parsed.ok) {
        batch.records += 1;
        problem(batch, i + 1, `not valid JSON (${parsed.message})`);
        continue;
      }
      this.addRecord(parsed.value, i + 1, batch);
    }
    return batch;
  }

  /**
   * One parsed JSON record of this tool (the JSON formats), its signals appended to `out`; returns how many. The
   * service's bodies and `lockstep replay`'s files both come through here.
   */
  readRecord(record: unknown, out: Observation[], tally: ResultTally): number {
    if (isTextEventFormat(this.format)) throw new Error(`${this.format} is read line by line, not as JSON records`);
    return collectResults(normalizeJsonRecord(this.format, record), out, tally);
  }

  /** One text line of this tool (audit.log, auth.log, dpkg.log, apt history.log); an auditd event or apt block may
   * complete only on a later line. */
  readLine(line: string, out: Observation[], tally: ResultTally): number {
    if (!isTextEventFormat(this.format)) throw new Error(`${this.format} is read as JSON records, not text lines`);
    return collectResults(this.textResults(this.format, line), out, tally);
  }

  /** The line reader of each text format (a new one is a TextEventFormat and a case here). */
  private textResults(format: TextEventFormat, line: string): EventResult[] {
    switch (format) {
      case 'auditd':
        return this.audit.push(line, this.options.clock?.() ?? 0);
      case 'auth': {
        const receivedAt = this.options.receivedAt?.();
        if (receivedAt !== undefined) return this.auth.read(line, { receivedAt });
        const referenceTime = this.options.referenceTime?.();
        return this.auth.read(line, referenceTime === undefined ? {} : { referenceTime });
      }
      case 'dpkg':
        return parseDpkgLine(line);
      case 'apt':
        return this.apt.push(line);
    }
  }

  /** Events an assembler still holds (auditd, an apt block): emitted at the end of input or on shutdown. */
  flush(out: Observation[] = [], tally: ResultTally = IGNORED): Observation[] {
    if (this.format === 'auditd') collectResults(this.audit.flush(), out, tally);
    if (this.format === 'apt') collectResults(this.apt.flush(), out, tally);
    return out;
  }

  /**
   * Events whose records stopped arriving (auditd, AUDIT_IDLE_MS by `now`, the clock `receivedAt` reads): the
   * service's tick emits them, so a quiet host's last event does not wait for unrelated lines. `Infinity`: all.
   */
  flushIdle(now: number, out: Observation[] = [], tally: ResultTally = IGNORED): Observation[] {
    if (this.format !== 'auditd') return out;
    collectResults(Number.isFinite(now) ? this.audit.flushIdle(now) : this.audit.flush(), out, tally);
    return out;
  }

  private addRecord(record: unknown, lineNumber: number, batch: EventBatch): void {
    batch.records += 1;
    this.readRecord(record, batch.observations, batchTally(batch, lineNumber));
  }

  private decodeText(lines: string[], batch: EventBatch): void {
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] as string).replace(/\r$/, '');
      if (line.trim().length === 0) continue;
      batch.records += 1;
      this.readLine(line, batch.observations, batchTally(batch, i + 1));
    }
  }
}

/** Skips and problems of records read at shutdown, which no request answer or summary reports. */
const IGNORED: ResultTally = { skipped: () => {}, problem: () => {} };

function batchTally(batch: EventBatch, lineNumber: number): ResultTally {
  return { skipped: () => (batch.skipped += 1), problem: (reason) => problem(batch, lineNumber, reason) };
}

function problem(batch: EventBatch, lineNumber: number, reason: string): void {
  batch.rejected += 1;
  quoteProblem(batch.errors, lineNumber > 0 ? `line ${lineNumber}: ${reason}` : reason);
}

function firstLine(lines: string[]): string {
  for (const line of lines) if (line.trim().length > 0) return line;
  return '';
}

function isJson(text: string): boolean {
  return parseJson(text).ok;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // RangeError (nesting too deep for the parser) lands here too: bad input, never a crash.
    return { ok: false, message: (error as Error).message.slice(0, 120) };
  }
}

/** Lines in a body, counted without splitting it (to refuse an oversized request before any work). */
export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}
