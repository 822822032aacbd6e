/**
 * Keyset cursors: the (time, id) of the last item of a page, so the next page starts strictly after it.
 * Rows inserted while a client pages never shift the pages (no duplicates, no gaps), unlike OFFSET.
 * Encoded as base64url JSON: opaque to clients, readable when debugging.
 */
export interface CursorKey {
  time: number;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super("The cursor is not one this API returned: pass the 'next' value of a previous page unchanged.");
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.time, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursorError();
  const [time, id] = parsed as unknown[];
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || typeof id !== 'string') {
    throw new InvalidCursorError();
  }
  return { time, id };
}
