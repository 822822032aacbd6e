import { CORRELATED_SCORE } from '@lockstep/contract';
import type { IncidentSeverity } from '@lockstep/contract';
import type { StatementCache } from './statements';
import type { KpiQuery, Kpis } from './store';
import { Where } from './where';

const SEVERITIES: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Risk exposure weights: each severity step doubles the weight, so one critical incident weighs as much as two
 * high ones. The figure is Σ weight × score over open correlated incidents: a unit-less number that rises with
 * how many incidents are open, how severe they are and how sure the correlation is.
 */
export const RISK_WEIGHTS: Readonly<Record<IncidentSeverity, number>> = { low: 1, medium: 2, high: 4, critical: 8 };
/** Services listed by `openByService`: more than a bar chart can show; the most affected come first. */
export const MAX_KPI_SERVICES = 100;

/** Correlated incidents (score >= 0.5) on the entity. */
export function correlated(query: KpiQuery): Where {
  return new Where().add('score >= @minScore', { minScore: CORRELATED_SCORE }).entity(query);
}

export function openCorrelated(query: KpiQuery): Where {
  return correlated(query).add("status = 'open'").range(query, 'start_ms');
}

/** Open correlated incidents overlapping the range, by severity, and the risk exposure they make. */
export function openBySeverity(
  statements: StatementCache,
  query: KpiQuery,
): Pick<Kpis, 'openBySeverity' | 'riskExposure'> {
  const where = openCorrelated(query);
  const rows = statements
    .get(`SELECT severity, count(*) AS n, sum(score) AS scores FROM incidents ${where.sql()} GROUP BY severity`)
    .all(where.params) as { severity: IncidentSeverity; n: number; scores: number }[];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<IncidentSeverity, number>;
  let risk = 0;
  for (const row of rows) {
    if (!(row.severity in counts)) continue;
    counts[row.severity] = row.n;
    risk += RISK_WEIGHTS[row.severity] * row.scores;
  }
  // Scores are fractions: round away float noise (0.1 + 0.2) so equal inputs read as equal figures.
  return { openBySeverity: counts, riskExposure: Math.round(risk * 1000) / 1000 };
}

/** Open correlated incidents overlapping the range, by `service.name` (null when the entity has none). */
export function openByService(statements: StatementCache, query: KpiQuery): Kpis['openByService'] {
  const where = openCorrelated(query);
  const rows = statements
    .get(
      `SELECT service, count(*) AS n FROM incidents ${where.sql()} GROUP BY service ` +
        'ORDER BY n DESC, service IS NULL, service LIMIT @services',
    )
    .all({ ...where.params, services: MAX_KPI_SERVICES }) as { service: string | null; n: number }[];
  return rows.map((row) => ({ service: row.service, count: row.n }));
}
