const NEWLINE = 0x0a;

/**
 * Bytes of one line at most, newline excluded: the correlator keeps no more of a raw line (its MAX_RAW_LINE), and
 * a JSON line cut there would no longer parse, so a longer line is dropped whole and counted rather than cut.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/** What one chunk of a file gave: complete lines, each with the file offset just after its newline. */
export interface SplitResult {
  lines: string[];
  /** File offset after the newline of the last line taken (or skipped); undefined when no newline was taken. */
  lineEnd: number | undefined;
  /** Lines over MAX_LINE_BYTES, dropped. */
  tooLong: number;
  /** Bytes of the chunk taken: all of it, or up to the newline of the line that filled `maxLines`. */
  consumed: number;
}

/**
 * Splits a file's bytes into lines, chunk after chunk, in bytes (so offsets are exact whatever the encoding): the
 * unfinished line at the end of a chunk is carried to the next, a line longer than MAX_LINE_BYTES is dropped and
 * counted once its newline arrives, and blank lines are skipped (their bytes still count). Pure: no I/O.
 */
export class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** The current line is over the limit: its bytes are skipped up to its newline. */
  private overLong = false;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Whether bytes of an unfinished line are held (or being skipped). */
  get midLine(): boolean {
    return this.partialBytes > 0 || this.overLong;
  }

  /** Takes `chunk`, read at file offset `at`, stopping after the line that makes `maxLines`. */
  push(chunk: Buffer, at: number, maxLines: number): SplitResult {
    const result: SplitResult = { lines: [], lineEnd: undefined, tooLong: 0, consumed: chunk.length };
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      this.take(chunk.subarray(start, nl), result);
      start = nl + 1;
      result.lineEnd = at + start;
      if (result.lines.length >= maxLines) {
        result.consumed = start;
        return result;
      }
    }
    this.hold(chunk.subarray(start));
    return result;
  }

  /** The unfinished line, as a last line of a file nothing more will be written to (a rotated one); then empty. */
  end(): SplitResult {
    const result: SplitResult = { lines: [], lineEnd: undefined, tooLong: 0, consumed: 0 };
    if (this.midLine) this.take(Buffer.alloc(0), result);
    return result;
  }

  /** Forgets the unfinished line (the file was truncated, or reading restarts elsewhere). */
  reset(): void {
    this.partial = [];
    this.partialBytes = 0;
    this.overLong = false;
  }

  private take(tail: Buffer, result: SplitResult): void {
    const overLong = this.overLong || this.partialBytes + tail.length > this.maxLineBytes;
    const bytes = overLong ? undefined : Buffer.concat([...this.partial, tail]);
    this.reset();
    if (bytes === undefined) {
      result.tooLong += 1;
      return;
    }
    const line = bytes.toString('utf8');
    if (line.trim() !== '') result.lines.push(line);
  }

  private hold(rest: Buffer): void {
    if (this.overLong || rest.length === 0) return;
    if (this.partialBytes + rest.length > this.maxLineBytes) {
      this.partial = [];
      this.partialBytes = 0;
      this.overLong = true;
      return;
    }
    // Copied: the caller reuses its read buffer.
    this.partial.push(Buffer.from(rest));
    this.partialBytes += rest.length;
  }
}
