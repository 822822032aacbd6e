import type { Pool } from 'pg';
import type { EntityKind, EntityList, EntityListQuery } from '../store';
import { Where } from '../where';
import { fromPgText } from './named';
import { queryRows } from './query';

const COLUMN: Readonly<Record<EntityKind, string>> = { hosts: 'host', containers: 'container', services: 'service' };

function present(column: string, query: EntityListQuery): Where {
  return new Where().add(`${column} IS NOT NULL AND ${column} <> ''`).entity(query);
}

function overlapping(where: Where, range: EntityListQuery, start: string, end: string): Where {
  if (range.to !== undefined) where.add(`${start} < @to`, { to: range.to });
  if (range.from !== undefined) where.add(`${end} >= @from`, { from: range.from });
  return where;
}

/** ../entities.ts on PostgreSQL: the same four arms, deduplicated by UNION, sorted and cut at the limit. */
export async function listEntitiesPg(pool: Pool, query: EntityListQuery): Promise<EntityList> {
  const column = COLUMN[query.kind];
  const arms: Array<[string, Where]> = [
    ['incidents', present(column, query).range(query, 'start_ms')],
    ['anomalies', present(column, query).range(query, 'start_ms')],
    ['signals', overlapping(present(column, query), query, 'time_ms', 'end_ms')],
    ['entities_seen', overlapping(present(column, query), query, 'first_ms', 'last_ms')],
  ];
  const union = arms.map(([table, where]) => `SELECT ${column} AS name FROM ${table} ${where.sql()}`).join(' UNION ');
  const params = Object.assign({}, ...arms.map(([, where]) => where.params), { limit: query.limit + 1 });
  const rows = await queryRows<{ name: string }>(
    pool,
    `SELECT name FROM (${union}) AS names ORDER BY name LIMIT @limit`,
    params,
  );
  return { items: rows.slice(0, query.limit).map((row) => fromPgText(row.name)), truncated: rows.length > query.limit };
}
