import type { CursorList } from './cursor';
import { decodeCursor, encodeCursor } from './cursor';
import type { StatementCache } from './statements';
import type { Page, PageRequest } from './store';
import { Where } from './where';

interface PageRow {
  t: number;
  id: string;
  body: string;
}

/**
 * One page of `table`, newest `startColumn` first. Reads one row past the limit to know whether a next
 * page exists, so the last page never carries a `next` that leads to an empty page.
 */
export function readPage<T>(
  statements: StatementCache,
  table: CursorList,
  startColumn: string,
  request: PageRequest,
  build: (where: Where) => Where,
): Page<T> {
  const where = build(new Where()).before(
    request.cursor === undefined ? undefined : decodeCursor(table, request.cursor),
    startColumn,
  );
  const sql =
    `SELECT ${startColumn} AS t, id, body FROM ${table} ${where.sql()} ` +
    `ORDER BY ${startColumn} DESC, id DESC LIMIT @limit`;
  const limit = Math.max(1, Math.floor(request.limit));
  const rows = statements.get(sql).all({ ...where.params, limit: limit + 1 }) as PageRow[];
  const items = rows.slice(0, limit).map((row) => JSON.parse(row.body) as T);
  const last = rows[limit - 1];
  return rows.length > limit && last !== undefined
    ? { items, next: encodeCursor(table, { time: last.t, id: last.id }) }
    : { items };
}
