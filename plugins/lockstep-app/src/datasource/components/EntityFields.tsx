import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { TextField } from './fields';

export interface EntityFilters {
  host?: string;
  container?: string;
  service?: string;
}

interface Props {
  value: EntityFilters;
  onChange: (value: EntityFilters) => void;
  onCommit: () => void;
}

const VARIABLES =
  'A name, or a template variable such as $host. Empty or All: no filter. A multi-value variable lists each ' +
  'selected value (timeline, processes and KPIs use the first).';

/** Host, container and service filters, each accepting template variables. */
export function EntityFields({ value, onChange, onCommit }: Props) {
  return (
    <InlineFieldRow>
      <TextField
        label="Host"
        tooltip={`host.name. ${VARIABLES}`}
        placeholder="$host or web-1"
        value={value.host}
        onChange={(host) => onChange({ ...value, host })}
        onCommit={onCommit}
      />
      <TextField
        label="Container"
        tooltip={`container.id, the 12-hex short id or the full one. ${VARIABLES}`}
        placeholder="$container"
        value={value.container}
        onChange={(container) => onChange({ ...value, container })}
        onCommit={onCommit}
      />
      <TextField
        label="Service"
        tooltip={`service.name. ${VARIABLES}`}
        placeholder="$service"
        value={value.service}
        onChange={(service) => onChange({ ...value, service })}
        onCommit={onCommit}
      />
    </InlineFieldRow>
  );
}
