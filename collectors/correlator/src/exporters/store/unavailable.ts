/**
 * A write the store cannot commit now but may later: the database is unreachable or restarting, the disk is
 * full, read-only or failing, the server is out of connections. The service's store writer keeps such writes
 * queued and retries them in order, ingest answers 503 with Retry-After meanwhile, and `/readyz` names the
 * reason. Any other error from a store is about the write itself (a bug, bad data) and is counted and logged,
 * never retried.
 *
 * The PostgreSQL store throws this class itself (./postgres/errors.ts); SQLite's errors are recognized by their
 * codes (`asStoreUnavailable`), so both stores reach the writer through one path.
 */
export class StoreUnavailableError extends Error {
  constructor(
    /** One sentence for `/readyz` and the log; never carries credentials. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the incident store cannot write: ${reason}`, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * SQLite result codes (better-sqlite3's `code`, extended codes included by prefix) and errno names for a store that
 * cannot commit right now but will once the disk has room again, is writable again or the device recovers.
 */
const UNAVAILABLE_CODES = [
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EIO',
  'EACCES',
];

/** Longest reason kept from a store's own message (a log line and a /readyz body, not a dump). */
const MAX_REASON = 200;

/** Whether `error` says the store cannot write at the moment (database down, disk full, read-only, I/O error). */
export function isStoreUnavailable(error: unknown): boolean {
  return asStoreUnavailable(error) !== undefined;
}

/**
 * `error` as a StoreUnavailableError when it says the store cannot commit now (the PostgreSQL store's own, or a
 * SQLite/errno code above, e.g. "database or disk is full"); undefined when it is about the write itself.
 */
export function asStoreUnavailable(error: unknown): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (!UNAVAILABLE_CODES.some((known) => code === known || code.startsWith(`${known}_`))) return undefined;
  // Not `instanceof Error`: better-sqlite3's errors may come from another realm (a vm context, jest).
  const message = (error as { message?: unknown }).message;
  return new StoreUnavailableError(
    (typeof message === 'string' && message !== '' ? message : code).slice(0, MAX_REASON),
    {
      cause: error,
    },
  );
}
