import { DEFAULT_KPI_STEP_MS } from './kpis-trends';
import type { KpiQuery } from './store';

/**
 * Hourly rollups of the incidents for the KPIs, on SQLite: the same rows and meaning as PostgreSQL's
 * (postgres/rollups.ts) — per hour an incident started in and hour it ended in, by scope (0 every incident, 1 by
 * business service, 2 by service and business service), the sums the KPIs are made of — kept by row triggers on
 * `incidents`. SQLite has one writer, so the triggers update the rollup rows in place (no deltas to fold). A key
 * part that is NULL is indexed as an empty BLOB, which no name (TEXT) and no JSON value can equal.
 */
export const ROLLUP_HOUR_MS = 3_600_000;

/**
 * Where the rollups answer exactly, on either store: a range of whole hours (and, for the figures per step, a
 * step of whole hours), and no narrower entity than a service (a host, a container or a pod is read from the
 * incidents, through their own indexes). `scope` picks the rollup rows for the incidents' own figures, `business`
 * those kept apart by business service.
 */
export interface RollupScope {
  scope: string;
  business: string;
  /** The step is whole hours too: the figures per step can be read from the rollups. */
  byStep: boolean;
  params: Record<string, string | number>;
}

export function rollupScope(query: KpiQuery): RollupScope | undefined {
  const { from, to } = query;
  const byStep = (query.stepMs ?? DEFAULT_KPI_STEP_MS) % ROLLUP_HOUR_MS === 0;
  if (from === undefined || to === undefined || to <= from) return undefined;
  if (from % ROLLUP_HOUR_MS !== 0 || to % ROLLUP_HOUR_MS !== 0) return undefined;
  if (query.host !== undefined || query.container !== undefined || query.pod !== undefined) return undefined;
  const params = { from, to };
  // Scopes 0 and 1 keep no service: saying so lets the indexes on (scope, service, hour) range over the hours.
  if (query.service === undefined) {
    return { scope: 'scope = 0 AND service IS NULL', business: 'scope = 1 AND service IS NULL', byStep, params };
  }
  const scope = 'scope = 2 AND service = @service';
  return { scope, business: scope, byStep, params: { ...params, service: query.service } };
}

const KEY_INDEX =
  "scope, coalesce(service, x''), coalesce(biz_service, x''), coalesce(biz_name, x''), coalesce(biz_tier, x''), " +
  "start_hour, coalesce(end_hour, x'')";

const hour = (ms: string): string =>
  `(${ms} - (((${ms} % ${ROLLUP_HOUR_MS}) + ${ROLLUP_HOUR_MS}) % ${ROLLUP_HOUR_MS}))`;

/** Adds `sign` times one incident row (`row`: NEW or OLD) to its rollup rows, as ./kpis*.ts count it. */
function apply(row: string, sign: number): string {
  const correlated = `${row}.score >= 0.5`;
  const resolved = `${correlated} AND ${row}.status = 'resolved' AND ${row}.end_ms IS NOT NULL`;
  return (
    'INSERT INTO incident_rollups (scope, service, biz_service, biz_name, biz_tier, start_hour, end_hour, started, ' +
    'after_change, correlated, resolved, resolved_ms) ' +
    'SELECT s.scope, CASE WHEN s.scope = 2 THEN r.service END, CASE WHEN s.scope > 0 THEN r.biz_service END, ' +
    'CASE WHEN s.scope > 0 THEN r.biz_name END, CASE WHEN s.scope > 0 THEN r.biz_tier END, r.start_hour, ' +
    `r.end_hour, ${sign}, ${sign} * r.after_change, ${sign} * r.correlated, ${sign} * r.resolved, ` +
    `${sign} * r.resolved_ms FROM (SELECT ${row}.service AS service, ` +
    `json_extract(${row}.body, '$.business.service') AS biz_service, ` +
    `json_extract(${row}.body, '$.business.name') AS biz_name, json_extract(${row}.body, '$.business.tier') AS biz_tier, ` +
    `${hour(`${row}.start_ms`)} AS start_hour, ` +
    `CASE WHEN ${row}.end_ms IS NOT NULL THEN ${hour(`${row}.end_ms`)} END AS end_hour, ` +
    `coalesce(json_array_length(${row}.body, '$.changes'), 0) > 0 AS after_change, ` +
    `${correlated} AS correlated, ${resolved} AS resolved, ` +
    `CASE WHEN ${resolved} THEN ${row}.end_ms - ${row}.start_ms ELSE 0 END AS resolved_ms) AS r ` +
    'CROSS JOIN (SELECT 0 AS scope UNION ALL SELECT 1 UNION ALL SELECT 2) AS s WHERE true ' +
    `ON CONFLICT (${KEY_INDEX}) DO UPDATE SET started = started + excluded.started, ` +
    'after_change = after_change + excluded.after_change, correlated = correlated + excluded.correlated, ' +
    'resolved = resolved + excluded.resolved, resolved_ms = resolved_ms + excluded.resolved_ms;'
  );
}

