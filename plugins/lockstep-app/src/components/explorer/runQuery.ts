import { isObservable, lastValueFrom } from 'rxjs';
import type { DataFrame, DataQueryRequest, DataQueryResponse, DataSourceApi, TimeRange } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { APP_ID } from '../../common/links';

let requests = 0;

/** A request as Grafana's query runner would build it for the app's pages. */
export function buildRequest(
  targets: LockstepQuery[],
  range: TimeRange,
  now = Date.now()
): DataQueryRequest<LockstepQuery> {
  requests += 1;
  const spanMs = Math.max(1, range.to.valueOf() - range.from.valueOf());
  // About one interval per 1000 points, as a panel of that width would ask.
  const intervalMs = Math.max(1000, Math.round(spanMs / 1000));
  return {
    requestId: `${APP_ID}-${requests}`,
    app: APP_ID,
    targets,
    range,
    rangeRaw: range.raw,
    interval: `${Math.round(intervalMs / 1000)}s`,
    intervalMs,
    maxDataPoints: 1000,
    scopedVars: {},
    timezone: 'browser',
    startTime: now,
  };
}

function errorMessage(response: DataQueryResponse): string | undefined {
  const error = response.errors?.[0];
  return error ? (error.message ?? error.data?.message ?? 'the data source returned an error') : undefined;
}

/**
 * Runs the data source's `query` (which may answer a promise or an observable) and returns its frames; a response
 * carrying an error is thrown as an Error with the data source's message.
 */
export async function runQuery(
  ds: DataSourceApi<LockstepQuery>,
  targets: LockstepQuery[],
  range: TimeRange
): Promise<DataFrame[]> {
  const result = ds.query(buildRequest(targets, range));
  const response: DataQueryResponse = isObservable(result) ? await lastValueFrom(result) : await result;
  const error = errorMessage(response);
  if (error !== undefined) {
    throw new Error(error);
  }
  return response.data as DataFrame[];
}

/** An error's message for a sentence, whatever was thrown (Grafana's fetch errors carry `data.message`). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    for (const candidate of [e.data?.message, e.message, e.statusText]) {
      if (typeof candidate === 'string' && candidate !== '') {
        return candidate;
      }
    }
  }
  return typeof error === 'string' && error !== '' ? error : 'unknown error';
}
