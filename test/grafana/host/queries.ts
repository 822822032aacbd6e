/**
 * What Grafana sends a data source: panel queries (a DataQueryRequest with the dashboard's time range and a
 * repeated panel's scoped variables) and annotation queries, the way its annotation worker runs them.
 */
import * as grafanaData from '@grafana/data';
import * as rxjs from 'rxjs';
import type { ScopedVars } from './template-srv';

/** A time range as Grafana hands it to data sources and panels, from epoch ms. */
export function timeRange(fromMs: number, toMs: number): grafanaData.TimeRange {
  const from = grafanaData.dateTime(fromMs);
  const to = grafanaData.dateTime(toMs);
  return { from, to, raw: { from, to } };
}

/** The request a dashboard panel sends a data source; targets get refIds A, B, ... unless they carry one. */
export function queryRequest(
  targets: Array<Record<string, unknown>>,
  range: grafanaData.TimeRange,
  requestId = 'harness',
  scopedVars: ScopedVars = {},
): grafanaData.DataQueryRequest<grafanaData.DataQuery> {
  return {
    requestId,
    interval: '10s',
    intervalMs: 10_000,
    range,
    rangeRaw: range.raw,
    scopedVars,
    targets: targets.map((target, i) => ({ refId: String.fromCharCode(65 + i), ...target })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as unknown as grafanaData.DataQueryRequest<grafanaData.DataQuery>;
}

/** Runs query() to completion as a panel does: the frames, and the first error the response carries. */
export async function runQuery(
  ds: grafanaData.DataSourceApi,
  targets: Array<Record<string, unknown>>,
  range: grafanaData.TimeRange,
  scopedVars: ScopedVars = {},
): Promise<{ series: grafanaData.DataFrame[]; error?: string }> {
  const response = await rxjs.lastValueFrom(rxjs.from(ds.query(queryRequest(targets, range, 'harness', scopedVars))));
  const series = (response.data ?? []).map((frame: unknown) => grafanaData.toDataFrame(frame));
  const error = response.error?.message ?? response.errors?.[0]?.message;
  return error === undefined ? { series } : { series, error };
}

/** An annotation event as Grafana's standard annotation support derives it from a frame row. */
export interface AnnotationEvent {
  time?: number;
  timeEnd?: number;
  title?: string;
  text?: string;
  tags?: string[];
}

/**
 * Runs a dashboard annotation through a data source the way Grafana's annotation worker does for a data source
 * with `annotations` support: defaults, prepareAnnotation, prepareQuery, query(), then processEvents — or, when the
 * plugin leaves a step out, Grafana's standard one (the target is the query; frame fields named time, timeEnd,
 * title, text and tags become the events).
 */
export async function runAnnotation(
  ds: grafanaData.DataSourceApi,
  annotation: Record<string, unknown>,
  range: grafanaData.TimeRange,
): Promise<AnnotationEvent[]> {
  const support = (ds.annotations ?? {}) as grafanaData.AnnotationSupport<grafanaData.DataQuery>;
  const withDefaults = { ...(support.getDefaultQuery?.() ?? {}), ...annotation } as grafanaData.AnnotationQuery;
  const prepared = support.prepareAnnotation ? support.prepareAnnotation(withDefaults) : withDefaults;
  const query = support.prepareQuery ? support.prepareQuery(prepared) : (prepared.target as grafanaData.DataQuery);
  if (query === undefined) return [];
  const request = queryRequest([{ ...query, refId: query.refId ?? 'Anno' }], range, 'annotations');
  const response = await rxjs.lastValueFrom(rxjs.from(ds.query(request)));
  const frames = (response.data ?? []).map((frame: unknown) => grafanaData.toDataFrame(frame));
  if (support.processEvents) {
    const events = await rxjs.lastValueFrom(rxjs.from(support.processEvents(prepared, frames) ?? rxjs.of([])));
    return (events ?? []) as AnnotationEvent[];
  }
  const events: AnnotationEvent[] = [];
  for (const frame of frames) {
    const view = new grafanaData.DataFrameView<AnnotationEvent>(frame);
    view.forEach((row) => events.push({ ...row }));
  }
  return events;
}
