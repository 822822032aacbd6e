import { z } from 'zod';
import type { Entity } from '@lockstep/contract';
import { toIso } from '../model/time';
import { HttpError } from '../http/errors';
import { metricParam, nameParam, rangeShape } from './query';
import { TimelineSchema } from './responses';
import { defineRoute } from './route';

/** Markers per kind: more than a panel can show; past it the response says `truncated`. */
const MAX_MARKERS = 1000;

export const timeline = defineRoute({
  path: '/timeline',
  operationId: 'getTimeline',
  summary: 'Series plus markers for one entity: what the spike panel draws.',
  description:
    "The series is host CPU (host only), a container's CPU (container, or a service run by one container on the " +
    "host) or a service's latency (mean request duration, or the bucket p95 when histograms carry no sum) (metric=latency, service required), read from the engine's bounded " +
    'in-memory window. Markers come from the store: anomalies on the entity (host, container, service, metric) ' +
    'and incidents and signals on its host (and container, when given), newest first.',
  query: z.strictObject({
    host: nameParam('Host name (`host.name`), exact. Required.'),
    container: nameParam('Container id (short or full).').optional(),
    service: nameParam('Service name (`service.name`); required for latency.').optional(),
    metric: metricParam.default('cpu'),
    ...rangeShape,
  }),
  response: TimelineSchema,
  async handle({ query }, { store, timeline: source }) {
    const { host, container, service, metric, from, to } = query;
    if (metric === 'latency' && service === undefined) {
      throw new HttpError(400, "Parameter 'service' is required when metric=latency: latency is per service.");
    }
    const points = source.timeline({ host, container, service, metric }, from, to);
    const markers = { host, container, from, to, limit: MAX_MARKERS };
    const [anomalies, incidents, signals] = await Promise.all([
      store.listAnomalies({ ...markers, service, metric }),
      store.listIncidents(markers),
      store.listSignals(markers),
    ]);
    return {
      entity: points?.entity ?? askedFor(host, container, service),
      metric,
      unit: points?.unit ?? null,
      // JSON has no NaN or Infinity: a non-finite value would reach clients as null.
      series: (points?.points ?? [])
        .filter((p) => Number.isFinite(p.value))
        .map((p) => ({ time: toIso(p.time), value: p.value })),
      anomalies: anomalies.items,
      incidents: incidents.items,
      signals: signals.items,
      truncated: [anomalies, incidents, signals].some((page) => page.next !== undefined),
    };
  },
});

function askedFor(host: string, container: string | undefined, service: string | undefined): Entity {
  const entity: Entity = { 'host.name': host };
  if (container !== undefined) entity['container.id'] = container;
  if (service !== undefined) entity['service.name'] = service;
  return entity;
}
