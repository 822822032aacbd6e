import { z } from 'zod';
import { BusinessSchema, ChangeSchema } from './changes';
import { SECURITY_FORMATS } from './formats';

/**
 * The wire contract between the correlator (service and `lockstep replay`) and everything that reads it
 * (the Grafana data source, alerting, acceptance checks). docs/design.md "Anomalies and incidents" is the
 * source of truth; keys that name OpenTelemetry attributes keep their dotted semantic-convention names.
 */

/** ISO-8601 instant with an explicit offset, e.g. `2026-11-23T03:12:00.000Z`. */
export const IsoTimeSchema = z.iso.datetime({ offset: true });

export const IncidentSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
/** Signals may also be purely informational (an exec record that only gives context). */
export const SignalSeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
/** Where a signal came from: one of the tools, or an OTLP log record. */
export const SignalSourceSchema = z.enum([...SECURITY_FORMATS, 'otlp']);
export const MetricKindSchema = z.enum(['cpu', 'latency']);
export const IncidentStatusSchema = z.enum(['open', 'resolved']);

export const EntitySchema = z.object({
  'host.name': z.string().min(1),
  'container.id': z.string().min(1).optional(),
  'k8s.namespace.name': z.string().min(1).optional(),
  'k8s.pod.name': z.string().min(1).optional(),
  'service.name': z.string().min(1).optional(),
});

/** What is known about a process; every field is optional because sources know different things. */
export const ProcessSchema = z.object({
  'process.pid': z.number().int().nonnegative().optional(),
  'process.parent_pid': z.number().int().nonnegative().optional(),
  'process.executable.name': z.string().optional(),
  'process.executable.path': z.string().optional(),
  'process.command_line': z.string().optional(),
  'process.owner': z.string().optional(),
  'process.creation.time': IsoTimeSchema.optional(),
  'container.id': z.string().optional(),
});

/**
 * How many instances of one executable in one lineage an entry stands for (a miner a watchdog restarts with a new
 * pid every minute, a pool of workers, the compilers of `make -j`); absent for a single process.
 */
const InstancesSchema = z
  .number()
  .int()
  .min(1)
  .optional()
  .meta({
    description:
      'How many instances of the same executable and lineage this entry stands for (a respawning process, a ' +
      'worker pool); the process fields are its representative instance. Absent for a single process.',
  });

/** The process a correlated incident names: a pid and a name are always known. */
export const CulpritSchema = ProcessSchema.extend({
  'process.pid': z.number().int().nonnegative(),
  'process.executable.name': z.string(),
  /** Names of the ancestors, nearest first (parent, grandparent, ...), where known. */
  'process.parent_chain': z.array(z.string()).optional(),
  /** The culprit is a group: the process fields are the instance the evidence names, else the largest. */
  instances: InstancesSchema,
});

export const ContributorSchema = z.object({
  /** The process, or for a group of instances its representative (the one evidence names, else the largest). */
  process: ProcessSchema,
  /** Share of the rise this process (or group) accounts for, 0..1. */
  share: z.number().min(0).max(1),
  instances: InstancesSchema,
});

export const IncidentSignalSchema = z.object({
  source: SignalSourceSchema,
  rule: z.string(),
  severity: SignalSeveritySchema,
  time: IsoTimeSchema,
  process: ProcessSchema.optional(),
  /** The account the signal is about (a login's user, sudo's caller, the account created), as the tool wrote it. */
  'user.name': z.string().optional(),
  /** The other end (ECS): an IP address, or the host name the tool printed; a login's client is the source. */
  'source.address': z.string().optional(),
  'source.port': z.number().int().min(0).max(65535).optional(),
  'destination.address': z.string().optional(),
  'destination.port': z.number().int().min(0).max(65535).optional(),
  /** Whether the attempt the signal reports succeeded (ECS `event.outcome`). */
  'event.outcome': z.enum(['success', 'failure']).optional(),
  /** How many repeats of this (source, rule, process) were folded into this entry. */
  count: z.number().int().positive().optional(),
  /** Time of the last folded repeat. */
  last_time: IsoTimeSchema.optional(),
  /** The tool's own human-readable text, untrusted. */
  output: z.string().optional(),
  /** How the signal was tied to the incident: process > lineage > container > host. */
  match: z.enum(['process', 'executable', 'lineage', 'container', 'host']).optional(),
});

export const SignalRecordSchema = IncidentSignalSchema.extend({
  id: z.string(),
  entity: EntitySchema.partial(),
});

export const AnomalySchema = z.object({
  type: z.literal('anomaly'),
  id: z.string(),
  entity: EntitySchema,
  metric: MetricKindSchema,
  start: IsoTimeSchema,
  end: IsoTimeSchema.nullable(),
  /** Robust baseline level before the spike (CPU: utilization 0..1 of the entity; latency: seconds). */
  baseline: z.number(),
  peak: z.number(),
  /** `1`: utilization fraction (host CPU), `cores`: cpu-seconds per second (container CPU), `s`: seconds (latency). */
  unit: z.enum(['1', 'cores', 's']).optional(),
  contributors: z.array(ContributorSchema),
  /** Changes on the entity shortly before the spike, newest first (absent when there were none). */
  changes: z.array(ChangeSchema).optional(),
});

export const SummarySchema = z.object({
  ops: z.string(),
  security: z.string(),
  business: z.string(),
});

export const IncidentSchema = z.object({
  type: z.literal('incident'),
  id: z.string(),
  status: IncidentStatusSchema,
  entity: EntitySchema,
  start: IsoTimeSchema,
  end: IsoTimeSchema.nullable(),
  anomalies: z.array(z.string()),
  score: z.number().min(0).max(1),
  severity: IncidentSeveritySchema,
  culprit: CulpritSchema.nullable(),
  signals: z.array(IncidentSignalSchema),
  /** Changes on the entity shortly before its spikes, newest first (absent when there were none). */
  changes: z.array(ChangeSchema).optional(),
  /** From the service catalogue: null when one is configured and no entry matches, absent without one. */
  business: BusinessSchema.nullable().optional(),
  summary: SummarySchema,
});
