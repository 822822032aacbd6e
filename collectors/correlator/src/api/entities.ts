import { z } from 'zod';
import { nameParam, rangeShape } from './query';
import { entityLimitParam, MAX_ENTITIES } from './params';
import { EntityListSchema } from './responses';
import { defineRoute } from './route';

const entityKindParam = z
  .enum(['hosts', 'containers', 'services'], { error: 'must be one of hosts, containers, services' })
  .meta({ description: 'Which names to list: host.name, container.id or service.name values.' });

export const listEntities = defineRoute({
  path: '/entities',
  operationId: 'listEntities',
  summary: 'Distinct host, container or service names, for dashboard variables.',
  description:
    'Names carried by incidents, anomalies and signals overlapping [from, to), and by entities that sent ' +
    'telemetry in it (a healthy host is listed too), in ascending order. host, container and service narrow the ' +
    `list (the containers of one host). At most ${MAX_ENTITIES} names; \`truncated\` says more exist.`,
  query: z.strictObject({
    kind: entityKindParam,
    ...rangeShape,
    host: nameParam('Only names seen with this host (`host.name`).').optional(),
    container: nameParam('Only names seen with this container id (short or full).').optional(),
    service: nameParam('Only names seen with this service (`service.name`).').optional(),
    limit: entityLimitParam,
  }),
  response: EntityListSchema,
  handle: ({ query }, { store }) => store.listEntities(query),
});
