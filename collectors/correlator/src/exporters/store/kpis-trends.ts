import type { StatementCache } from './statements';
import type { KpiQuery, Kpis } from './store';
import { correlated } from './kpis-open';
import type { RollupScope } from './rollups';

export const DEFAULT_KPI_STEP_MS = 60 * 60 * 1000;
/** More buckets than a dashboard panel has pixels is a mistake in the request, not a useful answer. */
export const MAX_KPI_BUCKETS = 10_000;

export class TooManyBucketsError extends Error {
  constructor(buckets: number) {
    super(`'step' makes ${buckets} buckets for this range; at most ${MAX_KPI_BUCKETS}: use a larger step.`);
    this.name = 'TooManyBucketsError';
  }
}

interface Grid {
  from: number;
  to: number;
  step: number;
  buckets: number;
}

/**
 * Buckets of `step` from `from` (or the first time in the data, aligned to the step) to `to` (or just past the last
 * time in the data). `column` is what the figure buckets by: start for incidents started, end for resolutions.
 */
function grid(statements: StatementCache, query: KpiQuery, column: string, extra?: string): Grid | undefined {
  const step = query.stepMs ?? DEFAULT_KPI_STEP_MS;
  let from = query.from;
  let to = query.to;
  // The data's extent only when the range leaves a side open: min() and max() together scan every row.
  if (from === undefined || to === undefined) {
    const extent = extra === undefined ? correlated(query) : correlated(query).add(extra);
    const bounds = statements
      .get(`SELECT min(${column}) AS first, max(${column}) AS last FROM incidents ${extent.sql()}`)
      .get(extent.params) as { first: number | null; last: number | null };
    from ??= bounds.first === null ? undefined : Math.floor(bounds.first / step) * step;
    to ??= bounds.last === null ? undefined : bounds.last + 1;
  }
  if (from === undefined || to === undefined || to <= from) return undefined;
  const buckets = Math.ceil((to - from) / step);
  if (buckets > MAX_KPI_BUCKETS) throw new TooManyBucketsError(buckets);
  return { from, to, step, buckets };
}

const bucketTime = (g: Grid, i: number): string => new Date(g.from + i * g.step).toISOString();

/** Correlated incidents started per bucket, oldest first, empty buckets included. */
export function incidentsOverTime(
  statements: StatementCache,
  query: KpiQuery,
  rollup?: RollupScope,
): Kpis['incidentsOverTime'] {
  const g = grid(statements, query, 'start_ms');
  if (g === undefined) return [];
  const where = correlated(query).add('start_ms >= @from AND start_ms < @to', { from: g.from, to: g.to });
  const rows = (
    rollup === undefined
      ? statements
          .get(
            `SELECT CAST((start_ms - @from) / @step AS INTEGER) AS bucket, count(*) AS n FROM incidents ${where.sql()} ` +
              'GROUP BY bucket',
          )
          .all({ ...where.params, step: g.step })
      : statements
          .get(
            'SELECT CAST((start_hour - @from) / @step AS INTEGER) AS bucket, sum(correlated) AS n ' +
              `FROM incident_rollups WHERE ${rollup.scope} AND start_hour >= @from AND start_hour < @to GROUP BY bucket`,
          )
          .all({ ...rollup.params, step: g.step })
  ) as { bucket: number; n: number }[];
  const counts = new Array<number>(g.buckets).fill(0);
  for (const row of rows) counts[row.bucket] = row.n;
  return counts.map((count, i) => ({ time: bucketTime(g, i), count }));
}

/**
 * `+status`: the same test, kept off the status index — nearly every incident is resolved, so that index would read
 * them all where the range on end_ms reads only the range's.
 */
const RESOLVED = "+status = 'resolved' AND end_ms IS NOT NULL";

/** Mean time to resolve of the correlated incidents that resolved in each bucket (by their end), oldest first. */
export function meanTimeToResolveOverTime(
  statements: StatementCache,
  query: KpiQuery,
  rollup?: RollupScope,
): Kpis['meanTimeToResolveOverTime'] {
  const g = grid(statements, query, 'end_ms', RESOLVED);
  if (g === undefined) return [];
  const where = correlated(query).add(RESOLVED).add('end_ms >= @from AND end_ms < @to', { from: g.from, to: g.to });
  const rows = (
    rollup === undefined
      ? statements
          .get(
            'SELECT CAST((end_ms - @from) / @step AS INTEGER) AS bucket, avg(end_ms - start_ms) AS mean, ' +
              `count(*) AS n FROM incidents ${where.sql()} GROUP BY bucket`,
          )
          .all({ ...where.params, step: g.step })
      : statements
          .get(
            // Sums of whole milliseconds are exact: total / count is avg(), to the last bit.
            'SELECT CAST((end_hour - @from) / @step AS INTEGER) AS bucket, 1.0 * sum(resolved_ms) / sum(resolved) ' +
              `AS mean, sum(resolved) AS n FROM incident_rollups WHERE ${rollup.scope} AND end_hour >= @from AND ` +
              'end_hour < @to GROUP BY bucket HAVING sum(resolved) <> 0',
          )
          .all({ ...rollup.params, step: g.step })
  ) as { bucket: number; mean: number; n: number }[];
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  return Array.from({ length: g.buckets }, (_, i) => {
    const row = byBucket.get(i);
    return { time: bucketTime(g, i), meanMs: row === undefined ? null : row.mean, resolved: row?.n ?? 0 };
  });
}
