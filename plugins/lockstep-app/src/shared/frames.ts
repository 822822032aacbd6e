/**
 * Names of the data frames the data source returns and the spike panel and app pages read. The data source owns
 * the conversion (API JSON -> frames); readers look frames up by `frame.name` and fields by name, never by
 * position. Times are epoch-ms `FieldType.time` fields; nested objects (culprit, process, contributors, signals)
 * travel as `FieldType.other` values holding the API's own JSON objects (untrusted strings inside: render them
 * as React text only).
 *
 * - `series`     time, value                       (timeline; meta.custom = { metric, unit, entity })
 * - `anomalies`  id, start, end, metric, unit, baseline, peak, host, container, service, contributors
 * - `signals`    time, timeEnd, source, rule, severity, output, host, container, process_name, pid, count, match,
 *                process
 * - `incidents`  id, start, end, status, severity, score, host, container, service, culprit_name, culprit_pid,
 *                culprit, signals, anomalies, summary_ops, summary_security, summary_business
 * - `processes`  pid, name, path, command_line, owner, container, share, process
 * - `kpi`        depends on the KPI (see the data source's kpi conversion)
 */
export const FRAME = {
  series: 'series',
  anomalies: 'anomalies',
  signals: 'signals',
  incidents: 'incidents',
  processes: 'processes',
  kpi: 'kpi',
} as const;

export type FrameName = (typeof FRAME)[keyof typeof FRAME];
