import { CORRELATED_SCORE } from '@lockstep/contract';
import type { IncidentSeverity } from '@lockstep/contract';
import type { StatementCache } from './statements';
import type { KpiQuery, Kpis } from './store';
import { Where } from './where';

export const DEFAULT_KPI_STEP_MS = 60 * 60 * 1000;
/** More buckets than a dashboard panel has pixels is a mistake in the request, not a useful answer. */
export const MAX_KPI_BUCKETS = 10_000;

export class TooManyBucketsError extends Error {
  constructor(buckets: number) {
    super(`'step' makes ${buckets} buckets for this range; at most ${MAX_KPI_BUCKETS}: use a larger step.`);
    this.name = 'TooManyBucketsError';
  }
}

const SEVERITIES: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

export function computeKpis(statements: StatementCache, query: KpiQuery): Kpis {
  return {
    openBySeverity: openBySeverity(statements, query),
    meanTimeToResolveMs: meanTimeToResolve(statements, query),
    incidentsOverTime: incidentsOverTime(statements, query),
    coverage: coverage(statements, query),
  };
}

function correlated(query: KpiQuery): Where {
  return new Where().add('score >= @minScore', { minScore: CORRELATED_SCORE }).entity(query);
}

function openBySeverity(statements: StatementCache, query: KpiQuery): Kpis['openBySeverity'] {
  const where = correlated(query).add("status = 'open'").range(query, 'start_ms');
  const rows = statements
    .get(`SELECT severity, count(*) AS n FROM incidents ${where.sql()} GROUP BY severity`)
    .all(where.params) as { severity: IncidentSeverity; n: number }[];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
  for (const row of rows) if (row.severity in counts) counts[row.severity] = row.n;
  return counts;
}

/** Over correlated incidents that resolved within the range: end - start. */
function meanTimeToResolve(statements: StatementCache, query: KpiQuery): number | null {
  const where = correlated(query).add("status = 'resolved'").add('end_ms IS NOT NULL');
  if (query.from !== undefined) where.add('end_ms >= @from', { from: query.from });
  if (query.to !== undefined) where.add('end_ms < @to', { to: query.to });
  const row = statements
    .get(`SELECT avg(end_ms - start_ms) AS mean FROM incidents ${where.sql()}`)
    .get(where.params) as { mean: number | null } | undefined;
  return row?.mean ?? null;
}

/** Buckets start at `from` (or the first correlated incident, aligned to the step) and run to `to`. */
function incidentsOverTime(statements: StatementCache, query: KpiQuery): Kpis['incidentsOverTime'] {
  const step = query.stepMs ?? DEFAULT_KPI_STEP_MS;
  const extent = correlated(query);
  const bounds = statements
    .get(`SELECT min(start_ms) AS first, max(start_ms) AS last FROM incidents ${extent.sql()}`)
    .get(extent.params) as { first: number | null; last: number | null };
  const from = query.from ?? (bounds.first === null ? undefined : Math.floor(bounds.first / step) * step);
  const to = query.to ?? (bounds.last === null ? undefined : bounds.last + 1);
  if (from === undefined || to === undefined || to <= from) return [];
  const buckets = Math.ceil((to - from) / step);
  if (buckets > MAX_KPI_BUCKETS) throw new TooManyBucketsError(buckets);

  const where = correlated(query).add('start_ms >= @from AND start_ms < @to', { from, to });
  const rows = statements
    .get(
      `SELECT CAST((start_ms - @from) / @step AS INTEGER) AS bucket, count(*) AS n FROM incidents ${where.sql()} ` +
        'GROUP BY bucket',
    )
    .all({ ...where.params, step }) as { bucket: number; n: number }[];
  const counts = new Array<number>(buckets).fill(0);
  for (const row of rows) counts[row.bucket] = row.n;
  return counts.map((count, i) => ({ time: new Date(from + i * step).toISOString(), count }));
}

/**
 * Per host (the one identity every source carries): did it send operational telemetry, security signals,
 * or both, during the range. Seen-in-range is judged from first/last seen, the only history kept.
 */
function coverage(statements: StatementCache, query: KpiQuery): Kpis['coverage'] {
  const where = new Where();
  if (query.host !== undefined) where.add('host = @host', { host: query.host });
  if (query.container !== undefined) where.add('container = @container', { container: query.container });
  if (query.service !== undefined) where.add('service = @service', { service: query.service });
  if (query.to !== undefined) where.add('first_ms < @to', { to: query.to });
  if (query.from !== undefined) where.add('last_ms >= @from', { from: query.from });
  const row = statements
    .get(
      'SELECT coalesce(sum(m AND s), 0) AS both, coalesce(sum(m AND NOT s), 0) AS metricsOnly, ' +
        'coalesce(sum(s AND NOT m), 0) AS signalsOnly FROM (' +
        "SELECT host, max(kind = 'metrics') AS m, max(kind = 'signals') AS s " +
        `FROM entities_seen ${where.sql()} GROUP BY host)`,
    )
    .get(where.params) as Kpis['coverage'];
  return { both: row.both, metricsOnly: row.metricsOnly, signalsOnly: row.signalsOnly };
}
