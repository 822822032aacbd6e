import type { DataFrame } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { isTimeline } from '../api/guards';
import type { ApiIncident, ApiTimeline } from '../api/types';
import { anomaliesFrame } from '../frames/anomalies';
import { incidentsFrame } from '../frames/incidents';
import { seriesFrame } from '../frames/series';
import { signalsFrame } from '../frames/signals';
import { firstOfEach } from '../variables/combinations';
import { entityValues, type Entity } from '../variables/filters';
import { interpolated, scope, type QueryContext } from './context';
import { findIncident } from './incident';

type Metric = 'cpu' | 'latency';

const empty = (metric: Metric): ApiTimeline => ({
  entity: {},
  metric,
  unit: null,
  series: [],
  anomalies: [],
  incidents: [],
  signals: [],
  truncated: false,
});

function framesOf(timeline: ApiTimeline, ctx: QueryContext, notices: string[]): DataFrame[] {
  const series = seriesFrame(timeline);
  const meta = { ...series.meta, notices: notices.map((text) => ({ severity: 'info' as const, text })) };
  return [
    notices.length === 0 ? series : { ...series, meta },
    anomaliesFrame(timeline.anomalies),
    signalsFrame(timeline.signals),
    incidentsFrame(timeline.incidents, ctx.incidentLinks),
  ];
}

/** Which series: the query's entity, completed from the incident (its container's CPU, its service's latency). */
function seriesEntity(metric: Metric, entity: Entity, host: string, incident?: ApiIncident): Entity {
  const of = incident?.entity ?? {};
  return {
    host,
    container: entity.container ?? (metric === 'cpu' ? of['container.id'] : undefined),
    service: entity.service ?? (metric === 'latency' ? of['service.name'] : undefined),
  };
}

/**
 * One entity's CPU or latency with its spikes, signals and incidents as markers (what the spike panel draws).
 * The entity is the host of the incident the query names, else the query's host; without either, the host of
 * the latest incident in the range. A query naming an incident keeps only that incident's row.
 */
export async function timelineQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const metric = query.metric ?? 'cpu';
  const { entity, notices } = firstOfEach(entityValues(query, ctx.scopedVars, ctx.templateSrv));
  const named = interpolated(ctx, query.incidentId) !== undefined;
  const incident = named || entity.host === undefined ? await findIncident(ctx, query, entity) : undefined;
  const host = (named ? undefined : entity.host) ?? incident?.entity['host.name'];
  if (host === undefined) {
    const none = 'No incident in the time range: set Host (a name or a variable such as $host) to see its timeline.';
    return framesOf(empty(metric), ctx, [none]);
  }
  const which = seriesEntity(metric, entity, host, incident);
  if (metric === 'latency' && which.service === undefined) {
    throw new Error('The latency timeline is per service: set Service (a name or a variable such as $service).');
  }
  const timeline = await ctx.client.get('/api/v1/timeline', { ...scope(ctx, which), metric }, isTimeline);
  if (timeline.truncated) {
    notices.push('Some markers were left out (more than 1000 of a kind): narrow the time range.');
  }
  if (named && incident !== undefined) {
    // The incident itself, even when it started before the range the markers were read for.
    timeline.incidents = [incident];
  }
  return framesOf(timeline, ctx, notices);
}