/** Migration 5 (./migrations.ts). Business fields keep the type JSON gave them (no column affinity), as they group. */
export const SQLITE_ROLLUPS_MIGRATION = `
  CREATE TABLE incident_rollups (
    scope INTEGER NOT NULL,
    service TEXT,
    biz_service,
    biz_name,
    biz_tier,
    start_hour INTEGER NOT NULL,
    end_hour INTEGER,
    started INTEGER NOT NULL,
    after_change INTEGER NOT NULL,
    correlated INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    resolved_ms INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX incident_rollups_key ON incident_rollups (${KEY_INDEX});
  CREATE INDEX incident_rollups_by_end ON incident_rollups (scope, service, end_hour);
  CREATE TRIGGER incidents_rollup_insert AFTER INSERT ON incidents BEGIN ${apply('NEW', 1)} END;
  CREATE TRIGGER incidents_rollup_update AFTER UPDATE ON incidents BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)} END;
  CREATE TRIGGER incidents_rollup_delete AFTER DELETE ON incidents BEGIN ${apply('OLD', -1)} END;
  INSERT INTO incident_rollups (scope, service, biz_service, biz_name, biz_tier, start_hour, end_hour, started,
    after_change, correlated, resolved, resolved_ms)
  SELECT s.scope, CASE WHEN s.scope = 2 THEN r.service END, CASE WHEN s.scope > 0 THEN r.biz_service END,
    CASE WHEN s.scope > 0 THEN r.biz_name END, CASE WHEN s.scope > 0 THEN r.biz_tier END, r.start_hour, r.end_hour,
    count(*), sum(r.after_change), sum(r.correlated), sum(r.resolved), sum(r.resolved_ms)
  FROM (SELECT service, json_extract(body, '$.business.service') AS biz_service,
      json_extract(body, '$.business.name') AS biz_name, json_extract(body, '$.business.tier') AS biz_tier,
      ${hour('start_ms')} AS start_hour, CASE WHEN end_ms IS NOT NULL THEN ${hour('end_ms')} END AS end_hour,
      coalesce(json_array_length(body, '$.changes'), 0) > 0 AS after_change, score >= 0.5 AS correlated,
      (score >= 0.5 AND status = 'resolved' AND end_ms IS NOT NULL) AS resolved,
      CASE WHEN score >= 0.5 AND status = 'resolved' AND end_ms IS NOT NULL THEN end_ms - start_ms ELSE 0 END
        AS resolved_ms
    FROM incidents) AS r CROSS JOIN (SELECT 0 AS scope UNION ALL SELECT 1 UNION ALL SELECT 2) AS s
  GROUP BY s.scope, 2, 3, 4, 5, r.start_hour, r.end_hour;
`;

/** Rollup rows whose incidents are all gone (retention, an incident moved to another hour) count nothing. */
export const DROP_EMPTY_ROLLUPS =
  'DELETE FROM incident_rollups WHERE started = 0 AND after_change = 0 AND correlated = 0 AND resolved = 0 AND ' +
  'resolved_ms = 0';
