import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Read size: large enough that syscalls are not the bottleneck on tens of MB. */
const CHUNK_BYTES = 1 << 20;
/** One line longer than this is not a telemetry record; refuse it instead of holding it in memory. */
export const MAX_LINE_BYTES = 64 << 20;

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  text: string;
}

/**
 * Lines of a file in batches (one batch per read chunk), streaming: memory holds one chunk plus one partial
 * line. `\r\n` endings are accepted; the BOM of a first line is dropped.
 */
export async function* readLineBatches(path: string): AsyncGenerator<Line[]> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let number = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    const batch: Line[] = [];
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      number += 1;
      batch.push({ number, text: trimLine(text, start, newline, number) });
      start = newline + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_LINE_BYTES) {
      stream.destroy();
      throw new Error(`line ${number + 1} is longer than ${MAX_LINE_BYTES} bytes`);
    }
    if (batch.length > 0) yield batch;
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) yield [{ number: number + 1, text: trimLine(rest, 0, rest.length, number + 1) }];
}

function trimLine(text: string, start: number, end: number, number: number): string {
  let stop = end;
  if (stop > start && text.charCodeAt(stop - 1) === 13) stop -= 1;
  let begin = start;
  if (number === 1 && text.charCodeAt(begin) === 0xfeff) begin += 1;
  return text.slice(begin, stop);
}
