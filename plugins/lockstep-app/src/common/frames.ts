import type { KpiName } from './query';

/**
 * Names of the data frames the data source returns and the spike panel and app pages read. The data source owns
 * the conversion (API JSON -> frames); readers look frames up by `frame.name` and fields by name, never by
 * position. Times are epoch-ms `FieldType.time` fields; nested objects (culprit, process, contributors, signals)
 * travel as `FieldType.other` values holding the API's own JSON objects (untrusted strings inside: render them
 * as React text only).
 *
 * - `series`      time, value                       (timeline; meta.custom = { metric, unit, entity })
 * - `anomalies`   id, start, end, metric, unit, baseline, peak, host, container, service, contributors, changes
 * - `signals`     time, timeEnd, source, rule, severity, output, host, container, process_name, pid, count, match,
 *                 user, source_address, source_port, destination_address, destination_port, outcome, process, id
 * - `incidents`   id, start, end, status, severity, score, host, container, service, culprit_name, culprit_pid,
 *                 culprit, signals, anomalies, changes, business, summary_ops, summary_security, summary_business
 *                 (changes: the changes before the spike, closest first; business: the catalogue's terms or null)
 * - `processes`   pid, name, path, command_line, owner, container, share, instances, process, culprit
 *                 (culprit: boolean, true for the incident's culprit; share as measured so far while a spike is
 *                 open, null for a culprit none of the spikes lists; instances: how many instances of one
 *                 executable and lineage a row stands for, null for one process; meta.custom = { incidentId })
 * - `kpi`         depends on the KPI: see KPI_FRAMES (meta.custom = { kpi })
 * - `changes`     time, kind, summary, source, actor, host, container, service, reverts, temporary, id
 * - `assets`      kind, name, host, managed, status, reason, findings, metrics_first, metrics_last, signals_first,
 *                 signals_last, changes_first, changes_last (unmanaged first; meta.custom = { total, unmanaged })
 * - `annotations` time, timeEnd, title, text, tags (annotation queries only; Grafana turns them into events)
 *
 * `end` is null while an anomaly or incident is open; `timeEnd` equals `time` for a signal that did not repeat.
 */
export const FRAME = {
  series: 'series',
  anomalies: 'anomalies',
  signals: 'signals',
  incidents: 'incidents',
  processes: 'processes',
  kpi: 'kpi',
  annotations: 'annotations',
  changes: 'changes',
  assets: 'assets',
} as const;

export type FrameName = (typeof FRAME)[keyof typeof FRAME];

/** Field names of `kpi` frames. */
export const KPI_FIELD = { label: 'label', value: 'value', time: 'time' } as const;

/**
 * The shape of the `kpi` frame for each KPI, so a dashboard picks the panel that fits:
 * - `rows`   label (string) + value (number) rows: bar charts, pie charts, a stat per row
 *            (openBySeverity: critical, high, medium, low; openByService: most first, "unassigned" for none;
 *            coverage: "Metrics and signals", "Metrics only", "Signals only")
 * - `single` one value field, one row (no rows when there is nothing to average): stat panels
 *            (meanTimeToResolve in ms, riskExposure unit-less)
 * - `series` time + value: time series panels (incidentsOverTime counts per step, meanTimeToResolveOverTime in ms,
 *            null for a step where nothing resolved)
 * - `table`  one row per business service (byBusinessService: service, name, tier, incidents, open, risk,
 *            mean_time_to_resolve in ms; riskiest first; service null for entities no catalogue entry names)
 *
 * unmanagedAssets is a percent (0-100, no row when no asset was seen); changeRelated a ratio (0-1, no row when
 * no incident started in the range).
 */
export const KPI_FRAMES: Readonly<Record<KpiName, 'rows' | 'single' | 'series' | 'table'>> = {
  openBySeverity: 'rows',
  openByService: 'rows',
  coverage: 'rows',
  meanTimeToResolve: 'single',
  riskExposure: 'single',
  incidentsOverTime: 'series',
  meanTimeToResolveOverTime: 'series',
  unmanagedAssets: 'single',
  changeRelated: 'single',
  byBusinessService: 'table',
};

/** Label of `openByService`'s row for open incidents whose entity has no `service.name`. */
export const UNASSIGNED_SERVICE = 'unassigned';
