import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import type { KpiName, LockstepQuery, SignalSource } from '../../common/query';
import { ChoiceField, NumberField, TextField } from './fields';
import {
  ANOMALY_METRIC_OPTIONS,
  ANY,
  KPI_OPTIONS,
  METRIC_OPTIONS,
  SOURCE_OPTIONS,
  type MetricChoice,
  STATUS_OPTIONS,
} from './options';

interface Props {
  query: LockstepQuery;
  /** Applies a change and runs the query. */
  onApply: (query: LockstepQuery) => void;
  /** Applies a change without running (typing in a text field). */
  onEdit: (query: LockstepQuery) => void;
  onRun: () => void;
}

function Limit({ query, onApply }: Pick<Props, 'query' | 'onApply'>) {
  return (
    <NumberField
      label="Limit"
      tooltip="Rows at most, newest first (1 to 1000)."
      placeholder="100"
      value={query.limit}
      min={1}
      max={1000}
      onCommit={(limit) => onApply({ ...query, limit })}
    />
  );
}

function IncidentId({ query, onEdit, onRun }: Omit<Props, 'onApply'>) {
  return (
    <TextField
      label="Incident"
      tooltip="An incident id (or a variable). Empty: the latest incident on the entity in the time range."
      placeholder="latest"
      width={32}
      value={query.incidentId}
      onChange={(incidentId) => onEdit({ ...query, incidentId })}
      onCommit={onRun}
    />
  );
}

/** The options of the selected query type (see LockstepQuery in common/query.ts). */
export function TypeOptions({ query, onApply, onEdit, onRun }: Props) {
  switch (query.queryType ?? 'incidents') {
    case 'incidents':
      return (
        <InlineFieldRow>
          <ChoiceField
            label="Status"
            tooltip="Open, resolved, or both."
            value={query.status ?? 'all'}
            options={STATUS_OPTIONS}
            onChange={(status) => onApply({ ...query, status })}
          />
          <NumberField
            label="Min score"
            tooltip="Lowest correlation score shown, 0 to 1. 0.5 (the default) keeps correlated incidents only."
            placeholder="0.5"
            value={query.minScore}
            min={0}
            max={1}
            step={0.05}
            onCommit={(minScore) => onApply({ ...query, minScore })}
          />
          <Limit query={query} onApply={onApply} />
        </InlineFieldRow>
      );
    case 'anomalies':
      return (
        <InlineFieldRow>
          <ChoiceField<MetricChoice | typeof ANY>
            label="Metric"
            tooltip="CPU spikes, latency spikes, or both."
            value={query.metric ?? ANY}
            options={ANOMALY_METRIC_OPTIONS}
            onChange={(metric) => onApply({ ...query, metric: metric === ANY ? undefined : metric })}
          />
          <Limit query={query} onApply={onApply} />
        </InlineFieldRow>
      );
    case 'signals':
      return (
        <InlineFieldRow>
          <ChoiceField<string>
            label="Source"
            tooltip="Only the signals of one tool."
            value={query.source ?? ANY}
            options={SOURCE_OPTIONS}
            onChange={(source) => onApply({ ...query, source: source === ANY ? undefined : (source as SignalSource) })}
          />
          <Limit query={query} onApply={onApply} />
        </InlineFieldRow>
      );
    case 'timeline':
      return (
        <InlineFieldRow>
          <ChoiceField
            label="Metric"
            tooltip="The host's or container's CPU, or a service's p95 latency."
            value={query.metric ?? 'cpu'}
            options={METRIC_OPTIONS}
            onChange={(metric) => onApply({ ...query, metric })}
          />
          <IncidentId query={query} onEdit={onEdit} onRun={onRun} />
        </InlineFieldRow>
      );
    case 'processes':
      return (
        <InlineFieldRow>
          <IncidentId query={query} onEdit={onEdit} onRun={onRun} />
        </InlineFieldRow>
      );
    case 'kpis':
      return (
        <InlineFieldRow>
          <ChoiceField<KpiName>
            label="KPI"
            tooltip="Which figure this panel shows."
            value={query.kpi ?? 'openBySeverity'}
            options={KPI_OPTIONS}
            onChange={(kpi) => onApply({ ...query, kpi })}
          />
          <TextField
            label="Step"
            tooltip="Bucket width of the trends, such as 15m, 1h or 1d. Empty: chosen from the time range."
            placeholder="auto"
            width={10}
            value={query.step}
            onChange={(step) => onEdit({ ...query, step })}
            onCommit={onRun}
          />
        </InlineFieldRow>
      );
    case 'changes':
      return (
        <InlineFieldRow>
          <TextField
            label="Kind"
            tooltip="Only changes of one kind: deploy, package, config, firewall, access (or a variable). Empty: all."
            placeholder="all"
            width={16}
            value={query.changeKind}
            onChange={(changeKind) => onEdit({ ...query, changeKind })}
            onCommit={onRun}
          />
          <Limit query={query} onApply={onApply} />
        </InlineFieldRow>
      );
    default:
      return null;
  }
}
