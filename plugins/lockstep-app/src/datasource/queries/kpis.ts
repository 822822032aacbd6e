import type { DataFrame } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { isKpis } from '../api/guards';
import { kpiFrameOf } from '../frames/kpis';
import { firstOfEach } from '../variables/combinations';
import { entityValues } from '../variables/filters';
import { interpolated, scope, type QueryContext } from './context';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Bucket widths a trend may use, smallest first: round numbers people read on an axis. */
const STEPS = [1, 5, 15, 30, 60, 180, 360, 720, 1440, 7 * 1440, 30 * 1440].map((m) => m * MINUTE);
/** About this many buckets at most over the range: enough for a trend, few enough to read. */
const TARGET_BUCKETS = 60;

/** The smallest round step that cuts the range into at most TARGET_BUCKETS buckets (whole days past 30 d). */
export function autoStep(rangeMs: number): number {
  const step = STEPS.find((s) => rangeMs / s <= TARGET_BUCKETS);
  return step ?? Math.ceil(rangeMs / TARGET_BUCKETS / DAY) * DAY;
}

/** One KPI (query.kpi, default openBySeverity) over the range, for one entity or all. */
export async function kpisQuery(ctx: QueryContext, query: LockstepQuery): Promise<DataFrame[]> {
  const { entity, notices } = firstOfEach(entityValues(query, ctx.scopedVars, ctx.templateSrv));
  const step = interpolated(ctx, query.step) ?? String(autoStep(ctx.range.to - ctx.range.from));
  const kpis = await ctx.client.get('/api/v1/kpis', { ...scope(ctx, entity), step }, isKpis);
  const frame = kpiFrameOf(query.kpi ?? 'openBySeverity', kpis);
  if (notices.length === 0) {
    return [frame];
  }
  return [{ ...frame, meta: { ...frame.meta, notices: notices.map((text) => ({ severity: 'info', text })) } }];
}
