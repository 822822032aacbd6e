import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';
import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { LOCKSTEP } from './datasources';
import type { EntityKind } from './lockstep-query';

/**
 * A variable listing the entities the correlator has seen, with All first (selected by default: no filter).
 *
 * The query is the bare `LockstepVariableQuery.kind` string, not `{ kind }`: the dashboard schema accepts a
 * variable query that is a string or an object whose values are all objects, so `{ kind: 'hosts' }` is rejected.
 * The data source's variable support therefore receives the string form from these dashboards.
 */
export function entityVariable(name: string, kind: EntityKind, label: string, description: string) {
  const variable: Builder<VariableModel> = new QueryVariableBuilder(name)
    .label(label)
    .description(description)
    .datasource(LOCKSTEP)
    .query(kind)
    .definition(kind)
    .includeAll(true)
    .current({ text: 'All', value: '$__all', selected: true })
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalCaseInsensitiveAsc);
  return variable;
}
