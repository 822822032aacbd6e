import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { LockstepDataSourceOptions, LockstepQuery, QueryType } from '../../common/query';
import type { DataSource } from '../datasource';
import { EntityFields } from './EntityFields';
import { ChoiceField } from './fields';
import { QUERY_TYPE_OPTIONS } from './options';
import { TypeOptions } from './TypeOptions';

type Props = QueryEditorProps<DataSource, LockstepQuery, LockstepDataSourceOptions>;

/** The query editor: query type, entity filters (template variables welcome), then the type's own options. */
export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const apply = (next: LockstepQuery) => {
    onChange(next);
    onRunQuery();
  };
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ChoiceField<QueryType>
          label="Query type"
          tooltip="What the query returns: hover an option for its description."
          value={query.queryType ?? 'incidents'}
          options={QUERY_TYPE_OPTIONS}
          onChange={(queryType) => apply({ ...query, queryType })}
        />
      </InlineFieldRow>
      <EntityFields value={query} onChange={(filters) => onChange({ ...query, ...filters })} onCommit={onRunQuery} />
      <TypeOptions query={query} onApply={apply} onEdit={onChange} onRun={onRunQuery} />
    </Stack>
  );
}
