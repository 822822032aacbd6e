import { CORRELATED_SCORE } from '@lockstep/contract';
import type { IncidentSeverity } from '@lockstep/contract';
import type { Pool } from 'pg';
import { DEFAULT_KPI_STEP_MS, MAX_KPI_BUCKETS, MAX_KPI_SERVICES, RISK_WEIGHTS, TooManyBucketsError } from '../kpis';
import type { BusinessServiceKpi, KpiQuery, Kpis } from '../store';
import { listAssetsPg } from './changes';
import { Where } from '../where';
import { fromPgText } from './named';
import { queryRows } from './query';
import { rollupScope } from '../rollups';
import type { RollupScope } from '../rollups';

/**
 * ../kpis.ts, ../kpis-open.ts and ../kpis-trends.ts on PostgreSQL: the same figures from the same rows (the shared
 * store suite holds both to the same answers). The correlated threshold is spelled as a literal — a constant of
 * the contract, never input — so the planner can use the partial indexes built on it (postgres/migrations.ts),
 * and the independent aggregates run at once on the pool's connections.
 */
const SEVERITIES: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];
const CORRELATED = `score >= ${Number(CORRELATED_SCORE)}`;
const RESOLVED = "status = 'resolved' AND end_ms IS NOT NULL";

const correlated = (query: KpiQuery): Where => new Where().add(CORRELATED).entity(query);
const openCorrelated = (query: KpiQuery): Where => correlated(query).add("status = 'open'").range(query, 'start_ms');

export interface KpiOptions {
  /** Read the hourly rollups (./rollups.ts, ../rollups.ts) where the query allows; false reads the incidents alone (tests). */
  rollups?: boolean;
}

/** RollupScope rows of a scope, folded and not yet folded alike (./rollups.ts): the sums are the same either way. */
const rollupRows = (where: string): string =>
  `(SELECT * FROM (SELECT ${ROLLUP_COLUMNS} FROM incident_rollups WHERE ${where} UNION ALL ` +
  `SELECT ${ROLLUP_COLUMNS} FROM incident_rollup_deltas WHERE ${where}) AS u)`;
const ROLLUP_COLUMNS =
  'service, biz_service, biz_name, biz_tier, tier_type, start_hour, end_hour, started, after_change, correlated, ' +
  'resolved, resolved_ms';

export async function computeKpisPg(pool: Pool, query: KpiQuery, options: KpiOptions = {}): Promise<Kpis> {
  const rollup = options.rollups === false ? undefined : rollupScope(query);
  const [open, incidentsOverTime, coverage, openByService, resolved, assets, afterChange, business] = await Promise.all(
    [
      openBySeverity(pool, query),
      startedOverTime(pool, query, rollup?.byStep === true ? rollup : undefined),
      hostCoverage(pool, query),
      openServices(pool, query),
      resolvedOverTime(pool, query, rollup?.byStep === true ? rollup : undefined),
      unmanagedAssets(pool, query),
      changeRelated(pool, query, rollup),
      byBusinessService(pool, query, rollup),
    ],
  );
  return {
    openBySeverity: open.openBySeverity,
    meanTimeToResolveMs: resolved.meanMs,
    incidentsOverTime,
    coverage,
    openByService,
    meanTimeToResolveOverTime: resolved.buckets,
    riskExposure: open.riskExposure,
    unmanagedAssets: assets,
    changeRelated: afterChange,
    byBusinessService: business,
  };
}

/** As ../kpis-changes.ts: assets seen in the range and how many are unmanaged, with their share in percent. */
async function unmanagedAssets(pool: Pool, query: KpiQuery): Promise<Kpis['unmanagedAssets']> {
  const list = await listAssetsPg(pool, { from: query.from, to: query.to, limit: 0, inventory: query.inventory });
  return {
    total: list.total,
    unmanaged: list.unmanaged,
    percent: list.total === 0 ? null : Math.round((list.unmanaged / list.total) * 1000) / 10,
  };
}

