import type { DataFrame } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import type { Params } from '../api/client';
import { isAssetList } from '../api/guards';
import type { ApiAnomaly, ApiChangeRecord, ApiIncident, ApiSignal } from '../api/types';
import { anomaliesFrame } from '../frames/anomalies';
import { assetsFrame, changesFrame } from '../frames/changes';
import { incidentsFrame } from '../frames/incidents';
import { signalsFrame } from '../frames/signals';
import { combinations } from '../variables/combinations';
import { entityValues } from '../variables/filters';
import { interpolated, rowLimit, scope, type QueryContext } from './context';

/** Incidents shown by default: correlated ones (the alerts' threshold). */
export const DEFAULT_MIN_SCORE = 0.5;

interface Listed<T> {
  items: T[];
  more: boolean;
  limit: number;
}

/**
 * One list route for every combination of the selected entities (see variables/combinations.ts), merged newest
 * first by `time` then id, duplicates dropped, cut to the query's limit.
 */
async function listAll<T extends { id: string }>(
  ctx: QueryContext,
  query: LockstepQuery,
  path: string,
  extra: Params,
  time: (item: T) => string
): Promise<Listed<T>> {
  const limit = rowLimit(query.limit);
  const entities = combinations(entityValues(query, ctx.scopedVars, ctx.templateSrv));
  const pages = await Promise.all(
    entities.map((entity) => ctx.client.list<T>(path, { ...scope(ctx, entity), ...extra }, limit))
  );
  if (pages.length === 1) {
    return { ...(pages[0] ?? { items: [], more: false }), limit };
  }
  const byId = new Map<string, T>();
  for (const page of pages) {
    for (const item of page.items) {
      byId.set(item.id, item);
    }
  }
  const key = (item: T): number => Date.parse(time(item));
  const merged = [...byId.values()].sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return { items: merged.slice(0, limit), more: merged.length > limit || pages.some((p) => p.more), limit };
}

function withMoreNotice(frame: DataFrame, listed: Listed<unknown>): DataFrame {
  if (!listed.more) {
    return frame;
  }
  const text = `Showing the newest ${listed.limit}; more match: raise the limit (up to 1000) or narrow the time range.`;
  return { ...frame, meta: { ...frame.meta, notices: [{ severity: 'info', text }] } };
}

/** The API's min_score: a number from 0 to 1 with at most 6 decimals. */
function minScoreParam(minScore: number | undefined): string | undefined {
  const score = minScore ?? DEFAULT_MIN_SCORE;
  if (!Number.isFinite(score) || score <= 0) {
    return undefined;
  }
  return String(Number(Math.min(1, score).toFixed(6)));
}

export function listIncidents(ctx: QueryContext, query: LockstepQuery): Promise<Listed<ApiIncident>> {
  const status = query.status === 'open' || query.status === 'resolved' ? query.status : undefined;
  return listAll<ApiIncident>(
    ctx,
    query,
    '/api/v1/incidents',
    { status, min_score: minScoreParam(query.minScore) },
    (i) => i.start
  );
}

export function listSignals(ctx: QueryContext, query: LockstepQuery): Promise<Listed<ApiSignal>> {
  return listAll<ApiSignal>(ctx, query, '/api/v1/signals', { source: query.source || undefined }, (s) => s.time);
}

export async function incidentsQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const listed = await listIncidents(ctx, query);
  return [withMoreNotice(incidentsFrame(listed.items, ctx.incidentLinks), listed)];
}

export async function anomaliesQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const listed = await listAll<ApiAnomaly>(ctx, query, '/api/v1/anomalies', { metric: query.metric }, (a) => a.start);
  return [withMoreNotice(anomaliesFrame(listed.items), listed)];
}

export async function signalsQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const listed = await listSignals(ctx, query);
  return [withMoreNotice(signalsFrame(listed.items), listed)];
}

/** The API's change kinds: a lowercase word. Anything else (a typo, a variable left unset) is no filter. */
const CHANGE_KIND = /^[a-z][a-z0-9_-]{0,31}$/;

export function listChanges(ctx: QueryContext, query: LockstepQuery): Promise<Listed<ApiChangeRecord>> {
  const kind = interpolated(ctx, query.changeKind);
  return listAll<ApiChangeRecord>(
    ctx,
    query,
    '/api/v1/changes',
    { kind: kind !== undefined && CHANGE_KIND.test(kind) ? kind : undefined },
    (c) => c.time
  );
}

export async function changesQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const listed = await listChanges(ctx, query);
  return [withMoreNotice(changesFrame(listed.items), listed)];
}

/** The inventory over the range: every asset (the route takes no entity filter; the table filters in Grafana). */
export async function assetsQuery(ctx: QueryContext): Promise<DataFrame[]> {
  const list = await ctx.client.get('/api/v1/assets', { from: ctx.range.from, to: ctx.range.to }, isAssetList);
  return [assetsFrame(list)];
}
