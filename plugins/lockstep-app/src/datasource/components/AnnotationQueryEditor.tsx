import React, { type ComponentProps } from 'react';
import type { AnnotationSupport } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { LockstepQuery, SignalSource } from '../../common/query';
import { DEFAULT_ANNOTATION_QUERY } from '../annotations';
import { EntityFields } from './EntityFields';
import { ChoiceField, NumberField } from './fields';
import { ANY, SOURCE_OPTIONS } from './options';

type Props = ComponentProps<NonNullable<AnnotationSupport<LockstepQuery>['QueryEditor']>>;

type Kind = 'signals' | 'incidents';

const KIND_OPTIONS = [
  { value: 'signals' as const, label: 'Security signals', description: 'Alerts from Falco, Tetragon, auditd, ...' },
  { value: 'incidents' as const, label: 'Incidents', description: 'Correlated incidents, as regions.' },
];

/** Which annotations: signals (a tool, optionally) or incidents (a minimum score), on the entity filters. */
export function AnnotationQueryEditor({ query, onChange }: Props) {
  const current: LockstepQuery = { ...DEFAULT_ANNOTATION_QUERY, ...query };
  const kind: Kind = current.queryType === 'incidents' ? 'incidents' : 'signals';
  const update = (next: LockstepQuery) => onChange(next);
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ChoiceField<Kind>
          label="Show"
          tooltip="What appears on the dashboard's time-series panels."
          value={kind}
          options={KIND_OPTIONS}
          onChange={(queryType) => update({ ...current, queryType })}
        />
        {kind === 'signals' ? (
          <ChoiceField<string>
            label="Source"
            tooltip="Only the signals of one tool."
            value={current.source ?? ANY}
            options={SOURCE_OPTIONS}
            onChange={(source) => update({ ...current, source: source === ANY ? undefined : (source as SignalSource) })}
          />
        ) : (
          <NumberField
            label="Min score"
            tooltip="Lowest correlation score shown, 0 to 1 (0.5: correlated incidents only)."
            placeholder="0.5"
            value={current.minScore}
            min={0}
            max={1}
            step={0.05}
            onCommit={(minScore) => update({ ...current, minScore })}
          />
        )}
      </InlineFieldRow>
      <EntityFields
        value={current}
        onChange={(filters) => update({ ...current, ...filters })}
        onCommit={() => undefined}
      />
    </Stack>
  );
}
