import type { StatementCache } from './statements';
import type { EntityKind, EntityList, EntityListQuery } from './store';
import { Where } from './where';

const COLUMN: Readonly<Record<EntityKind, string>> = { hosts: 'host', containers: 'container', services: 'service' };

/** One arm of the union: the kind's column from one table, in the range and on the entity. */
function arm(table: string, column: string, where: Where): string {
  return `SELECT ${column} AS name FROM ${table} ${where.sql()}`;
}

function present(column: string, query: EntityListQuery): Where {
  // entities_seen writes '' for "absent" (its primary key cannot hold NULL); the other tables write NULL.
  return new Where().add(`${column} IS NOT NULL AND ${column} <> ''`).entity(query);
}

/** Rows whose [start, end] (both set) overlaps [from, to). */
function overlapping(where: Where, range: EntityListQuery, start: string, end: string): Where {
  if (range.to !== undefined) where.add(`${start} < @to`, { to: range.to });
  if (range.from !== undefined) where.add(`${end} >= @from`, { from: range.from });
  return where;
}

/**
 * Distinct names of one entity kind from incidents, anomalies and signals overlapping the range, and from the
 * entities that sent telemetry in it (so a healthy host is listed too). Each arm filters on the indexed start/time
 * columns; UNION removes duplicates, and the sort and LIMIT bound the answer.
 */
export function listEntities(statements: StatementCache, query: EntityListQuery): EntityList {
  const column = COLUMN[query.kind];
  const arms: Array<[string, Where]> = [
    ['incidents', present(column, query).range(query, 'start_ms')],
    ['anomalies', present(column, query).range(query, 'start_ms')],
    // A signal's end is never NULL: a plain bound on end_ms can use its index, the generic range's OR cannot.
    ['signals', overlapping(present(column, query), query, 'time_ms', 'end_ms')],
    ['entities_seen', overlapping(present(column, query), query, 'first_ms', 'last_ms')],
  ];
  const sql = `SELECT name FROM (${arms.map(([table, where]) => arm(table, column, where)).join(' UNION ')}) ORDER BY name LIMIT @limit`;
  const params = Object.assign({}, ...arms.map(([, where]) => where.params), { limit: query.limit + 1 });
  const rows = statements.get(sql).all(params) as { name: string }[];
  return { items: rows.slice(0, query.limit).map((row) => row.name), truncated: rows.length > query.limit };
}
