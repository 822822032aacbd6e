import { dateTime, type DataQueryRequest, type DataSourceInstanceSettings, type ScopedVars } from '@grafana/data';
import type { LockstepDataSourceOptions, LockstepQuery } from '../../common/query';
import { PROXY_URL } from './backend';
import { RANGE } from './answers';

export const CORRELATOR_URL = 'http://correlator:8480';

/** A proxy-mode instance as Grafana hands it to the data source; `url` is the data proxy's. */
export function instanceSettings(
  jsonData: LockstepDataSourceOptions = { url: CORRELATOR_URL }
): DataSourceInstanceSettings<LockstepDataSourceOptions> {
  // Without the deprecated numeric id: nothing here reads it.
  return {
    uid: 'lockstep',
    name: 'Lockstep',
    type: 'lockstep-correlation-datasource',
    access: 'proxy',
    url: PROXY_URL,
    jsonData,
    readOnly: true,
    meta: {} as DataSourceInstanceSettings['meta'],
  } as DataSourceInstanceSettings<LockstepDataSourceOptions>;
}

/** A dashboard's request over the example's range. */
export function request(
  targets: LockstepQuery[],
  scopedVars: ScopedVars = {},
  range: { from: number; to: number } = RANGE
): DataQueryRequest<LockstepQuery> {
  const from = dateTime(range.from);
  const to = dateTime(range.to);
  return {
    requestId: 'Q1',
    interval: '1m',
    intervalMs: 60_000,
    range: { from, to, raw: { from, to } },
    scopedVars,
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}
