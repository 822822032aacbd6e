import { z } from 'zod';
import { CORRELATED_SCORE, IncidentSchema } from '@lockstep/contract';
import { HttpError, quote } from '../http/errors';
import {
  correlatedParam,
  entityShape,
  metricParam,
  minScoreParam,
  nameParam,
  pageShape,
  rangeShape,
  severityParam,
  sourceParam,
  statusParam,
} from './query';
import { AnomalyPageSchema, IncidentPageSchema, SignalPageSchema } from './responses';
import { defineRoute } from './route';

const RANGE_NOTE =
  'An item matches when its [start, end] overlaps [from, to); open items run on. Newest first by start, then id.';

export const listIncidents = defineRoute({
  path: '/incidents',
  operationId: 'listIncidents',
  summary: 'Incidents, newest first, one page at a time.',
  description: `${RANGE_NOTE} \`correlated=true\` is shorthand for \`min_score=0.5\`; give one or the other.`,
  query: z.strictObject({
    ...rangeShape,
    ...entityShape,
    status: statusParam.optional(),
    severity: severityParam.optional(),
    min_score: minScoreParam.optional(),
    correlated: correlatedParam.optional(),
    ...pageShape,
  }),
  response: IncidentPageSchema,
  async handle({ query }, { store }) {
    const { min_score: minScore, correlated, ...rest } = query;
    if (minScore !== undefined && correlated !== undefined) {
      throw new HttpError(400, "Parameters 'correlated' and 'min_score' both set a minimum score; give one.");
    }
    return store.listIncidents({ ...rest, minScore: correlated ? CORRELATED_SCORE : minScore });
  },
});

export const getIncident = defineRoute({
  path: '/incidents/{id}',
  operationId: 'getIncident',
  summary: 'One incident by id, in its latest state.',
  description: 'Ids come from list responses; an incident keeps its id as it updates and after it resolves.',
  query: z.strictObject({}),
  params: z.strictObject({
    id: z.string({ error: 'must be 1 to 200 characters' }).min(1).max(200).meta({ description: 'Incident id.' }),
  }),
  response: IncidentSchema,
  notFound: true,
  async handle({ params }, { store }) {
    const incident = await store.getIncident(params.id);
    if (incident === undefined) throw new HttpError(404, `No incident has the id ${quote(params.id)}.`);
    return incident;
  },
});

export const listAnomalies = defineRoute({
  path: '/anomalies',
  operationId: 'listAnomalies',
  summary: 'Anomalies (CPU and latency spikes), newest first, one page at a time.',
  description: RANGE_NOTE,
  query: z.strictObject({ ...rangeShape, ...entityShape, metric: metricParam.optional(), ...pageShape }),
  response: AnomalyPageSchema,
  handle: ({ query }, { store }) => store.listAnomalies(query),
});

export const listSignals = defineRoute({
  path: '/signals',
  operationId: 'listSignals',
  summary: 'Security signals kept by the store, newest first, one page at a time.',
  description:
    'Signals referenced by incidents, and recent alerts. A signal matches when [time, last_time] overlaps ' +
    '[from, to). Newest first by time, then id.',
  query: z.strictObject({
    ...rangeShape,
    ...entityShape,
    source: sourceParam.optional(),
    'user.name': nameParam('The account the signal is about (`user.name`), exact.').optional(),
    'source.address': nameParam('The other end that reached the host (`source.address`), exact.').optional(),
    'destination.address': nameParam('The other end the host reached (`destination.address`), exact.').optional(),
    ...pageShape,
  }),
  response: SignalPageSchema,
  handle({ query }, { store }) {
    const {
      'user.name': user,
      'source.address': sourceAddress,
      'destination.address': destinationAddress,
      ...rest
    } = query;
    return store.listSignals({ ...rest, user, sourceAddress, destinationAddress });
  },
});
