import { z } from 'zod';
import { AssetStatusSchema, ChangeSourceSchema } from '@lockstep/contract';
import { AssetListSchema, ChangePageSchema, FindingPageSchema } from './change-responses';
import { entityLimitParam, oneOf } from './params';
import { entityShape, pageShape, rangeShape } from './query';
import { defineRoute } from './route';

const KIND_ERROR = 'must be a lowercase word such as deploy, package, config, firewall or access';
const kindParam = z
  .string({ error: KIND_ERROR })
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: KIND_ERROR })
  .meta({ description: 'Only changes of this kind: deploy, package, config, firewall, access, ...' });

export const listChanges = defineRoute({
  path: '/changes',
  operationId: 'listChanges',
  summary: 'Changes (deploys, packages, configuration, firewall and access), newest first, one page at a time.',
  description:
    'What changed on an entity: dpkg and apt logs, auditd configuration records, OTLP deployment records and ' +
    'Kubernetes events, change JSON. A change matches when its time is in [from, to) and it names the entity ' +
    '(host, container, service, pod). `temporary` marks firewall and access changes, which become findings ' +
    '(`/findings`) when not reverted in time. Newest first by time, then id.',
  query: z.strictObject({
    ...rangeShape,
    ...entityShape,
    kind: kindParam.optional(),
    source: oneOf(ChangeSourceSchema, 'Where the change was read.').optional(),
    ...pageShape,
  }),
  response: ChangePageSchema,
  handle: ({ query }, { store }) => store.listChanges(query),
});

export const listFindings = defineRoute({
  path: '/findings',
  operationId: 'listFindings',
  summary: 'Temporary changes still open: firewall and access changes not reverted within their window.',
  description:
    'A finding opens when a temporary change has not been reverted (by a change whose `reverts` names it, or the ' +
    'inverse iptables/nft/auditd record) within `engine.temporary_change_window_ms`, and closes when a revert ' +
    'arrives later. A finding matches when [opened, closed] overlaps [from, to); open ones run on. Newest first.',
  query: z.strictObject({
    ...rangeShape,
    ...entityShape,
    status: z
      .enum(['open', 'closed'], { error: 'must be one of open, closed' })
      .meta({ description: 'open or closed.' })
      .optional(),
    ...pageShape,
  }),
  response: FindingPageSchema,
  handle: ({ query }, { store }) => store.listFindings(query),
});

const managedParam = z
  .enum(['true', 'false'], { error: "must be 'true' or 'false'" })
  .transform((value) => value === 'true')
  .meta({ description: 'Only managed (true) or unmanaged (false) assets.' });

export const listAssets = defineRoute({
  path: '/assets',
  operationId: 'listAssets',
  summary: 'The asset inventory: every host, container and service seen, and whether both sides see it.',
  description:
    'Every asset seen in [from, to) with first and last seen per kind of telemetry (metrics, signals, changes) and ' +
    'a verdict: managed when operations (metrics) and security (signals) both see it — a container or service ' +
    'counts as seen by a side that sees its host —, unmanaged when only one side does, or one side went silent ' +
    '(its last sighting `assets.metrics_silent_ms` / `assets.signals_silent_ms` before the other side\u2019s). ' +
    '`status` names the case, `reason` says it in a sentence, `findings` counts the open temporary changes on it. ' +
    'Unmanaged first, then by kind and name; `total` and `unmanaged` count every asset in the range.',
  query: z.strictObject({
    ...rangeShape,
    kind: z
      .enum(['host', 'container', 'service'], { error: 'must be one of host, container, service' })
      .meta({ description: 'Only assets of this kind.' })
      .optional(),
    managed: managedParam.optional(),
    status: oneOf(AssetStatusSchema, 'Only assets with this verdict.').optional(),
    limit: entityLimitParam,
  }),
  response: AssetListSchema,
  handle: ({ query }, { store, inventory }) => store.listAssets({ ...query, inventory }),
});
