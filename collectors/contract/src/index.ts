export { EVENT_FORMATS, isEventFormat } from './formats';
export type { EventFormat } from './formats';
export {
  AnomalySchema,
  ContributorSchema,
  CulpritSchema,
  EntitySchema,
  IncidentSchema,
  IncidentSeveritySchema,
  IncidentSignalSchema,
  IncidentStatusSchema,
  IsoTimeSchema,
  MetricKindSchema,
  ProcessSchema,
  SignalRecordSchema,
  SignalSeveritySchema,
  SignalSourceSchema,
  SummarySchema,
} from './schemas';
export type {
  Anomaly,
  Contributor,
  Culprit,
  Entity,
  Incident,
  IncidentSeverity,
  IncidentSignal,
  MetricKind,
  ProcessInfo,
  SignalRecord,
  SignalSeverity,
  SignalSource,
} from './types';
export { CORRELATED_SCORE, isCorrelated, parseAnomaly, parseIncident, parseSignalRecord } from './validate';
export type { ParseResult } from './validate';
