import { isUtf8 } from 'node:buffer';

/**
 * Line numbers (1-based, split on `\n`) of a body whose bytes are not valid UTF-8, or undefined when all are.
 * JSON must be UTF-8 (RFC 8259): a line that is not would be read with U+FFFD in place of its bytes — a
 * different record than the one sent — so it is refused instead.
 */
export function invalidUtf8Lines(body: Buffer): Set<number> | undefined {
  if (isUtf8(body)) return undefined;
  const invalid = new Set<number>();
  let start = 0;
  for (let line = 1; start <= body.length; line += 1) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    if (!isUtf8(body.subarray(start, end))) invalid.add(line);
    start = end + 1;
  }
  return invalid;
}

export { isUtf8 };
