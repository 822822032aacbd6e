import type { Pool } from 'pg';
import type { Params } from '../where';
import { storeError } from './errors';
import { bindNamed } from './named';

/**
 * Reads: a `@name` query (the dialect `Where` writes) bound and run on the pool. A read the database cannot answer
 * now rejects with StoreUnavailableError, which the query API answers 503 with Retry-After.
 */
export async function queryRows<T>(pool: Pool, sql: string, params: Params = {}): Promise<T[]> {
  const { text, values } = bindNamed(sql, params);
  try {
    return (await pool.query(text, values)).rows as T[];
  } catch (error) {
    throw storeError(error);
  }
}
