import type { z } from 'zod';
import { HttpError, quote } from '../http/errors';
import {
  correlatedParam,
  cursorParam,
  limitParam,
  minScoreParam,
  nameParam,
  oneOf,
  stepParam,
  timeParam,
} from './params';
import { IncidentSeveritySchema, IncidentStatusSchema, MetricKindSchema, SignalSourceSchema } from '@lockstep/contract';

/** Parameters shared by the routes; each route's query is a strict object built from these. */
export const rangeShape = {
  from: timeParam('Start of the range, inclusive. Omitted: no lower bound.').optional(),
  to: timeParam('End of the range, exclusive. Omitted: no upper bound.').optional(),
};

export const entityShape = {
  host: nameParam('Host name (`host.name`), exact.').optional(),
  container: nameParam('Container id; the 12-hex short id matches the full one.').optional(),
  service: nameParam('Service name (`service.name`), exact.').optional(),
  pod: nameParam('Kubernetes pod name (`k8s.pod.name`), exact.').optional(),
};

export const pageShape = { limit: limitParam, cursor: cursorParam.optional() };

export const metricParam = oneOf(MetricKindSchema, 'cpu or latency.');
export const statusParam = oneOf(IncidentStatusSchema, 'Incident status.');
export const severityParam = oneOf(IncidentSeveritySchema, 'Incident severity, exact.');
export const sourceParam = oneOf(SignalSourceSchema, 'The tool the signal came from.');
export { correlatedParam, minScoreParam, nameParam, stepParam };

/**
 * Validates a request's query string against a route's strict schema; the first problem becomes a 400 that
 * names the parameter. Unknown parameters are refused, so a typo never silently widens a query.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, raw: unknown): z.output<S> {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value))
      throw new HttpError(400, `Parameter ${quote(key)} is given ${value.length} times; give it once.`);
  }
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new HttpError(400, describeIssue(result.error.issues[0], Object.keys(schema.shape)));
  const query = result.data as z.output<S> & { from?: unknown; to?: unknown };
  if (typeof query.from === 'number' && typeof query.to === 'number' && query.to <= query.from) {
    throw new HttpError(400, "Parameter 'to' must be later than 'from'.");
  }
  return query;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, known: string[]): string {
  if (issue === undefined) return 'The query string is not valid.';
  if (issue.code === 'unrecognized_keys') {
    return `Unknown parameter ${quote(issue.keys[0])}; this route takes ${known.join(', ')}.`;
  }
  const name = typeof issue.path[0] === 'string' ? issue.path[0] : 'query';
  // With reportInput, a missing parameter is an issue without input, whatever its schema (string, enum).
  if (issue.input === undefined) return `Parameter '${name}' is required.`;
  const got = typeof issue.input === 'string' ? `; got ${quote(issue.input)}` : '';
  return `Parameter '${name}' ${issue.message}${got}.`;
}
