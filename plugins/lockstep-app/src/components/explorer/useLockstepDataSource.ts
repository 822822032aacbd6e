import { useEffect, useState } from 'react';
import type { DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { LockstepQuery } from '../../common/query';
import { DATASOURCE_TYPE } from '../../constants';
import { messageOf } from './runQuery';

export type DataSourceState =
  | { status: 'loading' }
  | { status: 'ready'; ds: DataSourceApi<LockstepQuery> }
  | { status: 'unavailable'; message: string };

export const NO_DATASOURCE =
  'No Lockstep data source yet: add one under Connections → Data sources (type "Lockstep correlation") with the ' +
  "correlator's URL, then choose it on the app's configuration page.";

/** The uid the app uses: the configured one, else the first Lockstep data source Grafana lists. */
export function lockstepDataSourceUid(configuredUid: string | undefined): string | undefined {
  if (configuredUid) {
    return configuredUid;
  }
  return getDataSourceSrv().getList({ type: DATASOURCE_TYPE })[0]?.uid;
}

/** Loads the app's Lockstep data source, or says in a sentence why there is none. */
export function useLockstepDataSource(configuredUid: string | undefined): DataSourceState {
  const [state, setState] = useState<DataSourceState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const settle = (next: DataSourceState): void => {
      if (live) {
        setState(next);
      }
    };
    const uid = lockstepDataSourceUid(configuredUid);
    if (!uid) {
      settle({ status: 'unavailable', message: NO_DATASOURCE });
      return undefined;
    }
    getDataSourceSrv()
      .get(uid)
      .then((ds) => {
        if (ds.type !== DATASOURCE_TYPE) {
          settle({
            status: 'unavailable',
            message: `The data source chosen on the app's configuration page is a ${ds.type} data source, not a Lockstep one: choose a Lockstep data source there.`,
          });
        } else {
          settle({ status: 'ready', ds: ds as unknown as DataSourceApi<LockstepQuery> });
        }
      })
      .catch((error: unknown) =>
        settle({
          status: 'unavailable',
          message: `The Lockstep data source could not be loaded (${messageOf(error)}): check it under Connections → Data sources, or choose another on the app's configuration page.`,
        })
      );
    return () => {
      live = false;
    };
  }, [configuredUid]);
  return state;
}
