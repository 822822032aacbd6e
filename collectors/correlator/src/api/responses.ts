import { z } from 'zod';
import {
  AnomalySchema,
  EntitySchema,
  IncidentSchema,
  IncidentSeveritySchema,
  IsoTimeSchema,
  MetricKindSchema,
  SignalRecordSchema,
} from '@lockstep/contract';
import { MAX_KPI_SERVICES, RISK_WEIGHTS } from '../exporters/store/kpis';
import { AssetListSchema, ChangePageSchema, changeKpiShape, FindingPageSchema } from './change-responses';
import { pageOf } from './page-schema';

/** Response bodies: the handlers are typed against these, and the OpenAPI document is generated from them. */

const ErrorSchema = z.object({
  error: z.string().meta({ description: 'One sentence: what was wrong and, where it helps, what to do.' }),
});

export const IncidentPageSchema = pageOf(IncidentSchema);
export const AnomalyPageSchema = pageOf(AnomalySchema);
export const SignalPageSchema = pageOf(SignalRecordSchema);

export const TimelineSchema = z.object({
  entity: EntitySchema.meta({ description: "The series' entity, or the one asked for when no series is held." }),
  metric: MetricKindSchema,
  unit: z.enum(['1', 'cores', 's']).nullable().meta({
    description:
      '1: utilization 0..1, cores: CPU cores, s: seconds (mean request duration, or p95 without histogram sums); null when no series is held.',
  }),
  series: z
    .array(z.object({ time: IsoTimeSchema, value: z.number() }))
    .meta({ description: "Oldest first, from the engine's bounded in-memory window; empty after a restart." }),
  anomalies: z.array(AnomalySchema),
  incidents: z.array(IncidentSchema),
  signals: z.array(SignalRecordSchema),
  truncated: z.boolean().meta({ description: 'True when a marker list was cut at its cap: narrow the range.' }),
});

export const KpisSchema = z.object({
  openBySeverity: z
    .record(IncidentSeveritySchema, z.number().int().nonnegative())
    .meta({ description: 'Open correlated incidents (score >= 0.5) by severity.' }),
  meanTimeToResolveMs: z
    .number()
    .nonnegative()
    .nullable()
    .meta({ description: 'Mean time to resolve of correlated incidents resolved in the range; null when none.' }),
  incidentsOverTime: z
    .array(z.object({ time: IsoTimeSchema, count: z.number().int().nonnegative() }))
    .meta({ description: 'Correlated incidents started per step, oldest first, empty buckets included.' }),
  coverage: z
    .object({
      both: z.number().int().nonnegative(),
      metricsOnly: z.number().int().nonnegative(),
      signalsOnly: z.number().int().nonnegative(),
    })
    .meta({ description: 'Hosts seen in the range with operational telemetry, security signals, or both.' }),
  openByService: z.array(z.object({ service: z.string().nullable(), count: z.number().int().positive() })).meta({
    description:
      'Open correlated incidents by business service (`service.name`; null when the entity has none), most ' +
      `first, at most ${MAX_KPI_SERVICES} services.`,
  }),
  meanTimeToResolveOverTime: z
    .array(
      z.object({
        time: IsoTimeSchema,
        meanMs: z.number().nonnegative().nullable(),
        resolved: z.number().int().nonnegative(),
      }),
    )
    .meta({
      description:
        'Per step, by when incidents resolved: the mean time to resolve (ms) of the correlated incidents resolved in ' +
        'the bucket (null when none) and how many resolved. Oldest first, empty buckets included.',
    }),
  riskExposure: z
    .number()
    .nonnegative()
    .meta({
      description:
        'Risk exposure: the sum over open correlated incidents overlapping the range of severity weight × score, ' +
        `with weights ${Object.entries(RISK_WEIGHTS)
          .map(([severity, weight]) => `${severity} ${weight}`)
          .join(', ')} (each step doubles). 0 means nothing correlated is open; ` +
        'one critical incident scored 1 makes 8, one high incident scored 0.9 makes 3.6.',
    }),
  ...changeKpiShape,
});

export const EntityListSchema = z.object({
  items: z.array(z.string()).meta({ description: 'Distinct names, ascending.' }),
  truncated: z.boolean().meta({ description: 'True when more names exist past `limit`: narrow the query.' }),
});

/** Named in the OpenAPI document's components, so the document refers to them instead of repeating them. */
export const COMPONENTS: Record<string, z.ZodType> = {
  Error: ErrorSchema,
  Incident: IncidentSchema,
  Anomaly: AnomalySchema,
  SignalRecord: SignalRecordSchema,
  IncidentPage: IncidentPageSchema,
  AnomalyPage: AnomalyPageSchema,
  SignalPage: SignalPageSchema,
  Timeline: TimelineSchema,
  Kpis: KpisSchema,
  EntityList: EntityListSchema,
  ChangePage: ChangePageSchema,
  FindingPage: FindingPageSchema,
  AssetList: AssetListSchema,
};
