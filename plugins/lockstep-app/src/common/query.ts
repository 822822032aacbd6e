import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/**
 * The data source's query model: what a panel's query editor edits, what dashboards (dashboards/*.json) store
 * in `targets`, and what the provisioned alerting and the browser harness send. Changing a name here is a
 * breaking change for saved dashboards.
 */
export type QueryType =
  'incidents' | 'anomalies' | 'signals' | 'timeline' | 'processes' | 'kpis' | 'changes' | 'assets';

export const QUERY_TYPES: ReadonlyArray<{ value: QueryType; label: string; description: string }> = [
  { value: 'incidents', label: 'Incidents', description: 'Correlated incidents as a table.' },
  { value: 'anomalies', label: 'Anomalies', description: 'CPU and latency spikes, with or without security evidence.' },
  { value: 'signals', label: 'Signals', description: 'Security signals (Falco, Tetragon, auditd, ...).' },
  {
    value: 'timeline',
    label: 'Entity timeline',
    description: 'CPU or latency of one entity, with its spikes, signals and incidents (feeds the spike panel).',
  },
  { value: 'processes', label: 'Processes behind a spike', description: 'Processes by share of the rise.' },
  { value: 'kpis', label: 'KPIs', description: 'Shared figures for the executive dashboard.' },
  {
    value: 'changes',
    label: 'Changes',
    description: 'What changed: deploys, packages, configuration, firewall and access changes.',
  },
  {
    value: 'assets',
    label: 'Asset inventory',
    description: 'Every host, container and service, who sees it, and whether it is managed.',
  },
];

/**
 * KPI series a `kpis` query returns (one per query, so each dashboard panel says what its number means). The frame
 * each one makes is in frames.ts (`KPI_FRAMES`): label/value rows, one value, or a time series.
 */
export type KpiName =
  | 'openBySeverity'
  | 'openByService'
  | 'meanTimeToResolve'
  | 'meanTimeToResolveOverTime'
  | 'incidentsOverTime'
  | 'coverage'
  | 'riskExposure'
  | 'unmanagedAssets'
  | 'changeRelated'
  | 'byBusinessService';

export const KPIS: ReadonlyArray<{ value: KpiName; label: string; description: string }> = [
  { value: 'openBySeverity', label: 'By severity', description: 'Open correlated incidents per severity.' },
  {
    value: 'openByService',
    label: 'By service',
    description: 'Open correlated incidents per business service ("unassigned" when the entity has none).',
  },
  {
    value: 'riskExposure',
    label: 'Risk',
    description: 'Risk exposure: severity weight (low 1, medium 2, high 4, critical 8) × score, summed over open ones.',
  },
  { value: 'meanTimeToResolve', label: 'MTTR', description: 'Mean time to resolve over the time range.' },
  { value: 'meanTimeToResolveOverTime', label: 'MTTR trend', description: 'Mean time to resolve per step.' },
  { value: 'incidentsOverTime', label: 'Started', description: 'Correlated incidents started per step.' },
  { value: 'coverage', label: 'Coverage', description: 'Hosts sending metrics, security signals, or both.' },
  {
    value: 'unmanagedAssets',
    label: 'Unmanaged assets',
    description: 'Percent of the hosts, containers and services seen that only one side sees, or one side lost.',
  },
  {
    value: 'changeRelated',
    label: 'Change-related',
    description: 'Share of the incidents that followed a change on their entity (the change failure rate).',
  },
  {
    value: 'byBusinessService',
    label: 'By business service',
    description: 'Per business service and tier: incidents, open, risk exposure and mean time to resolve.',
  },
];

export type SignalSource = 'falco' | 'tetragon' | 'suricata' | 'auditd' | 'auth' | 'osquery' | 'otlp';

export const SIGNAL_SOURCES: readonly SignalSource[] = [
  'falco',
  'tetragon',
  'suricata',
  'auditd',
  'auth',
  'osquery',
  'otlp',
];

export interface LockstepQuery extends DataQuery {
  queryType?: QueryType;
  /**
   * Entity filters; each may hold template variables such as `$host`. Empty or `All` (a variable's All option, or
   * the text `All`, `$__all` or `*`) means no filter. A field that is one multi-value variable with several values
   * selected: incidents, anomalies, signals and annotations ask once per selected value (at most 20 combinations)
   * and merge the answers newest first; timeline, processes and KPIs take the first value and say so in a notice.
   */
  host?: string;
  container?: string;
  service?: string;
  /** timeline, anomalies: which series. Default cpu. */
  metric?: 'cpu' | 'latency';
  /** incidents: open, resolved, or both (default). */
  status?: 'open' | 'resolved' | 'all';
  /** incidents: lowest score shown; 0.5 (the default) keeps correlated incidents only. */
  minScore?: number;
  /** signals: one tool only. */
  source?: SignalSource;
  /** changes: one kind only (deploy, package, config, firewall, access, ...). */
  changeKind?: string;
  /** kpis: which figure. */
  kpi?: KpiName;
  /**
   * kpis: bucket width of the trends, as the API takes it (`15m`, `1h`, `1d`, or ms). Empty: chosen from the time
   * range (about 30 to 60 buckets).
   */
  step?: string;
  /** processes, timeline: one incident; empty means the latest incident on the entity in the time range. */
  incidentId?: string;
  /** Row cap for list queries (default 100, at most 1000). */
  limit?: number;
  /**
   * Set by the data source's annotation support (never by panels): the query answers one `annotations` frame
   * (time, timeEnd, title, text, tags) for its signals, incidents or changes instead of the query type's own frame.
   */
  format?: 'annotations';
}

export const DEFAULT_QUERY: Partial<LockstepQuery> = {
  queryType: 'incidents',
  status: 'all',
  minScore: 0.5,
  metric: 'cpu',
  limit: 100,
};

/**
 * Template variable query: which entity names to list. The optional filters (which may hold other variables)
 * chain variables: `{ kind: 'containers', host: '$host' }` lists the containers of the selected host.
 */
export interface LockstepVariableQuery {
  kind: 'hosts' | 'containers' | 'services';
  host?: string;
  container?: string;
  service?: string;
}

/** `jsonData`: readable by every Viewer, so no secrets here. */
export interface LockstepDataSourceOptions extends DataSourceJsonData {
  /** Base URL of the correlator's query API, e.g. http://correlator:8480 (the data proxy calls it). */
  url?: string;
}

/** `secureJsonData`: encrypted by Grafana, only sent to the data proxy. */
export interface LockstepSecureJsonData {
  apiToken?: string;
}

/** The data-proxy route declared in datasource/plugin.json: `${instanceSettings.url}/lockstep/api/v1/...`. */
export const PROXY_ROUTE = 'lockstep';
