import { FieldType } from '@grafana/data';
import { FRAME } from '../../common/frames';
import { body } from '../__fixtures__/answers';
import { field, row, values } from '../__fixtures__/frames';
import type { ApiTimeline } from '../api/types';
import { anomaliesFrame } from './anomalies';
import { seriesFrame } from './series';

describe('series frame', () => {
  it('carries the host CPU oldest first as a fraction, with metric, unit and entity in meta.custom', () => {
    const timeline = body<ApiTimeline>('timelineCpu');
    const frame = seriesFrame(timeline);
    expect(frame.name).toBe(FRAME.series);
    expect(frame.length).toBe(timeline.series.length);
    expect(frame.meta?.custom).toEqual({ metric: 'cpu', unit: '1', entity: { 'host.name': 'api-8' } });
    expect(field(frame, 'time').type).toBe(FieldType.time);
    expect(values(frame, 'time')[0]).toBe(Date.parse(timeline.series[0]?.time ?? ''));
    const times = values(frame, 'time') as number[];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(field(frame, 'value').config).toMatchObject({ unit: 'percentunit', displayName: 'CPU api-8' });
    expect(Math.max(...(values(frame, 'value') as number[]))).toBeGreaterThan(0.9);
  });

  it('shows a service latency in seconds', () => {
    const frame = seriesFrame(body<ApiTimeline>('timelineLatency'));
    expect(frame.meta?.custom).toMatchObject({ metric: 'latency', unit: 's' });
    expect(field(frame, 'value').config).toMatchObject({ unit: 's', displayName: 'p95 latency payments' });
  });

  it('is empty, unit null, for an entity the correlator holds no series for', () => {
    const frame = seriesFrame({ ...body<ApiTimeline>('timelineCpu'), series: [], unit: null });
    expect(frame.length).toBe(0);
    expect(field(frame, 'value').config.unit).toBeUndefined();
  });
});

describe('anomalies frame', () => {
  it('lists each spike with its window, levels and contributors', () => {
    const anomalies = body<ApiTimeline>('timelineCpu').anomalies;
    const frame = anomaliesFrame(anomalies);
    expect(frame.name).toBe(FRAME.anomalies);
    expect(row(frame, 0)).toEqual({
      id: 'an_3215982483b41bc7',
      start: Date.parse('2026-04-23T10:08:00.000Z'),
      end: null,
      metric: 'cpu',
      unit: '1',
      baseline: 0.1959,
      peak: 0.9803,
      host: 'api-8',
      container: null,
      service: null,
      contributors: anomalies[0]?.contributors,
      changes: [],
    });
  });
});
