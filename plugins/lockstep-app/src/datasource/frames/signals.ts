import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiSignal } from '../api/types';
import { HIDDEN, ms } from './values';

/**
 * The `signals` frame (see common/frames.ts): one row per stored signal, newest first. A folded burst spans
 * [time, last_time] and says how many repeats it holds; a single alert has timeEnd = time and count 1.
 */
export function signalsFrame(signals: ApiSignal[]): DataFrame {
  const column = <T>(pick: (signal: ApiSignal) => T): T[] => signals.map(pick);
  return createDataFrame({
    name: FRAME.signals,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'time', type: FieldType.time, values: column((s) => ms(s.time)) },
      { name: 'timeEnd', type: FieldType.time, values: column((s) => ms(s.last_time ?? s.time)) },
      { name: 'source', type: FieldType.string, values: column((s) => s.source) },
      { name: 'rule', type: FieldType.string, values: column((s) => s.rule) },
      { name: 'severity', type: FieldType.string, values: column((s) => s.severity) },
      { name: 'output', type: FieldType.string, values: column((s) => s.output ?? null) },
      { name: 'host', type: FieldType.string, values: column((s) => s.entity['host.name'] ?? null) },
      { name: 'container', type: FieldType.string, values: column((s) => s.entity['container.id'] ?? null) },
      {
        name: 'process_name',
        type: FieldType.string,
        values: column((s) => s.process?.['process.executable.name'] ?? null),
      },
      {
        name: 'pid',
        type: FieldType.number,
        values: column((s) => s.process?.['process.pid'] ?? null),
        config: { decimals: 0 },
      },
      { name: 'count', type: FieldType.number, values: column((s) => s.count ?? 1), config: { decimals: 0 } },
      { name: 'match', type: FieldType.string, values: column((s) => s.match ?? null) },
      { name: 'user', type: FieldType.string, values: column((s) => s['user.name'] ?? null) },
      { name: 'source_address', type: FieldType.string, values: column((s) => s['source.address'] ?? null) },
      {
        name: 'source_port',
        type: FieldType.number,
        values: column((s) => s['source.port'] ?? null),
        config: { decimals: 0 },
      },
      { name: 'destination_address', type: FieldType.string, values: column((s) => s['destination.address'] ?? null) },
      {
        name: 'destination_port',
        type: FieldType.number,
        values: column((s) => s['destination.port'] ?? null),
        config: { decimals: 0 },
      },
      { name: 'outcome', type: FieldType.string, values: column((s) => s['event.outcome'] ?? null) },
      { name: 'process', type: FieldType.other, values: column((s) => s.process ?? null), config: HIDDEN },
      { name: 'id', type: FieldType.string, values: column((s) => s.id) },
    ],
  });
}
