import { listAssets } from './assets';
import { correlated, MAX_KPI_SERVICES, openCorrelated, RISK_WEIGHTS } from './kpis-open';
import type { RollupScope } from './rollups';
import type { StatementCache } from './statements';
import type { BusinessServiceKpi, KpiQuery, Kpis } from './store';
import { Where } from './where';

/** The risk weight of a row's severity, in SQL, from the one table of weights. */
const WEIGHT_SQL = `CASE severity ${Object.entries(RISK_WEIGHTS)
  .map(([severity, weight]) => `WHEN '${severity}' THEN ${weight}`)
  .join(' ')} ELSE 0 END`;

/** Assets seen in the range and how many are unmanaged, with their share in percent. */
export function unmanagedAssets(statements: StatementCache, query: KpiQuery): Kpis['unmanagedAssets'] {
  const list = listAssets(statements, { from: query.from, to: query.to, limit: 0, inventory: query.inventory });
  return {
    total: list.total,
    unmanaged: list.unmanaged,
    percent: list.total === 0 ? null : Math.round((list.unmanaged / list.total) * 1000) / 10,
  };
}

/**
 * Incidents (of any score) started in the range, and those that followed a change on their entity: the share is the
 * change failure rate as Lockstep sees it — a spike shortly after a deploy, a package upgrade, a configuration or
 * firewall change.
 */
export function changeRelated(
  statements: StatementCache,
  query: KpiQuery,
  rollup?: RollupScope,
): Kpis['changeRelated'] {
  if (rollup !== undefined) {
    const sums = statements
      .get(
        'SELECT coalesce(sum(started), 0) AS n, coalesce(sum(after_change), 0) AS after FROM incident_rollups ' +
          `WHERE ${rollup.scope} AND start_hour >= @from AND start_hour < @to`,
      )
      .get(rollup.params) as { n: number; after: number };
    return changeRate(sums.n, sums.after);
  }
  const where = new Where().entity(query);
  if (query.from !== undefined) where.add('start_ms >= @from', { from: query.from });
  if (query.to !== undefined) where.add('start_ms < @to', { to: query.to });
  const row = statements
    .get(
      "SELECT count(*) AS n, coalesce(sum(coalesce(json_array_length(body, '$.changes'), 0) > 0), 0) AS after " +
        `FROM incidents ${where.sql()}`,
    )
    .get(where.params) as { n: number; after: number };
  return changeRate(row.n, row.after);
}

const changeRate = (n: number, after: number): Kpis['changeRelated'] => ({
  incidents: n,
  afterChange: after,
  rate: n === 0 ? null : Math.round((after / n) * 1000) / 1000,
});

interface BusinessRow {
  biz_service: string | null;
  biz_name: string | null;
  biz_tier: number | null;
  incidents: number;
  open: number;
  risk: number;
  mttr: number | null;
}

/**
 * The same figures from the rollups (a range of whole hours; postgres/kpis.ts reads its own the same way):
 * correlated incidents overlapping the range by the hours they started and ended in, resolutions by the hour they
 * ended in, what is open and its risk from the open incidents themselves.
 */
function businessFromRollups(statements: StatementCache, query: KpiQuery, rollup: RollupScope): BusinessRow[] {
  const open = openCorrelated(query);
  const inRange = 'end_hour >= @from AND end_hour < @to';
  const keys = ['biz_service', 'biz_name', 'biz_tier'];
  return statements
    .get(
      'WITH roll AS (SELECT biz_service, biz_name, biz_tier, ' +
        'sum(CASE WHEN end_hour IS NULL OR end_hour >= @from THEN correlated ELSE 0 END) AS incidents, ' +
        `sum(CASE WHEN ${inRange} THEN resolved ELSE 0 END) AS resolved, ` +
        `sum(CASE WHEN ${inRange} THEN resolved_ms ELSE 0 END) AS resolved_ms FROM incident_rollups ` +
        `WHERE ${rollup.business} AND start_hour < @to GROUP BY biz_service, biz_name, biz_tier), ` +
        "opened AS (SELECT json_extract(body, '$.business.service') AS biz_service, json_extract(body, " +
        "'$.business.name') AS biz_name, json_extract(body, '$.business.tier') AS biz_tier, count(*) AS open, " +
        `sum(score * ${WEIGHT_SQL}) AS risk FROM incidents ${open.sql()} GROUP BY biz_service, biz_name, biz_tier) ` +
        'SELECT roll.biz_service AS biz_service, roll.biz_name AS biz_name, roll.biz_tier AS biz_tier, ' +
        'roll.incidents AS incidents, coalesce(opened.open, 0) AS open, coalesce(opened.risk, 0) AS risk, ' +
        'CASE WHEN roll.resolved = 0 THEN NULL ELSE 1.0 * roll.resolved_ms / roll.resolved END AS mttr ' +
        `FROM roll LEFT JOIN opened ON ${keys.map((k) => `roll.${k} IS opened.${k}`).join(' AND ')} ` +
        'WHERE roll.incidents > 0 ' +
        'ORDER BY risk DESC, open DESC, incidents DESC, roll.biz_service IS NULL, roll.biz_service LIMIT @services',
    )
    .all({ ...open.params, ...rollup.params, services: MAX_KPI_SERVICES }) as BusinessRow[];
}

/** Correlated incidents overlapping the range by the catalogue's business service, the riskiest first. */
export function byBusinessService(
  statements: StatementCache,
  query: KpiQuery,
  rollup?: RollupScope,
): BusinessServiceKpi[] {
  const rows =
    rollup === undefined ? businessFromIncidents(statements, query) : businessFromRollups(statements, query, rollup);
  return rows.map((row) => ({
    service: row.biz_service,
    name: row.biz_name,
    tier: typeof row.biz_tier === 'number' ? row.biz_tier : null,
    incidents: row.incidents,
    open: row.open,
    riskExposure: Math.round(row.risk * 1000) / 1000,
    meanTimeToResolveMs: row.mttr,
  }));
}

function businessFromIncidents(statements: StatementCache, query: KpiQuery): BusinessRow[] {
  const where = correlated(query).range(query, 'start_ms');
  const resolvedIn = ["status = 'resolved'", 'end_ms IS NOT NULL'];
  if (query.from !== undefined) resolvedIn.push('end_ms >= @from');
  if (query.to !== undefined) resolvedIn.push('end_ms < @to');
  return statements
    .get(
      // Aliases unlike the table's columns: GROUP BY would read `service` as incidents.service.
      "SELECT json_extract(body, '$.business.service') AS biz_service, json_extract(body, '$.business.name') AS " +
        "biz_name, json_extract(body, '$.business.tier') AS biz_tier, count(*) AS incidents, sum(status = 'open') AS open, " +
        `sum(CASE WHEN status = 'open' THEN score * ${WEIGHT_SQL} ELSE 0 END) AS risk, ` +
        `avg(CASE WHEN ${resolvedIn.join(' AND ')} THEN end_ms - start_ms END) AS mttr ` +
        `FROM incidents ${where.sql()} GROUP BY biz_service, biz_name, biz_tier ` +
        'ORDER BY risk DESC, open DESC, incidents DESC, biz_service IS NULL, biz_service LIMIT @services',
    )
    .all({ ...where.params, services: MAX_KPI_SERVICES }) as BusinessRow[];
}
