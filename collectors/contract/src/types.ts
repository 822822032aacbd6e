import type { z } from 'zod';
import type {
  AssetSchema,
  AssetStatusSchema,
  BusinessSchema,
  ChangeRecordSchema,
  ChangeSchema,
  ChangeSourceSchema,
  FindingSchema,
} from './changes';
import type {
  AnomalySchema,
  ContributorSchema,
  CulpritSchema,
  EntitySchema,
  IncidentSchema,
  IncidentSeveritySchema,
  IncidentSignalSchema,
  MetricKindSchema,
  ProcessSchema,
  SignalRecordSchema,
  SignalSeveritySchema,
  SignalSourceSchema,
} from './schemas';

export type Entity = z.infer<typeof EntitySchema>;
export type ProcessInfo = z.infer<typeof ProcessSchema>;
export type Culprit = z.infer<typeof CulpritSchema>;
export type Contributor = z.infer<typeof ContributorSchema>;
export type IncidentSignal = z.infer<typeof IncidentSignalSchema>;
export type SignalRecord = z.infer<typeof SignalRecordSchema>;
export type Anomaly = z.infer<typeof AnomalySchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type IncidentSeverity = z.infer<typeof IncidentSeveritySchema>;
export type SignalSeverity = z.infer<typeof SignalSeveritySchema>;
export type SignalSource = z.infer<typeof SignalSourceSchema>;
export type MetricKind = z.infer<typeof MetricKindSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeRecord = z.infer<typeof ChangeRecordSchema>;
export type ChangeSource = z.infer<typeof ChangeSourceSchema>;
export type Business = z.infer<typeof BusinessSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Asset = z.infer<typeof AssetSchema>;
export type AssetStatus = z.infer<typeof AssetStatusSchema>;
