import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepares each SQL text once. Queries are assembled from a fixed set of filter clauses, so the number of
 * distinct texts is bounded (one per combination of filters present), never by user input.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
