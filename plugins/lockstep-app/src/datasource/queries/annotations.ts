import type { DataFrame } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { changeAnnotations, incidentAnnotations, signalAnnotations } from '../frames/annotations';
import type { QueryContext } from './context';
import { listChanges, listIncidents, listSignals } from './lists';

/** An annotation query: its signals (default), incidents or changes as one `annotations` frame. */
export async function annotationsQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  if (query.queryType === 'changes') {
    const { items } = await listChanges(ctx, query);
    return [changeAnnotations(items)];
  }
  if (query.queryType === 'incidents') {
    const { items } = await listIncidents(ctx, query);
    return [incidentAnnotations(items, ctx.range.to)];
  }
  const { items } = await listSignals(ctx, query);
  return [signalAnnotations(items)];
}
