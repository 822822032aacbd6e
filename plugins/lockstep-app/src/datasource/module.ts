import { DataSourcePlugin } from '@grafana/data';
import { DataSource } from './datasource';
import type { LockstepDataSourceOptions, LockstepQuery } from '../shared/query';

export const plugin = new DataSourcePlugin<DataSource, LockstepQuery, LockstepDataSourceOptions>(DataSource);
