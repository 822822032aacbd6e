import { createDataFrame, FieldType, type DataFrame, type FieldConfig } from '@grafana/data';
import { FRAME, KPI_FIELD, UNASSIGNED_SERVICE } from '../../common/frames';
import type { KpiName } from '../../common/query';
import type { ApiBusinessServiceKpi, ApiKpis, IncidentSeverity } from '../api/types';
import { ms } from './values';

/** Highest first: how a bar chart of open incidents should read. */
const SEVERITY_ORDER: readonly IncidentSeverity[] = ['critical', 'high', 'medium', 'low'];

function kpiFrame(kpi: KpiName, fields: Parameters<typeof createDataFrame>[0]['fields']): DataFrame {
  return createDataFrame({ name: FRAME.kpi, meta: { custom: { kpi } }, fields });
}

function rows(kpi: KpiName, pairs: Array<[string, number]>, config: FieldConfig): DataFrame {
  return kpiFrame(kpi, [
    { name: KPI_FIELD.label, type: FieldType.string, values: pairs.map(([label]) => label) },
    { name: KPI_FIELD.value, type: FieldType.number, values: pairs.map(([, value]) => value), config },
  ]);
}

/** One value for a stat panel; no row when there is nothing to show (the stat panel then says "No data"). */
function single(kpi: KpiName, value: number | null, config: FieldConfig): DataFrame {
  return kpiFrame(kpi, [
    { name: KPI_FIELD.value, type: FieldType.number, values: value === null ? [] : [value], config },
  ]);
}

function series(kpi: KpiName, points: Array<{ time: string; value: number | null }>, config: FieldConfig): DataFrame {
  return kpiFrame(kpi, [
    { name: KPI_FIELD.time, type: FieldType.time, values: points.map((p) => ms(p.time)) },
    { name: KPI_FIELD.value, type: FieldType.number, values: points.map((p) => p.value), config },
  ]);
}

/** One row per business service, riskiest first (as the API orders them); null service: no catalogue entry. */
function businessTable(kpi: KpiName, rows: ApiBusinessServiceKpi[]): DataFrame {
  const count: FieldConfig = { decimals: 0, min: 0 };
  return kpiFrame(kpi, [
    { name: 'service', type: FieldType.string, values: rows.map((r) => r.service ?? UNASSIGNED_SERVICE) },
    { name: 'name', type: FieldType.string, values: rows.map((r) => r.name ?? r.service ?? UNASSIGNED_SERVICE) },
    { name: 'tier', type: FieldType.number, values: rows.map((r) => r.tier), config: { decimals: 0 } },
    { name: 'incidents', type: FieldType.number, values: rows.map((r) => r.incidents), config: count },
    { name: 'open', type: FieldType.number, values: rows.map((r) => r.open), config: count },
    {
      name: 'risk',
      type: FieldType.number,
      values: rows.map((r) => r.riskExposure),
      config: { decimals: 1, min: 0, displayName: 'Risk exposure' },
    },
    {
      name: 'mean_time_to_resolve',
      type: FieldType.number,
      values: rows.map((r) => r.meanTimeToResolveMs),
      config: { unit: 'ms', displayName: 'Mean time to resolve' },
    },
  ]);
}

function missing(kpi: KpiName): never {
  throw new Error(`This correlator does not report ${kpi}: upgrade it to a version that does.`);
}

/** The `kpi` frame of one KPI; its shape (rows, single, series) is KPI_FRAMES[kpi] in common/frames.ts. */
export function kpiFrameOf(kpi: KpiName, kpis: ApiKpis): DataFrame {
  const count: FieldConfig = { decimals: 0, min: 0 };
  switch (kpi) {
    case 'openBySeverity':
      return rows(
        kpi,
        SEVERITY_ORDER.map((s) => [s, kpis.openBySeverity[s] ?? 0]),
        { ...count, displayName: 'Open incidents' }
      );
    case 'openByService':
      return rows(
        kpi,
        (kpis.openByService ?? missing(kpi)).map((row) => [row.service ?? UNASSIGNED_SERVICE, row.count]),
        { ...count, displayName: 'Open incidents' }
      );
    case 'coverage':
      return rows(
        kpi,
        [
          ['Metrics and signals', kpis.coverage.both],
          ['Metrics only', kpis.coverage.metricsOnly],
          ['Signals only', kpis.coverage.signalsOnly],
        ],
        { ...count, displayName: 'Hosts' }
      );
    case 'meanTimeToResolve':
      return single(kpi, kpis.meanTimeToResolveMs, { unit: 'ms', displayName: 'Mean time to resolve' });
    case 'riskExposure':
      return single(kpi, kpis.riskExposure ?? missing(kpi), { decimals: 1, min: 0, displayName: 'Risk exposure' });
    case 'incidentsOverTime':
      return series(
        kpi,
        kpis.incidentsOverTime.map((b) => ({ time: b.time, value: b.count })),
        { ...count, displayName: 'Incidents started' }
      );
    case 'unmanagedAssets':
      return single(kpi, (kpis.unmanagedAssets ?? missing(kpi)).percent, {
        unit: 'percent',
        decimals: 1,
        min: 0,
        max: 100,
        displayName: 'Unmanaged assets',
      });
    case 'changeRelated':
      return single(kpi, (kpis.changeRelated ?? missing(kpi)).rate, {
        unit: 'percentunit',
        decimals: 0,
        min: 0,
        max: 1,
        displayName: 'Incidents after a change',
      });
    case 'byBusinessService':
      return businessTable(kpi, kpis.byBusinessService ?? missing(kpi));
    case 'meanTimeToResolveOverTime':
      return series(
        kpi,
        (kpis.meanTimeToResolveOverTime ?? missing(kpi)).map((b) => ({ time: b.time, value: b.meanMs })),
        { unit: 'ms', displayName: 'Mean time to resolve' }
      );
  }
}
