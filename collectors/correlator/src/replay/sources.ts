import { open, readFile, stat } from 'node:fs/promises';
import type { Observation } from '../engine/engine';
import type { EventFormat } from '@lockstep/contract';
import { EventDecoder } from '../receivers/events/decoder';
import type { ResultTally } from '../receivers/events/tools';
import { OtlpMetricsDecoder } from '../receivers/otlp';
import { OtlpLogsReader } from '../receivers/otlp/logs/reader';
import type { Format } from '../receivers/formats';
import { detectJsonRecord, detectTextLine, formatNames } from '../receivers/formats';
import { quoteProblem } from '../receivers/problems';
import type { Line } from './lines';
import { MAX_LINE_BYTES, readLineBatches } from './lines';

/** Bytes read to tell a file's format. */
const SNIFF_BYTES = 64 * 1024;
/** Lines looked at to tell a format (headers, comments and odd first records are common). */
const SNIFF_LINES = 20;
/** A pretty-printed (multi-line) JSON document is read whole; beyond this it is not an event file. */
const MAX_DOCUMENT_BYTES = 256 << 20;
/** Problems quoted per file in the summary (one line per file): fewer than a request's answer quotes. */
const QUOTED_PER_FILE = 3;

export class UnreadableInputError extends Error {}

export interface SourceStats {
  path: string;
  format: Format;
  bytes: number;
  lines: number;
  observations: number;
  /** Valid records that are not telemetry Lockstep uses (e.g. Suricata flow records). */
  skipped: number;
  /** Records that could not be read, with the first few reasons. */
  malformed: number;
  problems: string[];
}

type Layout = 'json-lines' | 'json-document' | 'text';

/** One input file: its detected format and a streaming reader of its observations. */
export class FileSource {
  readonly stats: SourceStats;
  // The service's own decoders, one of each per file (a stream): replay dispatches records, they read them.
  private readonly metrics = new OtlpMetricsDecoder();
  private readonly logs = new OtlpLogsReader();
  private readonly events = new Map<EventFormat, EventDecoder>();
  referenceTime: number | undefined;

  private constructor(
    readonly path: string,
    readonly format: Format,
    private readonly layout: Layout,
    bytes: number,
    private document: unknown = undefined,
  ) {
    this.stats = { path, format, bytes, lines: 0, observations: 0, skipped: 0, malformed: 0, problems: [] };
  }

