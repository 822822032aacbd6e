import { z } from 'zod';
import { CHANGE_FORMATS } from './formats';

/**
 * What changed on an entity (deploys, packages, configuration, firewall and access changes), the business terms of
 * the service catalogue, the temporary changes still open, and the asset inventory. docs/design.md "Change events",
 * "Service catalogue" and "Assets" are the source of truth.
 */

const IsoTime = z.iso.datetime({ offset: true });

/** Where a change was read: a change tool's file, an auditd record, an OTLP log record, a Kubernetes event. */
export const ChangeSourceSchema = z.enum([...CHANGE_FORMATS, 'auditd', 'otlp', 'k8s']);

/**
 * The kinds Lockstep reads and names (`deploy`, `package`, `config`, `firewall`, `access`); change JSON may carry
 * others (a word, such as `restart` or `scale`), kept as given.
 */
export const ChangeKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/)
  .meta({
    description:
      'deploy, package, config, firewall or access for what Lockstep reads itself; change JSON may name others.',
  });

/** One change as anomalies and incidents list it (the changes on their entity shortly before the spike). */
export const ChangeSchema = z.object({
  time: IsoTime,
  kind: ChangeKindSchema,
  /** What changed, in one line (untrusted text from the source). */
  summary: z.string(),
  source: ChangeSourceSchema,
  /** The source's own id (a deployment id, a change JSON id), else one derived from the content. */
  id: z.string().optional(),
  /** Who made it: a user, a CI system, a controller. */
  actor: z.string().optional(),
});

/** A change as `GET /api/v1/changes` lists it: with where it happened and what it undoes. */
export const ChangeRecordSchema = ChangeSchema.extend({
  id: z.string(),
  entity: z.object({
    'host.name': z.string().optional(),
    'container.id': z.string().optional(),
    'service.name': z.string().optional(),
    'k8s.namespace.name': z.string().optional(),
    'k8s.pod.name': z.string().optional(),
  }),
  /** The id of the change this one undoes. */
  reverts: z.string().optional(),
  /** Firewall and access changes are temporary until reverted: set when Lockstep tracks this one. */
  temporary: z.boolean().optional(),
});

/** What the service catalogue says the entity means to the business. */
export const BusinessSchema = z.object({
  /** The catalogue entry's service key. */
  service: z.string(),
  name: z.string(),
  /** 1 = most critical. */
  tier: z.number().int().positive().optional(),
  owner: z.string().optional(),
  data_classes: z.array(z.string()).optional(),
  /** Currency units lost per hour of degradation. */
  cost_per_hour: z.number().nonnegative().optional(),
  /** cost_per_hour × the incident's duration so far (or in all, once resolved), rounded to whole units. */
  estimated_cost: z.number().nonnegative().optional(),
});

/** A firewall or access change not reverted within the configured window: an open finding on that asset. */
export const FindingSchema = z.object({
  type: z.literal('finding'),
  id: z.string(),
  kind: z.literal('temporary-change'),
  status: z.enum(['open', 'closed']),
  /** The host (or service, or container) the change was made on. */
  asset: z.object({ kind: z.enum(['host', 'container', 'service']), name: z.string() }),
  change: ChangeRecordSchema,
  /** When the window passed without a revert (the finding opened). */
  opened: IsoTime,
  /** When a revert arrived after the window, closing it; null while open. */
  closed: IsoTime.nullable(),
  window_ms: z.number().int().positive(),
  summary: z.string(),
});

/**
 * `managed`: both sides see it. `metrics-only` / `signals-only`: one side only. `metrics-silent` / `signals-silent`:
 * that side stopped while the other goes on. `changes-only`: only change events name it.
 */
export const AssetStatusSchema = z.enum([
  'managed',
  'metrics-only',
  'signals-only',
  'metrics-silent',
  'signals-silent',
  'changes-only',
]);

const SeenSchema = z.object({ first: IsoTime, last: IsoTime });

/** One host, container or service and who sees it: the asset inventory. */
export const AssetSchema = z.object({
  kind: z.enum(['host', 'container', 'service']),
  name: z.string(),
  /** The host a container or service was seen on (the first, for a service seen on several). */
  host: z.string().optional(),
  /** First and last seen per kind of telemetry in the range; absent: never seen by that kind. */
  seen: z.object({
    metrics: SeenSchema.optional(),
    signals: SeenSchema.optional(),
    changes: SeenSchema.optional(),
  }),
  /** False when only one side (operations: metrics; security: signals) sees it, or one side went silent. */
  managed: z.boolean(),
  /** The verdict as a word, for filters and alert labels. */
  status: AssetStatusSchema,
  /** Why, in one sentence. */
  reason: z.string(),
  /** Open findings (temporary changes still open) on this asset. */
  findings: z.number().int().nonnegative(),
});
