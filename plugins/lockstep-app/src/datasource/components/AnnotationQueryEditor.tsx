import React, { type ComponentProps } from 'react';
import type { AnnotationSupport } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { LockstepQuery, SignalSource } from '../../common/query';
import { DEFAULT_ANNOTATION_QUERY } from '../annotations';
import { EntityFields } from './EntityFields';
import { ChoiceField, NumberField, TextField } from './fields';
import { ANY, SOURCE_OPTIONS } from './options';

type Props = ComponentProps<NonNullable<AnnotationSupport<LockstepQuery>['QueryEditor']>>;

type Kind = 'signals' | 'incidents' | 'changes';

const KIND_OPTIONS = [
  { value: 'signals' as const, label: 'Security signals', description: 'Alerts from Falco, Tetragon, auditd, ...' },
  { value: 'incidents' as const, label: 'Incidents', description: 'Correlated incidents, as regions.' },
  {
    value: 'changes' as const,
    label: 'Changes',
    description: 'Deploys, package upgrades, configuration and firewall changes, as points.',
  },
];

/**
 * Which annotations: signals (a tool, optionally), incidents (a minimum score) or changes (a kind, optionally), on
 * the entity filters.
 */
export function AnnotationQueryEditor({ query, onChange }: Props) {
  const current: LockstepQuery = { ...DEFAULT_ANNOTATION_QUERY, ...query };
  const kind: Kind =
    current.queryType === 'incidents' || current.queryType === 'changes' ? current.queryType : 'signals';
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
        {kind === 'changes' ? (
          <TextField
            label="Kind"
            tooltip="Only changes of one kind: deploy, package, config, firewall, access. Empty: all."
            placeholder="all"
            width={16}
            value={current.changeKind}
            onChange={(changeKind) => update({ ...current, changeKind })}
            onCommit={() => undefined}
          />
        ) : kind === 'signals' ? (
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
