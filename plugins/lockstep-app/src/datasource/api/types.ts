/**
 * The correlator's query API answers as the data source receives them (docs/api.md; the contract is
 * collectors/contract/src/schemas.ts and collectors/correlator/src/api/responses.ts). Every string in them comes
 * from the monitored hosts: it is data, never markup or a URL to follow.
 */

export type IncidentSeverity = 'low' | 'medium' | 'high' | 'critical';
export type SignalSeverity = 'info' | IncidentSeverity;

export interface ApiEntity {
  'host.name'?: string;
  'container.id'?: string;
  'k8s.namespace.name'?: string;
  'k8s.pod.name'?: string;
  'service.name'?: string;
}

export interface ApiProcess {
  'process.pid'?: number;
  'process.parent_pid'?: number;
  'process.executable.name'?: string;
  'process.executable.path'?: string;
  'process.command_line'?: string;
  'process.owner'?: string;
  'process.creation.time'?: string;
  'container.id'?: string;
  'process.parent_chain'?: string[];
  /** A culprit standing for several instances of one executable and lineage (a respawning miner, a pool). */
  instances?: number;
}

export interface ApiIncidentSignal {
  source: string;
  rule: string;
  severity: SignalSeverity;
  time: string;
  process?: ApiProcess;
  count?: number;
  last_time?: string;
  output?: string;
  match?: string;
  'user.name'?: string;
  'source.address'?: string;
  'source.port'?: number;
  'destination.address'?: string;
  'destination.port'?: number;
  'event.outcome'?: 'success' | 'failure';
}

export interface ApiSignal extends ApiIncidentSignal {
  id: string;
  entity: ApiEntity;
}

export interface ApiAnomaly {
  type: 'anomaly';
  id: string;
  entity: ApiEntity;
  metric: 'cpu' | 'latency';
  start: string;
  end: string | null;
  baseline: number;
  peak: number;
  unit?: ApiUnit;
  /** `instances`: how many instances of one executable and lineage the entry stands for, when more than one. */
  contributors: Array<{ process: ApiProcess; share: number; instances?: number }>;
  changes?: ApiChange[];
}

export interface ApiIncident {
  type: 'incident';
  id: string;
  status: 'open' | 'resolved';
  entity: ApiEntity;
  start: string;
  end: string | null;
  anomalies: string[];
  score: number;
  severity: IncidentSeverity;
  culprit: ApiProcess | null;
  signals: ApiIncidentSignal[];
  changes?: ApiChange[];
  business?: ApiBusiness | null;
  summary: { ops: string; security: string; business: string };
}

/** A change as anomalies and incidents list it (the changes on their entity shortly before the spike). */
export interface ApiChange {
  time: string;
  kind: string;
  summary: string;
  source: string;
  id?: string;
  actor?: string;
}

/** A change as `GET /api/v1/changes` lists it. */
export interface ApiChangeRecord extends ApiChange {
  id: string;
  entity: ApiEntity;
  reverts?: string;
  temporary?: boolean;
}

/** What the service catalogue says an incident's entity means to the business. */
export interface ApiBusiness {
  service: string;
  name: string;
  tier?: number;
  owner?: string;
  data_classes?: string[];
  cost_per_hour?: number;
  estimated_cost?: number;
}

export type ApiAssetStatus =
  'managed' | 'metrics-only' | 'signals-only' | 'metrics-silent' | 'signals-silent' | 'changes-only';

export interface ApiSeen {
  first: string;
  last: string;
}

export interface ApiAsset {
  kind: 'host' | 'container' | 'service';
  name: string;
  host?: string;
  seen: { metrics?: ApiSeen; signals?: ApiSeen; changes?: ApiSeen };
  managed: boolean;
  status: ApiAssetStatus;
  reason: string;
  findings: number;
}

export interface ApiAssetList {
  items: ApiAsset[];
  truncated: boolean;
  total: number;
  unmanaged: number;
}

export interface ApiBusinessServiceKpi {
  service: string | null;
  name: string | null;
  tier: number | null;
  incidents: number;
  open: number;
  riskExposure: number;
  meanTimeToResolveMs: number | null;
}

export interface ApiPage<T> {
  items: T[];
  next?: string;
}

/** `1`: utilization 0..1, `cores`: CPU cores, `s`: seconds. */
export type ApiUnit = '1' | 'cores' | 's';

export interface ApiTimeline {
  entity: ApiEntity;
  metric: 'cpu' | 'latency';
  unit: ApiUnit | null;
  series: Array<{ time: string; value: number }>;
  anomalies: ApiAnomaly[];
  incidents: ApiIncident[];
  signals: ApiSignal[];
  truncated: boolean;
}

export interface ApiKpis {
  openBySeverity: Record<IncidentSeverity, number>;
  meanTimeToResolveMs: number | null;
  incidentsOverTime: Array<{ time: string; count: number }>;
  coverage: { both: number; metricsOnly: number; signalsOnly: number };
  openByService?: Array<{ service: string | null; count: number }>;
  meanTimeToResolveOverTime?: Array<{ time: string; meanMs: number | null; resolved: number }>;
  riskExposure?: number;
  unmanagedAssets?: { total: number; unmanaged: number; percent: number | null };
  changeRelated?: { incidents: number; afterChange: number; rate: number | null };
  byBusinessService?: ApiBusinessServiceKpi[];
}

export interface ApiEntityList {
  items: string[];
  truncated: boolean;
}

export interface ApiOpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, unknown>;
}