/**
 * The body as json, for reading a field of it. PostgreSQL cannot turn a JSON escape of NUL or of half a surrogate
 * pair into text, and reading any field unescapes the whole document: a body holding one (a hostile host name)
 * is read with those escapes as U+FFFD. Escaped backslashes are set aside first (as U+0001, which JSON.stringify
 * never leaves raw), so a literal backslash followed by "u0000" stays as it is.
 */
const BODY_JSON =
  "(CASE WHEN body ~* '\\\\u(0000|d[89a-f])' THEN replace(regexp_replace(replace(body, '\\\\', chr(1)), " +
  "'\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\\\ufffd', 'g'), chr(1), '\\\\') ELSE body END)::json";

/** The risk weight of a row's severity, in SQL, from the one table of weights (constants, never input). */
const WEIGHT_SQL = `CASE severity ${Object.entries(RISK_WEIGHTS)
  .map(([severity, weight]) => `WHEN '${severity}' THEN ${Number(weight)}`)
  .join(' ')} ELSE 0 END`;

/** As ../kpis-changes.ts: incidents (of any score) started in the range, and those that followed a change. */
async function changeRelated(pool: Pool, query: KpiQuery, rollup?: RollupScope): Promise<Kpis['changeRelated']> {
  if (rollup !== undefined) {
    const [row] = await queryRows<{ n: number | null; after: number | null }>(
      pool,
      'SELECT sum(started)::bigint AS n, sum(after_change)::bigint AS after FROM ' +
        `${rollupRows(`${rollup.scope} AND start_hour >= @from AND start_hour < @to`)} AS r`,
      rollup.params,
    );
    return changeRate(row?.n ?? 0, row?.after ?? 0);
  }
  const where = new Where().entity(query);
  if (query.from !== undefined) where.add('start_ms >= @from', { from: query.from });
  if (query.to !== undefined) where.add('start_ms < @to', { to: query.to });
  const [row] = await queryRows<{ n: number; after: number }>(
    pool,
    'SELECT count(*) AS n, count(*) FILTER (WHERE body LIKE \'%"changes":[{%\' AND ' +
      `coalesce(json_array_length(${BODY_JSON} -> 'changes'), 0) > 0) AS after FROM incidents ${where.sql()}`,
    where.params,
  );
  return changeRate(row?.n ?? 0, row?.after ?? 0);
}

const changeRate = (n: number, after: number): Kpis['changeRelated'] => ({
  incidents: n,
  afterChange: after,
  rate: n === 0 ? null : Math.round((after / n) * 1000) / 1000,
});

/** As ../kpis-changes.ts: correlated incidents overlapping the range by business service, the riskiest first. */
async function byBusinessService(pool: Pool, query: KpiQuery, rollup?: RollupScope): Promise<BusinessServiceKpi[]> {
  if (rollup !== undefined) return businessFromRollups(pool, query, rollup);
  const where = correlated(query).range(query, 'start_ms');
  const resolvedIn = ["status = 'resolved'", 'end_ms IS NOT NULL'];
  if (query.from !== undefined) resolvedIn.push('end_ms >= @from');
  if (query.to !== undefined) resolvedIn.push('end_ms < @to');
  const resolved = resolvedIn.join(' AND ');
  const service = "(biz ->> 'service')";
  const grouped = `${service}, biz ->> 'name', biz ->> 'tier', json_typeof(biz -> 'tier')`;
  const rows = await queryRows<BusinessRow>(
    pool,
    // The business fields are read only from bodies that name one; the others group under null without parsing.
    `SELECT ${service} AS biz_service, biz ->> 'name' AS biz_name, biz ->> 'tier' AS biz_tier, ` +
      "json_typeof(biz -> 'tier') AS tier_type, count(*) AS incidents, count(*) FILTER (WHERE status = 'open') AS open, " +
      `coalesce(sum(CASE WHEN status = 'open' THEN score * ${WEIGHT_SQL} ELSE 0 END), 0) AS risk, ` +
      `sum(end_ms - start_ms) FILTER (WHERE ${resolved}) AS resolved_ms, count(*) FILTER (WHERE ${resolved}) AS resolved ` +
      `FROM (SELECT status, severity, score, start_ms, end_ms, ${BUSINESS} AS biz ` +
      `FROM incidents ${where.sql()}) AS r GROUP BY ${grouped} ` +
      `ORDER BY risk DESC, open DESC, incidents DESC, ${service} IS NULL, ${service} COLLATE "C" LIMIT @services`,
    { ...where.params, services: MAX_KPI_SERVICES },
  );
  return rows.map(businessKpi);
}

