import type { Pool, QueryResult } from 'pg';
import { StoreUnavailableError } from '../unavailable';
import { isTransient, storeError } from './errors';
import { compile } from './writes';
import type { Statement, Write } from './writes';

interface Pending {
  write: Write;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Writes per transaction, at most: a bounded commit, yet one commit for what a busy ingest tick produces. */
const MAX_WRITES_PER_COMMIT = 500;

/**
 * Group commit: the writes submitted while the previous commit is in flight (or within the same tick) are
 * committed together in one transaction — compiled to one statement per table (postgres/writes.ts), the statements
 * pipelined on one connection: one round trip, however many writes. Each write's promise settles when its transaction has committed —
 * with synchronous_commit on (PostgreSQL's default), when the commit record is on disk — so acknowledged still
 * means durable.
 *
 * Order is kept across failures: when a commit fails because the database cannot take it now, every write behind
 * it is refused with the same StoreUnavailableError, so none can overtake it; the caller (the service's store
 * writer) retries them, in order. A batch refused for one bad write is committed again write by write, so only
 * that write fails.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly pool: Pool) {}

  submit(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      // The rest of this tick's writes join the first commit.
      this.draining ??= new Promise<void>((resolve) => setImmediate(() => void this.drain().then(resolve)));
    });
  }

  /** Resolves once every write submitted so far has settled. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_WRITES_PER_COMMIT);
      try {
        await this.commit(compile(batch.map((pending) => pending.write)));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        if (isTransient(error) || batch.length === 1) this.fail(batch, error);
        else await this.oneByOne(batch);
      }
    }
    this.draining = undefined;
  }

  /** After a refused batch: each write alone, so the bad one fails and the rest commit. */
  private async oneByOne(batch: Pending[]): Promise<void> {
    for (const [i, pending] of batch.entries()) {
      try {
        await this.commit(compile([pending.write]));
        pending.resolve();
      } catch (error) {
        if (!isTransient(error)) {
          pending.reject(storeError(error));
          continue;
        }
        this.fail(batch.slice(i), error);
        return;
      }
    }
  }

  /** Refuses `batch`; when the store is unavailable, everything queued behind it too (order is kept). */
  private fail(batch: Pending[], error: unknown): void {
    const failure = storeError(error);
    const refused = failure instanceof StoreUnavailableError ? [...batch, ...this.pending.splice(0)] : batch;
    for (const pending of refused) pending.reject(failure);
  }

  private async commit(statements: Statement[]): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Sent back to back (the pool's connections are in pipeline mode) and answered in order. After a failed
      // statement the rest of the transaction fails too and COMMIT answers ROLLBACK: the first failure is the cause.
      const queries: Array<Promise<QueryResult>> = [
        client.query('BEGIN'),
        ...statements.map((s) => client.query(s.text, s.values)),
        client.query('COMMIT'),
      ];
      const results = await Promise.allSettled(queries);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const commit = results.at(-1) as PromiseFulfilledResult<QueryResult>;
      if (commit.value.command !== 'COMMIT') throw new Error(`the transaction ended in ${commit.value.command}`);
    } catch (error) {
      if (isTransient(error)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A connection that failed in transit is discarded rather than reused.
      client.release(broken);
    }
  }
}
