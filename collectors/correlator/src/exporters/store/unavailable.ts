/**
 * SQLite result codes (better-sqlite3's `code`, extended codes included by prefix) and errno names for a store that
 * cannot commit right now but will once the disk has room again, is writable again or the device recovers. A
 * write that failed for one of these is kept and retried; any other failure is a bug in the write itself.
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

/** Whether `error` says the store cannot write at the moment (disk full, read-only, I/O error). */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.some((known) => code === known || code.startsWith(`${known}_`));
}
