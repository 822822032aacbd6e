export { CHANGE_FORMATS, EVENT_FORMATS, isEventFormat, SECURITY_FORMATS } from './formats';
export type { EventFormat, SecurityFormat } from './formats';
export {
  AssetSchema,
  AssetStatusSchema,
  BusinessSchema,
  ChangeKindSchema,
  ChangeRecordSchema,
  ChangeSchema,
  ChangeSourceSchema,
  FindingSchema,
} from './changes';
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
  Asset,
  AssetStatus,
  Business,
  Change,
  ChangeRecord,
  ChangeSource,
  Finding,
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
