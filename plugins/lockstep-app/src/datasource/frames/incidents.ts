import { createDataFrame, FieldType, type DataFrame, type DataLink } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiIncident } from '../api/types';
import { HIDDEN, ms } from './values';

/** The `incidents` frame (see common/frames.ts): one row per incident, newest first as the API lists them. */
export function incidentsFrame(incidents: ApiIncident[], links: DataLink[] = []): DataFrame {
  const column = <T>(pick: (incident: ApiIncident) => T): T[] => incidents.map(pick);
  return createDataFrame({
    name: FRAME.incidents,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'id', type: FieldType.string, values: column((i) => i.id), config: { displayName: 'Incident', links } },
      { name: 'start', type: FieldType.time, values: column((i) => ms(i.start)) },
      { name: 'end', type: FieldType.time, values: column((i) => ms(i.end)) },
      { name: 'status', type: FieldType.string, values: column((i) => i.status) },
      { name: 'severity', type: FieldType.string, values: column((i) => i.severity) },
      {
        name: 'score',
        type: FieldType.number,
        values: column((i) => i.score),
        config: { min: 0, max: 1, decimals: 2 },
      },
      { name: 'host', type: FieldType.string, values: column((i) => i.entity['host.name'] ?? null) },
      { name: 'container', type: FieldType.string, values: column((i) => i.entity['container.id'] ?? null) },
      { name: 'service', type: FieldType.string, values: column((i) => i.entity['service.name'] ?? null) },
      {
        name: 'culprit_name',
        type: FieldType.string,
        values: column((i) => i.culprit?.['process.executable.name'] ?? null),
        config: { displayName: 'Culprit' },
      },
      {
        name: 'culprit_pid',
        type: FieldType.number,
        values: column((i) => i.culprit?.['process.pid'] ?? null),
        config: { displayName: 'PID', decimals: 0 },
      },
      { name: 'culprit', type: FieldType.other, values: column((i) => i.culprit), config: HIDDEN },
      { name: 'signals', type: FieldType.other, values: column((i) => i.signals), config: HIDDEN },
      { name: 'anomalies', type: FieldType.other, values: column((i) => i.anomalies), config: HIDDEN },
      { name: 'changes', type: FieldType.other, values: column((i) => i.changes ?? []), config: HIDDEN },
      { name: 'business', type: FieldType.other, values: column((i) => i.business ?? null), config: HIDDEN },
      { name: 'summary_ops', type: FieldType.string, values: column((i) => i.summary.ops) },
      { name: 'summary_security', type: FieldType.string, values: column((i) => i.summary.security) },
      { name: 'summary_business', type: FieldType.string, values: column((i) => i.summary.business) },
    ],
  });
}
