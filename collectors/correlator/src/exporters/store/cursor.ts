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

/** Which list a cursor pages: a cursor of one list is not a position in another. */
export type CursorList = 'incidents' | 'anomalies' | 'signals' | 'changes' | 'findings';

/** Ids are the store's own; longer ones were never issued. */
const MAX_ID = 200;

export function encodeCursor(list: CursorList, key: CursorKey): string {
  return Buffer.from(JSON.stringify([list, key.time, key.id]), 'utf8').toString('base64url');
}

/**
 * The key of a cursor `encodeCursor(list, ...)` issued. Anything else — another list's cursor, a time before
 * the epoch, an empty id, a spelling the encoder never writes — is refused rather than paged from.
 */
export function decodeCursor(list: CursorList, cursor: string): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidCursorError();
  const [of, time, id] = parsed as unknown[];
  if (of !== list || typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0) {
    throw new InvalidCursorError();
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) throw new InvalidCursorError();
  const key = { time, id };
  if (encodeCursor(list, key) !== cursor) throw new InvalidCursorError();
  return key;
}
