import React, { useState, type KeyboardEvent } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Field, Input, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import type { Severity } from '../../common/records';
import { RANGES, type ExplorerFilters } from './filters';

interface Props {
  filters: ExplorerFilters;
  onChange: (filters: ExplorerFilters) => void;
  onRefresh: () => void;
}

const STATUS_OPTIONS = [
  { value: 'all' as const, label: 'All' },
  { value: 'open' as const, label: 'Open' },
  { value: 'resolved' as const, label: 'Resolved' },
];

const SEVERITY_OPTIONS: Array<{ value: Severity; label: string; description: string }> = [
  { value: 'low', label: 'Any severity', description: 'Low and above' },
  { value: 'medium', label: 'Medium+', description: 'Medium and above' },
  { value: 'high', label: 'High+', description: 'High and critical' },
  { value: 'critical', label: 'Critical', description: 'Critical only' },
];

const RANGE_OPTIONS = RANGES.map((r) => ({ value: r.value, label: r.label }));

type TextKey = 'host' | 'container' | 'service';

/** A text filter applied when the user leaves the field or presses Enter, not at every keystroke. */
function TextFilter(props: {
  name: TextKey;
  label: string;
  placeholder: string;
  value: string;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    // The URL changed underneath (back button, a link): show its value.
    setShown(props.value);
    setDraft(props.value);
  }
  const commit = (): void => {
    if (draft.trim() !== props.value) {
      props.onCommit(draft.trim());
    }
  };
  return (
    <Field label={props.label}>
      <Input
        id={`lockstep-filter-${props.name}`}
        width={24}
        value={draft}
        placeholder={props.placeholder}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && commit()}
      />
    </Field>
  );
}

function ScoreFilter({ value, onCommit }: { value: number; onCommit: (v: number) => void }) {
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(String(value));
  }
  const parsed = draft.trim() === '' ? NaN : Number(draft);
  const valid = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1;
  const commit = (): void => {
    if (valid && parsed !== value) {
      onCommit(parsed);
    }
  };
  return (
    <Field label="Minimum score" invalid={!valid} error={valid ? undefined : 'A number from 0 to 1.'}>
      <Input
        id="lockstep-filter-min-score"
        type="number"
        min={0}
        max={1}
        step={0.05}
        width={12}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && commit()}
      />
    </Field>
  );
}

/** The explorer's filters: each change becomes a new query (and a new URL). */
export function IncidentFilters({ filters, onChange, onRefresh }: Props) {
  const styles = useStyles2(getStyles);
  const set = <K extends keyof ExplorerFilters>(key: K, value: ExplorerFilters[K]): void =>
    onChange({ ...filters, [key]: value });
  return (
    <div className={styles.bar} role="search" aria-label="Incident filters">
      <Field label="Time range">
        <RadioButtonGroup options={RANGE_OPTIONS} value={filters.range} onChange={(v) => set('range', v)} size="sm" />
      </Field>
      <Field label="Status">
        <RadioButtonGroup
          options={STATUS_OPTIONS}
          value={filters.status}
          onChange={(v) => set('status', v)}
          size="sm"
        />
      </Field>
      <Field label="Severity">
        <RadioButtonGroup
          options={SEVERITY_OPTIONS}
          value={filters.severity}
          onChange={(v) => set('severity', v)}
          size="sm"
        />
      </Field>
      <ScoreFilter value={filters.minScore} onCommit={(v) => set('minScore', v)} />
      <TextFilter
        name="host"
        label="Host"
        placeholder="host.name"
        value={filters.host}
        onCommit={(v) => set('host', v)}
      />
      <TextFilter
        name="container"
        label="Container"
        placeholder="container id"
        value={filters.container}
        onCommit={(v) => set('container', v)}
      />
      <TextFilter
        name="service"
        label="Service"
        placeholder="service.name"
        value={filters.service}
        onCommit={(v) => set('service', v)}
      />
      <div className={styles.refresh}>
        <Button variant="secondary" icon="sync" onClick={onRefresh}>
          Refresh
        </Button>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0, 2), alignItems: 'flex-end' }),
  refresh: css({ marginBottom: theme.spacing(2) }),
});