  /** Opens and sniffs a file; throws UnreadableInputError with a sentence a user can act on. */
  static async open(path: string): Promise<FileSource> {
    let size: number;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new UnreadableInputError(`${path} is a directory; pass the files inside it`);
      size = info.size;
    } catch (error) {
      if (error instanceof UnreadableInputError) throw error;
      throw new UnreadableInputError(`cannot read ${path}: ${describeFsError(error)}`);
    }
    let head: string;
    try {
      const handle = await open(path, 'r');
      try {
        // At least one whole line: a JSON line can be longer than the sniffed bytes (one scrape of a 64-core host
        // is 100 KB), and a head without a complete line would be taken for a pretty-printed document.
        let length = Math.min(SNIFF_BYTES, size);
        for (;;) {
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
          const bytes = buffer.subarray(0, bytesRead);
          if (bytes.includes(0x0a) || bytesRead < length || length >= Math.min(size, MAX_LINE_BYTES)) {
            head = bytes.toString('utf8');
            break;
          }
          length = Math.min(length * 4, size, MAX_LINE_BYTES);
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new UnreadableInputError(`cannot read ${path}: ${describeFsError(error)}`);
    }
    if (head.includes('\u0000'))
      throw new UnreadableInputError(`${path} is a binary file, not a log or JSON lines file`);
    const sniffed = sniff(path, head, size);
    if (sniffed.layout !== 'json-document') return new FileSource(path, sniffed.format, sniffed.layout, size);
    // Not JSON lines: one (pretty-printed) JSON document, or an array of records, read whole.
    if (size > MAX_DOCUMENT_BYTES) {
      throw new UnreadableInputError(
        `${path} is neither JSON lines nor a JSON document of at most ${MAX_DOCUMENT_BYTES} bytes`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new UnreadableInputError(`${path} is not valid JSON lines or JSON: ${(error as Error).message}`);
    }
    const format = detectJsonRecord(Array.isArray(value) ? value[0] : value);
    if (!format) {
      throw new UnreadableInputError(
        `cannot tell the format of ${path}: its JSON matches none of ${formatNames('json')}`,
      );
    }
    return new FileSource(path, format, 'json-document', size, value);
  }

  /** Observations in file order, in batches (sorted by time within a batch). */
  async *batches(): AsyncGenerator<Observation[]> {
    if (this.layout === 'json-document') {
      yield* this.documentRecords();
      return;
    }
    for await (const lines of readLineBatches(this.path)) {
      const out: Observation[] = [];
      for (const line of lines) this.readLine(line, out);
      this.stats.lines += lines.length;
      if (out.length > 0) yield sortByTime(out);
    }
    const rest: Observation[] = [];
    for (const decoder of this.events.values()) decoder.flush(rest, this.tally(0));
    this.count(rest.length);
    if (rest.length > 0) yield sortByTime(rest);
    const held = this.logs.flush();
    this.stats.observations += held.length;
    if (held.length > 0) yield sortByTime(held);
  }

  private async *documentRecords(): AsyncGenerator<Observation[]> {
    const value = this.document;
    this.document = undefined;
    const out: Observation[] = [];
    for (const record of Array.isArray(value) ? value : [value]) this.readRecord(record, out, 1);
    this.stats.lines = 1;
    if (out.length > 0) yield sortByTime(out);
  }

  private readLine(line: Line, out: Observation[]): void {
    const text = line.text;
    if (text.trim().length === 0) return;
    if (this.layout === 'text') {
      // A text layout is sniffed only for the text formats (auditd, auth, dpkg, apt).
      this.count(this.decoder(this.format as EventFormat).readLine(text, out, this.tally(line.number)));
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.problem(line.number, `not valid JSON (${(error as Error).message})`);
      return;
    }
    this.readRecord(value, out, line.number);
  }

  private readRecord(value: unknown, out: Observation[], lineNumber: number): void {
    const format = detectJsonRecord(value) ?? this.format;
    switch (format) {
      case 'otlp-metrics': {
        const result = this.metrics.decode(value);
        for (const sample of result.samples) out.push(sample);
        this.stats.observations += result.samples.length;
        if (result.rejectedDataPoints > 0)
          this.problem(lineNumber, result.errors[0] ?? `${result.rejectedDataPoints} data points rejected`);
        return;
      }
      case 'otlp-logs': {
        const read = this.logs.read(value, { referenceTime: this.referenceTime });
        for (const observation of read.observations) out.push(observation);
        this.stats.observations += read.observations.length;
        this.stats.skipped += read.skipped;
        if (read.lineErrors.length > 0) this.problem(lineNumber, read.lineErrors[0] as string);
        if (read.recordsRejected > 0)
          this.problem(lineNumber, read.recordErrors[0] ?? `${read.recordsRejected} log records rejected`);
        return;
      }
      case 'auditd':
      case 'auth':
      case 'dpkg':
      case 'apt':
        this.problem(lineNumber, 'a JSON record in no format Lockstep reads');
        return;
      default:
        this.count(this.decoder(format).readRecord(value, out, this.tally(lineNumber)));
    }
  }

  /** The service's decoder for one tool's records in this file (auditd's holds events across lines). */
  private decoder(format: EventFormat): EventDecoder {
    let decoder = this.events.get(format);
    if (decoder === undefined) {
      decoder = new EventDecoder(format, { referenceTime: () => this.referenceTime });
      this.events.set(format, decoder);
    }
    return decoder;
  }

  private count(observations: number): void {
    this.stats.observations += observations;
  }

  private tally(lineNumber: number): ResultTally {
    return { skipped: () => (this.stats.skipped += 1), problem: (reason) => this.problem(lineNumber, reason) };
  }

  private problem(lineNumber: number, reason: string): void {
    this.stats.malformed += 1;
    quoteProblem(this.stats.problems, lineNumber > 0 ? `line ${lineNumber}: ${reason}` : reason, QUOTED_PER_FILE);
  }
}

function sortByTime(observations: Observation[]): Observation[] {
  return observations.sort((a, b) => a.time - b.time);
}

function sniff(path: string, head: string, size: number): { format: Format; layout: Layout } {
  const lines = head.split('\n').map((l) => l.replace(/\r$/, '').replace(/^\ufeff/, ''));
  const meaningful = lines.filter((l) => l.trim().length > 0 && !l.startsWith('#'));
  const first = meaningful[0];
  if (first === undefined) throw new UnreadableInputError(`${path} is empty`);
  const trimmed = first.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // JSON lines when the first complete lines parse on their own; else one (pretty-printed) document,
    // whose format open() tells after reading it whole ('falco' is a placeholder until then).
    const complete = head.length < size ? meaningful.slice(0, -1) : meaningful;
    if (complete.length === 0) return { format: 'falco', layout: 'json-document' };
    let parsed = 0;
    for (const line of complete.slice(0, SNIFF_LINES)) {
      let value: unknown;
      try {
        value = JSON.parse(line);
        parsed += 1;
      } catch {
        continue; // a malformed record in JSON lines, or a line of a pretty-printed document
      }
      const format = detectJsonRecord(value);
      if (format) return { format, layout: 'json-lines' };
    }
    if (parsed === 0) return { format: 'falco', layout: 'json-document' };
    throw new UnreadableInputError(
      `cannot tell the format of ${path}: its JSON matches none of ${formatNames('json')}`,
    );
  }
  for (const line of meaningful.slice(0, SNIFF_LINES)) {
    const format = detectTextLine(line);
    if (format) return { format, layout: 'text' };
  }
  throw new UnreadableInputError(
    `cannot tell the format of ${path}: expected JSON lines (${formatNames('json')}) or text lines (${formatNames('text')}); first line: ${JSON.stringify(first.slice(0, 80))}`,
  );
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message ?? String(error);
}
