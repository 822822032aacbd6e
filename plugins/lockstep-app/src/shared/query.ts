import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/**
 * The data source's query model: what a panel's query editor edits, what dashboards (dashboards/*.json) store
 * in `targets`, and what the provisioned alerting and the browser harness send. Changing a name here is a
 * breaking change for saved dashboards.
 */
export type QueryType = 'incidents' | 'anomalies' | 'signals' | 'timeline' | 'processes' | 'kpis';

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
];

/** KPI series a `kpis` query returns (one per query, so each dashboard panel says what its number means). */
export type KpiName =
  'openBySeverity' | 'openByService' | 'meanTimeToResolve' | 'incidentsOverTime' | 'coverage' | 'riskExposure';

export interface LockstepQuery extends DataQuery {
  queryType?: QueryType;
  /** Entity filters; each may hold template variables such as `$host`. Empty or `All` means no filter. */
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
  source?: 'falco' | 'tetragon' | 'suricata' | 'auditd' | 'auth' | 'osquery' | 'otlp';
  /** kpis: which figure. */
  kpi?: KpiName;
  /** processes, timeline: one incident; empty means the latest incident on the entity in the time range. */
  incidentId?: string;
  /** Row cap for list queries (default 100, at most 1000). */
  limit?: number;
}

export const DEFAULT_QUERY: Partial<LockstepQuery> = {
  queryType: 'incidents',
  status: 'all',
  minScore: 0.5,
  metric: 'cpu',
  limit: 100,
};

/** Template variable query: which entity names to list. */
export interface LockstepVariableQuery {
  kind: 'hosts' | 'containers' | 'services';
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
