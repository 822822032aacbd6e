import type { DataFrame } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import type { ApiAnomaly } from '../api/types';
import { processesFrame, processRows } from '../frames/processes';
import { ms } from '../frames/values';
import { firstOfEach } from '../variables/combinations';
import { entityValues } from '../variables/filters';
import { rowLimit, type QueryContext } from './context';
import { findIncident } from './incident';

/** Anomalies read while looking for an incident's own: past this the incident's window is not the problem. */
const MAX_ANOMALIES = 5000;

function withNotice(frame: DataFrame, text: string): DataFrame {
  return { ...frame, meta: { ...frame.meta, notices: [...(frame.meta?.notices ?? []), { severity: 'info', text }] } };
}

/**
 * The processes behind an incident's spikes: the contributors of the anomalies it explains (read from the
 * anomalies on its host during its window), by share of the rise, its culprit flagged; at most `limit` rows.
 */
export async function processesQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const { entity, notices } = firstOfEach(entityValues(query, ctx.scopedVars, ctx.templateSrv));
  const incident = await findIncident(ctx, query, entity);
  if (incident === undefined) {
    return [withNotice(processesFrame([]), 'No incident on this entity in the time range.')];
  }
  const start = ms(incident.start) ?? ctx.range.from;
  const end = ms(incident.end) ?? Math.max(ctx.range.to, start);
  const wanted = new Set(incident.anomalies);
  const { items } = await ctx.client.list<ApiAnomaly>(
    '/api/v1/anomalies',
    { from: start, to: end + 1, host: incident.entity['host.name'] },
    MAX_ANOMALIES
  );
  const own = items.filter((a) => wanted.has(a.id));
  let frame = processesFrame(processRows(incident, own).slice(0, rowLimit(query.limit)), incident.id);
  if (own.length === 0) {
    notices.push(`No spike of incident ${incident.id} is stored any more.`);
  }
  for (const text of notices) {
    frame = withNotice(frame, text);
  }
  return [frame];
}
