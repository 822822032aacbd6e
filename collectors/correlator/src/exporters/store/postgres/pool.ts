import type * as pg from 'pg';
import type { CustomTypesConfig, Pool } from 'pg';

/**
 * The connection pool's limits (docs/service.md, `store.*`). The writer holds one connection at a time (writes are
 * serialized, group-committed); the rest serve the query API, the shard lease and retention.
 */
export interface PoolLimits {
  /** Connections to PostgreSQL from this process, at most. */
  maxConnections: number;
  /** Time to open one connection before the attempt fails (the server is unreachable). */
  connectTimeoutMs: number;
  /** Server-side limit on one statement; the client gives up `CLIENT_GRACE_MS` after it (a silent network). */
  statementTimeoutMs: number;
  /** An idle connection is closed after this long. */
  idleTimeoutMs: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = {
  maxConnections: 8,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
};

const CLIENT_GRACE_MS = 5_000;
const INT8 = 20;
const NUMERIC = 1700;

/**
 * The PostgreSQL driver, loaded when the first pool is made rather than with this module: a service on SQLite (the
 * default) never loads it, which keeps pg's few MiB out of its resident set. `load` is for tests.
 */
export async function loadDriver(load: () => Promise<typeof pg> = () => import('pg')): Promise<typeof pg> {
  try {
    return await load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `store.url names a PostgreSQL database, but the PostgreSQL driver (the pg package) cannot be loaded: ${reason}`,
      { cause: error },
    );
  }
}

/**
 * Epoch milliseconds and counts are int8, averages numeric: both fit a double exactly for every value this store
 * holds (times below 2^53 ms, counts below 2^53), so they are read as numbers instead of pg's default strings.
 * Set per pool, never on pg's global type table.
 */
function typesOf(driver: typeof pg): CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === INT8) return (text: string) => Number.parseInt(text, 10);
      if (oid === NUMERIC) return (text: string) => Number.parseFloat(text);
      return driver.types.getTypeParser(oid, format);
    }) as CustomTypesConfig['getTypeParser'],
  };
}

export async function createPool(url: string, limits: PoolLimits, onIdleError: (error: Error) => void): Promise<Pool> {
  const driver = await loadDriver();
  const pool = new driver.Pool({
    connectionString: url,
    max: limits.maxConnections,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    idleTimeoutMillis: limits.idleTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    query_timeout: limits.statementTimeoutMs + CLIENT_GRACE_MS,
    // A transaction left open by a stalled client must not hold locks for ever.
    idle_in_transaction_session_timeout: limits.statementTimeoutMs,
    keepAlive: true,
    // Statements sent back to back on one connection and answered in order: a group commit is one round trip.
    pipeline: true,
    application_name: 'lockstep',
    types: typesOf(driver),
  });
  // An idle connection the server closes (a restart) is reported here; without a listener it would crash the process.
  pool.on('error', onIdleError);
  // The pool listens for errors only while a connection is idle. One checked out across several statements
  // (retention, the orphan sweep, rollup compaction, migrations) that the server closes between two of them would
  // emit its error to nobody and crash the process — a shard dying with its database (test/scale). The error is
  // not lost: that connection's next query rejects with it, and the connection is discarded on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
