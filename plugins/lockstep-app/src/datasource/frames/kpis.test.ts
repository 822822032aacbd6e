import { FRAME, KPI_FRAMES } from '../../common/frames';
import { KPIS, type KpiName } from '../../common/query';
import { body } from '../__fixtures__/answers';
import { field, values } from '../__fixtures__/frames';
import type { ApiKpis } from '../api/types';
import { kpiFrameOf } from './kpis';

const HOUR = 3_600_000;
const T9 = Date.parse('2026-04-23T09:00:00.000Z');

describe('KPI frames', () => {
  const kpis = body<ApiKpis>('kpis');

  it.each<[KpiName, Record<string, unknown[]>]>([
    ['openBySeverity', { label: ['critical', 'high', 'medium', 'low'], value: [0, 1, 0, 0] }],
    ['openByService', { label: ['payments'], value: [1] }],
    ['coverage', { label: ['Metrics and signals', 'Metrics only', 'Signals only'], value: [1, 1, 1] }],
    ['meanTimeToResolve', { value: [720_000] }],
    ['riskExposure', { value: [3.6] }],
    ['incidentsOverTime', { time: [T9, T9 + HOUR, T9 + 2 * HOUR], value: [1, 1, 1] }],
    ['meanTimeToResolveOverTime', { time: [T9, T9 + HOUR, T9 + 2 * HOUR], value: [720_000, null, null] }],
  ])('%s', (kpi, expected) => {
    const frame = kpiFrameOf(kpi, kpis);
    expect(frame.name).toBe(FRAME.kpi);
    expect(frame.meta?.custom).toEqual({ kpi });
    expect(Object.fromEntries(frame.fields.map((f) => [f.name, values(frame, f.name)]))).toEqual(expected);
    const shape = 'time' in expected ? 'series' : 'label' in expected ? 'rows' : 'single';
    expect(KPI_FRAMES[kpi]).toBe(shape);
  });

  it('covers every KPI the editor offers', () => {
    expect(KPIS.map((k) => k.value).sort()).toEqual(Object.keys(KPI_FRAMES).sort());
  });

  it('lists open incidents without a service as "unassigned"', () => {
    const frame = kpiFrameOf('openByService', { ...kpis, openByService: [{ service: null, count: 2 }] });
    expect(values(frame, 'label')).toEqual(['unassigned']);
  });

  it('gives a stat no row when nothing resolved, and says what each value is', () => {
    const frame = kpiFrameOf('meanTimeToResolve', { ...kpis, meanTimeToResolveMs: null });
    expect(frame.length).toBe(0);
    expect(field(frame, 'value').config).toMatchObject({ unit: 'ms', displayName: 'Mean time to resolve' });
  });

  it('says in a sentence when an older correlator lacks a KPI', () => {
    const { riskExposure: _gone, ...older } = kpis;
    expect(() => kpiFrameOf('riskExposure', older)).toThrow(
      'This correlator does not report riskExposure: upgrade it to a version that does.'
    );
  });
});
