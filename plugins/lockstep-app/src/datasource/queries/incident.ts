import type { LockstepQuery } from '../../common/query';
import { isIncident } from '../api/guards';
import type { ApiIncident } from '../api/types';
import type { Entity } from '../variables/filters';
import { interpolated, scope, type QueryContext } from './context';

/** Path segment of an id: percent-encoded, and never `.` or `..`, which a browser would resolve as a path. */
function idSegment(id: string): string {
  if (/^\.+$/.test(id)) {
    throw new Error(`"${id}" is not an incident id.`);
  }
  return encodeURIComponent(id);
}

/**
 * The incident a processes or timeline query is about: the one named by `incidentId` (template variables
 * replaced), else the latest incident on the entity in the time range, or undefined when there is none.
 */
export async function findIncident(
  ctx: QueryContext,
  query: LockstepQuery,
  entity: Entity
): Promise<ApiIncident | undefined> {
  const id = interpolated(ctx, query.incidentId);
  if (id !== undefined) {
    return ctx.client.get(`/api/v1/incidents/${idSegment(id)}`, {}, isIncident);
  }
  const latest = await ctx.client.list<ApiIncident>('/api/v1/incidents', scope(ctx, entity), 1);
  return latest.items[0];
}
