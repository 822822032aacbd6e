import { CustomVariableSupport, type DataQueryRequest, type DataQueryResponse } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { from, type Observable } from 'rxjs';
import type { LockstepVariableQuery } from '../../common/query';
import { VariableQueryEditor } from '../components/VariableQueryEditor';
import type { DataSource } from '../datasource';
import { namesFrame } from './entities';

export type VariableQuery = LockstepVariableQuery & DataQuery;

/** Query variables listing hosts, containers or services (the editor picks the kind and optional filters). */
export class LockstepVariableSupport extends CustomVariableSupport<DataSource, VariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<VariableQuery>): Observable<DataQueryResponse> {
    const range = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    const names = this.datasource.entityNames(request.targets[0], range, request.scopedVars);
    return from(names.then((list) => ({ data: [namesFrame(list)] })));
  }
}
