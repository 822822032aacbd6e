import type { StatementCache } from './statements';
import type { KpiQuery, Kpis } from './store';
import { correlated, openBySeverity, openByService } from './kpis-open';
import { byBusinessService, changeRelated, unmanagedAssets } from './kpis-changes';
import { incidentsOverTime, meanTimeToResolveOverTime } from './kpis-trends';
import { Where } from './where';

export { MAX_KPI_SERVICES, RISK_WEIGHTS } from './kpis-open';
export { DEFAULT_KPI_STEP_MS, MAX_KPI_BUCKETS, TooManyBucketsError } from './kpis-trends';

export function computeKpis(statements: StatementCache, query: KpiQuery): Kpis {
  const open = openBySeverity(statements, query);
  return {
    openBySeverity: open.openBySeverity,
    meanTimeToResolveMs: meanTimeToResolve(statements, query),
    incidentsOverTime: incidentsOverTime(statements, query),
    coverage: coverage(statements, query),
    openByService: openByService(statements, query),
    meanTimeToResolveOverTime: meanTimeToResolveOverTime(statements, query),
    riskExposure: open.riskExposure,
    unmanagedAssets: unmanagedAssets(statements, query),
    changeRelated: changeRelated(statements, query),
    byBusinessService: byBusinessService(statements, query),
  };
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
