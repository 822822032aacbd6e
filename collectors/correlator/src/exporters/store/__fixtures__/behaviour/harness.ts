import type { IncidentStore } from '../../store';

/**
 * A store the behaviour suite runs on: SQLite (sqlite-behaviour.test.ts) and PostgreSQL
 * (postgres/postgres-behaviour.test.ts) both, from this one suite, so the two cannot drift apart.
 */
export interface StoreUnderTest {
  name: string;
  /** A new store over empty tables; the suite closes it. */
  open(): Promise<IncidentStore>;
}

/** A call that may throw (SQLite) or reject (PostgreSQL), as a promise either way. */
export function attempt<T>(call: () => T | Promise<T>): Promise<T> {
  return Promise.resolve().then(call);
}
