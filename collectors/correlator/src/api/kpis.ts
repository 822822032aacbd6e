import { z } from 'zod';
import { entityShape, rangeShape, stepParam } from './query';
import { KpisSchema } from './responses';
import { defineRoute } from './route';

export const kpis = defineRoute({
  path: '/kpis',
  operationId: 'getKpis',
  summary: 'Key figures for the executive dashboard.',
  description:
    'Open correlated incidents (score >= 0.5) overlapping the range by severity and by service, the risk exposure ' +
    'they make (severity weight × score, summed), mean time to resolve (of those resolved in the range, overall ' +
    'and per step), correlated incidents started per step, and coverage (hosts sending metrics, signals or both); ' +
    'the unmanaged-asset share, the change-related incidents (the change failure rate) and the figures by the ' +
    'service catalogue\u2019s business service. ' +
    'Without from/to, buckets span the first to the last correlated incident. At most 10000 buckets: a larger ' +
    'count is refused with 400 naming `step`.',
  query: z.strictObject({ ...rangeShape, ...entityShape, step: stepParam.optional() }),
  response: KpisSchema,
  handle({ query }, { store, inventory }) {
    const { step, ...rest } = query;
    return store.kpis({ ...rest, stepMs: step, inventory });
  },
});
