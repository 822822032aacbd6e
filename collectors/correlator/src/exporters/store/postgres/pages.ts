import type { Pool } from 'pg';
import type { CursorList } from '../cursor';
import { decodeCursor, encodeCursor } from '../cursor';
import type { Page, PageRequest } from '../store';
import { Where } from '../where';
import { fromPgText } from './named';
import { queryRows } from './query';

interface PageRow {
  t: number;
  id: string;
  body: string;
}

/** One page of `table`, newest first: ../pages.ts, on PostgreSQL (one row past the limit says whether more exist). */
export async function readPagePg<T>(
  pool: Pool,
  table: CursorList,
  startColumn: string,
  request: PageRequest,
  build: (where: Where) => Where,
): Promise<Page<T>> {
  const where = build(new Where()).before(
    request.cursor === undefined ? undefined : decodeCursor(table, request.cursor),
    startColumn,
  );
  const limit = Math.max(1, Math.floor(request.limit));
  const rows = await queryRows<PageRow>(
    pool,
    `SELECT ${startColumn} AS t, id, body FROM ${table} ${where.sql()} ORDER BY ${startColumn} DESC, id DESC LIMIT @limit`,
    { ...where.params, limit: limit + 1 },
  );
  const items = rows.slice(0, limit).map((row) => JSON.parse(row.body) as T);
  const last = rows[limit - 1];
  return rows.length > limit && last !== undefined
    ? { items, next: encodeCursor(table, { time: last.t, id: fromPgText(last.id) }) }
    : { items };
}
