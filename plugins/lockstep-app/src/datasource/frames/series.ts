import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiTimeline } from '../api/types';
import { grafanaUnit, ms } from './values';

function seriesName(timeline: ApiTimeline): string {
  const entity = timeline.entity;
  const where = entity['service.name'] ?? entity['container.id']?.slice(0, 12) ?? entity['host.name'] ?? '';
  const what = timeline.metric === 'latency' ? 'p95 latency' : 'CPU';
  return where === '' ? what : `${what} ${where}`;
}

/**
 * The `series` frame of a timeline: the entity's CPU or latency, oldest first. `meta.custom` carries the metric,
 * the API's unit (`1`, `cores`, `s`, or null when the correlator holds no series) and the entity.
 */
export function seriesFrame(timeline: ApiTimeline): DataFrame {
  return createDataFrame({
    name: FRAME.series,
    meta: { custom: { metric: timeline.metric, unit: timeline.unit, entity: timeline.entity } },
    fields: [
      { name: 'time', type: FieldType.time, values: timeline.series.map((p) => ms(p.time)) },
      {
        name: 'value',
        type: FieldType.number,
        values: timeline.series.map((p) => p.value),
        config: { displayName: seriesName(timeline), unit: grafanaUnit(timeline.unit) },
      },
    ],
  });
}
