import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiAnomaly } from '../api/types';
import { HIDDEN, ms } from './values';

/** The `anomalies` frame (see common/frames.ts): one row per CPU or latency spike, newest first. */
export function anomaliesFrame(anomalies: ApiAnomaly[]): DataFrame {
  const column = <T>(pick: (anomaly: ApiAnomaly) => T): T[] => anomalies.map(pick);
  return createDataFrame({
    name: FRAME.anomalies,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'id', type: FieldType.string, values: column((a) => a.id) },
      { name: 'start', type: FieldType.time, values: column((a) => ms(a.start)) },
      { name: 'end', type: FieldType.time, values: column((a) => ms(a.end)) },
      { name: 'metric', type: FieldType.string, values: column((a) => a.metric) },
      { name: 'unit', type: FieldType.string, values: column((a) => a.unit ?? null) },
      { name: 'baseline', type: FieldType.number, values: column((a) => a.baseline) },
      { name: 'peak', type: FieldType.number, values: column((a) => a.peak) },
      { name: 'host', type: FieldType.string, values: column((a) => a.entity['host.name'] ?? null) },
      { name: 'container', type: FieldType.string, values: column((a) => a.entity['container.id'] ?? null) },
      { name: 'service', type: FieldType.string, values: column((a) => a.entity['service.name'] ?? null) },
      { name: 'contributors', type: FieldType.other, values: column((a) => a.contributors), config: HIDDEN },
      { name: 'changes', type: FieldType.other, values: column((a) => a.changes ?? []), config: HIDDEN },
    ],
  });
}