interface BusinessRow {
  biz_service: string | null;
  biz_name: string | null;
  biz_tier: string | null;
  tier_type: string | null;
  incidents: number;
  open: number;
  risk: number;
  resolved_ms: number | null;
  resolved: number;
}

const BUSINESS = `CASE WHEN body LIKE '%"business":{%' THEN ${BODY_JSON} -> 'business' END`;
const BUSINESS_ORDER = 'ORDER BY risk DESC, open DESC, incidents DESC, biz_service IS NULL, biz_service COLLATE "C"';

/**
 * The same figures from the rollups (a range of whole hours): correlated incidents overlapping the range are
 * those started before its end less those ended before its start (by the hours they started and ended in, which
 * the range's whole hours decide exactly), resolutions by the hour they ended in; what is open, and the risk it
 * makes, from the open incidents themselves (few, through their own index).
 */
async function businessFromRollups(pool: Pool, query: KpiQuery, rollup: RollupScope): Promise<BusinessServiceKpi[]> {
  const open = openCorrelated(query);
  const keys = ['biz_service', 'biz_name', 'biz_tier', 'tier_type'];
  const inRange = 'end_hour >= @from AND end_hour < @to';
  const rows = await queryRows<BusinessRow>(
    pool,
    'WITH roll AS (SELECT biz_service, biz_name, biz_tier, tier_type, ' +
      'coalesce(sum(correlated) FILTER (WHERE end_hour IS NULL OR end_hour >= @from), 0)::bigint AS incidents, ' +
      `coalesce(sum(resolved) FILTER (WHERE ${inRange}), 0)::bigint AS resolved, ` +
      `sum(resolved_ms) FILTER (WHERE ${inRange})::bigint AS resolved_ms ` +
      `FROM ${rollupRows(`${rollup.business} AND start_hour < @to`)} AS r GROUP BY 1, 2, 3, 4), ` +
      "opened AS (SELECT biz ->> 'service' AS biz_service, biz ->> 'name' AS biz_name, biz ->> 'tier' AS biz_tier, " +
      `json_typeof(biz -> 'tier') AS tier_type, count(*) AS open, sum(score * ${WEIGHT_SQL}) AS risk ` +
      `FROM (SELECT severity, score, ${BUSINESS} AS biz FROM incidents ${open.sql()}) AS o GROUP BY 1, 2, 3, 4) ` +
      'SELECT roll.biz_service, roll.biz_name, roll.biz_tier, roll.tier_type, roll.incidents, ' +
      'coalesce(opened.open, 0) AS open, coalesce(opened.risk, 0) AS risk, roll.resolved_ms, roll.resolved ' +
      `FROM roll LEFT JOIN opened ON ${keys.map((k) => `roll.${k} IS NOT DISTINCT FROM opened.${k}`).join(' AND ')} ` +
      `WHERE roll.incidents > 0 ${BUSINESS_ORDER.replaceAll('biz_service', 'roll.biz_service')} LIMIT @services`,
    {
      ...open.params,
      ...rollup.params,
      from: query.from as number,
      to: query.to as number,
      services: MAX_KPI_SERVICES,
    },
  );
  return rows.map(businessKpi);
}

