import type { Pool, PoolClient } from 'pg';
import { StoreUnavailableError } from '../unavailable';

/**
 * SQLSTATE classes and codes that say "not now" rather than "not this write" (PostgreSQL's Appendix A): the
 * connection (08), resources (53: disk full, out of memory, too many connections), operator intervention (57: the
 * server shutting down or starting, a statement timeout), a standby refusing writes after a failover (25006),
 * system errors (58) and transaction conflicts (40) that a retry resolves.
 */
const TRANSIENT_CLASSES = new Set(['08', '53', '57', '58', '40']);
const TRANSIENT_CODES = new Set(['25006', '55P03']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** True when a retry of the same write may succeed. Errors without an SQLSTATE are the network's or the driver's. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return true;
  return TRANSIENT_CLASSES.has(code.slice(0, 2)) || TRANSIENT_CODES.has(code);
}

/** The error a write or query rejects with: StoreUnavailableError when transient, else the error itself. */
export function storeError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isTransient(error)) return error;
  return new StoreUnavailableError(`PostgreSQL: ${describe(error)}`, { cause: error });
}

/** The driver's message or the system error code; connection strings never appear in either. */
function describe(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : 'unknown error';
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

/** A client from the pool for a sequence of statements; a database that cannot be reached is a store error. */
export async function checkout(pool: Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw storeError(error);
  }
}
