import type { z } from 'zod';
import { AnomalySchema, IncidentSchema, SignalRecordSchema } from './schemas';
import type { Anomaly, Incident, SignalRecord } from './types';

/** Errors as values at the boundary: callers decide whether a bad record is fatal. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Incidents with at least this score are "correlated" (alert rules use the same default). */
export const CORRELATED_SCORE = 0.5;

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describe(result.error) };
}

export function parseIncident(input: unknown): ParseResult<Incident> {
  return parseWith(IncidentSchema, input);
}

export function parseAnomaly(input: unknown): ParseResult<Anomaly> {
  return parseWith(AnomalySchema, input);
}

export function parseSignalRecord(input: unknown): ParseResult<SignalRecord> {
  return parseWith(SignalRecordSchema, input);
}

export function isCorrelated(incident: Pick<Incident, 'score'>): boolean {
  return incident.score >= CORRELATED_SCORE;
}