function businessKpi(row: BusinessRow): BusinessServiceKpi {
  return {
    service: row.biz_service,
    name: row.biz_name,
    tier: row.tier_type === 'number' && row.biz_tier !== null ? Number(row.biz_tier) : null,
    incidents: row.incidents,
    open: row.open,
    riskExposure: Math.round(row.risk * 1000) / 1000,
    // Sums of whole milliseconds are exact in a double: sum / count is SQLite's avg(), to the last bit.
    meanTimeToResolveMs: row.resolved === 0 || row.resolved_ms === null ? null : row.resolved_ms / row.resolved,
  };
}

async function openBySeverity(pool: Pool, query: KpiQuery): Promise<Pick<Kpis, 'openBySeverity' | 'riskExposure'>> {
  const where = openCorrelated(query);
  const rows = await queryRows<{ severity: IncidentSeverity; n: number; scores: number }>(
    pool,
    `SELECT severity, count(*) AS n, sum(score) AS scores FROM incidents ${where.sql()} GROUP BY severity`,
    where.params,
  );
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
  let risk = 0;
  for (const row of rows) {
    if (!(row.severity in counts)) continue;
    counts[row.severity] = row.n;
    risk += RISK_WEIGHTS[row.severity] * row.scores;
  }
  return { openBySeverity: counts, riskExposure: Math.round(risk * 1000) / 1000 };
}

async function openServices(pool: Pool, query: KpiQuery): Promise<Kpis['openByService']> {
  const where = openCorrelated(query);
  const rows = await queryRows<{ service: string | null; n: number }>(
    pool,
    `SELECT service, count(*) AS n FROM incidents ${where.sql()} GROUP BY service ` +
      'ORDER BY n DESC, service IS NULL, service LIMIT @services',
    { ...where.params, services: MAX_KPI_SERVICES },
  );
  return rows.map((row) => ({ service: row.service === null ? null : fromPgText(row.service), count: row.n }));
}

async function hostCoverage(pool: Pool, query: KpiQuery): Promise<Kpis['coverage']> {
  const where = new Where();
  if (query.host !== undefined) where.add('host = @host', { host: query.host });
  if (query.container !== undefined) where.add('container = @container', { container: query.container });
  if (query.service !== undefined) where.add('service = @service', { service: query.service });
  if (query.to !== undefined) where.add('first_ms < @to', { to: query.to });
  if (query.from !== undefined) where.add('last_ms >= @from', { from: query.from });
  const rows = await queryRows<Kpis['coverage']>(
    pool,
    'SELECT count(*) FILTER (WHERE m AND s) AS "both", count(*) FILTER (WHERE m AND NOT s) AS "metricsOnly", ' +
      'count(*) FILTER (WHERE s AND NOT m) AS "signalsOnly" FROM (' +
      "SELECT host, bool_or(kind = 'metrics') AS m, bool_or(kind = 'signals') AS s " +
      `FROM entities_seen ${where.sql()} GROUP BY host) AS hosts`,
    where.params,
  );
  const row = rows[0];
  return { both: row?.both ?? 0, metricsOnly: row?.metricsOnly ?? 0, signalsOnly: row?.signalsOnly ?? 0 };
}

interface Grid {
  from: number;
  to: number;
  step: number;
  buckets: number;
}

/** As ../kpis-trends.ts: the range asked for, else the data's extent aligned to the step. */
async function grid(pool: Pool, query: KpiQuery, column: string, extra?: string): Promise<Grid | undefined> {
  const step = query.stepMs ?? DEFAULT_KPI_STEP_MS;
  let from = query.from;
  let to = query.to;
  if (from === undefined || to === undefined) {
    const extent = extra === undefined ? correlated(query) : correlated(query).add(extra);
    const [bounds] = await queryRows<{ first: number | null; last: number | null }>(
      pool,
      `SELECT min(${column}) AS first, max(${column}) AS last FROM incidents ${extent.sql()}`,
      extent.params,
    );
    from ??= bounds?.first == null ? undefined : Math.floor(bounds.first / step) * step;
    to ??= bounds?.last == null ? undefined : bounds.last + 1;
  }
  if (from === undefined || to === undefined || to <= from) return undefined;
  const buckets = Math.ceil((to - from) / step);
  if (buckets > MAX_KPI_BUCKETS) throw new TooManyBucketsError(buckets);
  return { from, to, step, buckets };
}

