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
    ['incidentsOverTime', { time: [T9, T9 + HOUR, T9 + 2 * HOUR], value: [1, 1, 0] }],
    ['meanTimeToResolveOverTime', { time: [T9, T9 + HOUR, T9 + 2 * HOUR], value: [720_000, null, null] }],
    ['unmanagedAssets', { value: [66.7] }],
    ['changeRelated', { value: [0] }],
  ])('%s', (kpi, expected) => {
    const frame = kpiFrameOf(kpi, kpis);
    expect(frame.name).toBe(FRAME.kpi);
    expect(frame.meta?.custom).toEqual({ kpi });
    expect(Object.fromEntries(frame.fields.map((f) => [f.name, values(frame, f.name)]))).toEqual(expected);
    const shape = 'time' in expected ? 'series' : 'label' in expected ? 'rows' : 'single';
    expect(KPI_FRAMES[kpi]).toBe(shape);
  });

  it('byBusinessService: a table row per business service and tier, "unassigned" for entities no entry names', () => {
    const frame = kpiFrameOf('byBusinessService', kpis);
    expect(KPI_FRAMES.byBusinessService).toBe('table');
    expect(Object.fromEntries(frame.fields.map((f) => [f.name, values(frame, f.name)]))).toEqual({
      service: ['unassigned'],
      name: ['unassigned'],
      tier: [null],
      incidents: [2],
      open: [1],
      risk: [3.6],
      mean_time_to_resolve: [720_000],
    });
    const named = kpiFrameOf('byBusinessService', {
      ...kpis,
      byBusinessService: [
        {
          service: 'checkout',
          name: 'Online order processing <b>',
          tier: 1,
          incidents: 3,
          open: 1,
          riskExposure: 7.2,
          meanTimeToResolveMs: null,
        },
      ],
    });
    expect(values(named, 'name')).toEqual(['Online order processing <b>']);
    expect(values(named, 'tier')).toEqual([1]);
    expect(field(named, 'mean_time_to_resolve').config).toMatchObject({ unit: 'ms' });
  });

  it('gives the unmanaged share in percent and the change-related share as a ratio, no row when nothing was seen', () => {
    expect(field(kpiFrameOf('unmanagedAssets', kpis), 'value').config).toMatchObject({ unit: 'percent', max: 100 });
    expect(field(kpiFrameOf('changeRelated', kpis), 'value').config).toMatchObject({ unit: 'percentunit', max: 1 });
    const none = { ...kpis, unmanagedAssets: { total: 0, unmanaged: 0, percent: null } };
    expect(kpiFrameOf('unmanagedAssets', none).length).toBe(0);
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
