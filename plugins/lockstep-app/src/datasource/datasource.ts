import {
  DataSourceApi,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
} from '@grafana/data';
import type { LockstepDataSourceOptions, LockstepQuery } from '../shared/query';

/** Skeleton: replaced by the real data source (query types, health check, annotations, variables). */
export class DataSource extends DataSourceApi<LockstepQuery, LockstepDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<LockstepDataSourceOptions>) {
    super(instanceSettings);
  }

  async query(_request: DataQueryRequest<LockstepQuery>): Promise<DataQueryResponse> {
    return { data: [] };
  }

  async testDatasource() {
    return { status: 'error', message: 'Not implemented yet.' };
  }
}