const bucketTime = (g: Grid, i: number): string => new Date(g.from + i * g.step).toISOString();

async function startedOverTime(pool: Pool, query: KpiQuery, rollup?: RollupScope): Promise<Kpis['incidentsOverTime']> {
  const g = await grid(pool, query, 'start_ms');
  if (g === undefined) return [];
  const where = correlated(query).add('start_ms >= @from AND start_ms < @to', { from: g.from, to: g.to });
  const rows = await queryRows<{ bucket: number; n: number }>(
    pool,
    rollup === undefined
      ? `SELECT (start_ms - @from) / @step AS bucket, count(*) AS n FROM incidents ${where.sql()} GROUP BY bucket`
      : 'SELECT (start_hour - @from) / @step AS bucket, sum(correlated)::bigint AS n FROM ' +
          `${rollupRows(`${rollup.scope} AND start_hour >= @from AND start_hour < @to`)} AS r GROUP BY bucket`,
    rollup === undefined
      ? { ...where.params, step: g.step }
      : { ...rollup.params, from: g.from, to: g.to, step: g.step },
  );
  const counts = new Array<number>(g.buckets).fill(0);
  for (const row of rows) counts[row.bucket] = row.n;
  return counts.map((count, i) => ({ time: bucketTime(g, i), count }));
}

/**
 * Time to resolve per bucket, and over the whole range from the same rows: the grid spans exactly the incidents
 * resolved in [from, to) (or all of them, when the range is open), so one scan gives both. Sums of whole
 * milliseconds are exact in a double, so sum / count is the mean SQLite's avg() gives, to the last bit.
 */
async function resolvedOverTime(
  pool: Pool,
  query: KpiQuery,
  rollup?: RollupScope,
): Promise<{ meanMs: number | null; buckets: Kpis['meanTimeToResolveOverTime'] }> {
  const g = await grid(pool, query, 'end_ms', RESOLVED);
  if (g === undefined) return { meanMs: null, buckets: [] };
  const where = correlated(query).add(RESOLVED).add('end_ms >= @from AND end_ms < @to', { from: g.from, to: g.to });
  const rows = await queryRows<{ bucket: number; total: number; n: number }>(
    pool,
    rollup === undefined
      ? 'SELECT (end_ms - @from) / @step AS bucket, sum(end_ms - start_ms) AS total, count(*) AS n ' +
          `FROM incidents ${where.sql()} GROUP BY bucket`
      : 'SELECT (end_hour - @from) / @step AS bucket, sum(resolved_ms)::bigint AS total, sum(resolved)::bigint AS n ' +
          `FROM ${rollupRows(`${rollup.scope} AND end_hour >= @from AND end_hour < @to`)} AS r ` +
          'GROUP BY bucket HAVING sum(resolved) <> 0',
    rollup === undefined
      ? { ...where.params, step: g.step }
      : { ...rollup.params, from: g.from, to: g.to, step: g.step },
  );
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  let total = 0;
  let count = 0;
  for (const row of rows) {
    total += row.total;
    count += row.n;
  }
  const buckets = Array.from({ length: g.buckets }, (_, i) => {
    const row = byBucket.get(i);
    return { time: bucketTime(g, i), meanMs: row === undefined ? null : row.total / row.n, resolved: row?.n ?? 0 };
  });
  return { meanMs: count === 0 ? null : total / count, buckets };
}
