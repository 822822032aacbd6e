import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { LockstepDataSourceOptions, LockstepQuery, LockstepVariableQuery } from '../../common/query';
import type { DataSource } from '../datasource';
import type { VariableQuery } from '../variables/support';
import { toVariableQuery } from '../variables/entities';
import { EntityFields } from './EntityFields';
import { ChoiceField } from './fields';

type Props = QueryEditorProps<DataSource, LockstepQuery, LockstepDataSourceOptions, VariableQuery>;

const KIND_OPTIONS: Array<{ value: LockstepVariableQuery['kind']; label: string; description: string }> = [
  { value: 'hosts', label: 'Hosts', description: 'host.name values.' },
  { value: 'containers', label: 'Containers', description: 'container.id values.' },
  { value: 'services', label: 'Services', description: 'service.name values.' },
];

/**
 * A variable listing hosts, containers or services seen in the dashboard's time range; the filters narrow it
 * (the containers of `$host`) and may hold other variables.
 */
export function VariableQueryEditor({ query, onChange }: Props) {
  const current = { refId: 'LockstepVariable', ...toVariableQuery(query) } as VariableQuery;
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ChoiceField<LockstepVariableQuery['kind']>
          label="List"
          tooltip="Which names the variable offers."
          value={current.kind}
          options={KIND_OPTIONS}
          onChange={(kind) => onChange({ ...current, kind })}
        />
      </InlineFieldRow>
      <EntityFields
        value={current}
        onChange={(filters) => onChange({ ...current, ...filters })}
        onCommit={() => undefined}
      />
    </Stack>
  );
}
