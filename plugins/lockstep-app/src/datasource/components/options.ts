import type { SelectableValue } from '@grafana/data';
import { KPIS, QUERY_TYPES, SIGNAL_SOURCES, type LockstepQuery, type QueryType } from '../../common/query';

/** Radio options of the editors; `description` shows as the option's tooltip. */
export const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = QUERY_TYPES.map((t) => ({ ...t }));

export const KPI_OPTIONS = KPIS.map((k) => ({ ...k }));

export type MetricChoice = NonNullable<LockstepQuery['metric']>;
export const METRIC_OPTIONS: Array<SelectableValue<MetricChoice>> = [
  { value: 'cpu', label: 'CPU' },
  { value: 'latency', label: 'Latency', description: 'p95 latency of a service (needs Service).' },
];

/** Anomalies may list both metrics: 'any' stands for no metric filter. */
export const ANY = 'any';
export const ANOMALY_METRIC_OPTIONS: Array<SelectableValue<MetricChoice | typeof ANY>> = [
  { value: ANY, label: 'Both' },
  ...METRIC_OPTIONS,
];

export const STATUS_OPTIONS: Array<SelectableValue<NonNullable<LockstepQuery['status']>>> = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
];

export const SOURCE_OPTIONS: Array<SelectableValue<string>> = [
  { value: ANY, label: 'Any' },
  ...SIGNAL_SOURCES.map((s) => ({ value: s, label: s })),
];
