import type { StatementCache } from './statements';
import type { KpiQuery, Kpis } from './store';
import { correlated, openBySeverity, openByService } from './kpis-open';
import { byBusinessService, changeRelated, unmanagedAssets } from './kpis-changes';
import { incidentsOverTime, meanTimeToResolveOverTime } from './kpis-trends';
import { rollupScope } from './rollups';
import type { RollupScope } from './rollups';
import { Where } from './where';

export { MAX_KPI_SERVICES, RISK_WEIGHTS } from './kpis-open';
export { DEFAULT_KPI_STEP_MS, MAX_KPI_BUCKETS, TooManyBucketsError } from './kpis-trends';

export interface KpiOptions {
  /** Read the hourly rollups (./rollups.ts) where the query allows; false reads the incidents alone (tests). */
  rollups?: boolean;
}

export function computeKpis(statements: StatementCache, query: KpiQuery, options: KpiOptions = {}): Kpis {
  const rollup = options.rollups === false ? undefined : rollupScope(query);
  const byStep = rollup?.byStep === true ? rollup : undefined;
  const open = openBySeverity(statements, query);
  return {
    openBySeverity: open.openBySeverity,
    meanTimeToResolveMs: meanTimeToResolve(statements, query, rollup),
    incidentsOverTime: incidentsOverTime(statements, query, byStep),
    coverage: coverage(statements, query),
    openByService: openByService(statements, query),
    meanTimeToResolveOverTime: meanTimeToResolveOverTime(statements, query, byStep),
    riskExposure: open.riskExposure,
    unmanagedAssets: unmanagedAssets(statements, query),
    changeRelated: changeRelated(statements, query, rollup),
    byBusinessService: byBusinessService(statements, query, rollup),
  };
}

/** Over correlated incidents that resolved within the range: end - start. */
function meanTimeToResolve(statements: StatementCache, query: KpiQuery, rollup?: RollupScope): number | null {
  if (rollup !== undefined) {
    // Sums of whole milliseconds are exact: total / count is avg(), to the last bit.
    const sums = statements
      .get(
        'SELECT sum(resolved_ms) AS total, sum(resolved) AS n FROM incident_rollups ' +
          `WHERE ${rollup.scope} AND end_hour >= @from AND end_hour < @to`,
      )
      .get(rollup.params) as { total: number | null; n: number | null };
    return sums.n === null || sums.n === 0 || sums.total === null ? null : sums.total / sums.n;
  }
  // `+status`: kept off the status index (nearly every incident is resolved), as in ./kpis-trends.ts.
  const where = correlated(query).add("+status = 'resolved'").add('end_ms IS NOT NULL');
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
