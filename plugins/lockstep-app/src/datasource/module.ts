import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import type { LockstepDataSourceOptions, LockstepQuery } from '../common/query';

export const plugin = new DataSourcePlugin<DataSource, LockstepQuery, LockstepDataSourceOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
