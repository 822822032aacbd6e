import { dateTime, type TimeRange } from '@grafana/data';
import type { IncidentRecord } from '../../common/read-frames';
import { SEVERITY_RANK, type Severity } from '../../common/records';
import type { LockstepQuery } from '../../common/query';
import { INCIDENT_PARAM } from '../../common/links';

/** The explorer's filters, kept in the page URL so a filtered list can be shared and survives a reload. */
export interface ExplorerFilters {
  status: 'all' | 'open' | 'resolved';
  /** Lowest severity shown. */
  severity: Severity;
  /** Lowest score shown, 0..1. */
  minScore: number;
  host: string;
  container: string;
  service: string;
  range: RangeKey;
}

export type RangeKey = '1h' | '6h' | '24h' | '7d' | '30d';

const HOUR_MS = 3_600_000;

export const RANGES: ReadonlyArray<{ value: RangeKey; label: string; ms: number }> = [
  { value: '1h', label: 'Last hour', ms: HOUR_MS },
  { value: '6h', label: 'Last 6 hours', ms: 6 * HOUR_MS },
  { value: '24h', label: 'Last 24 hours', ms: 24 * HOUR_MS },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR_MS },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR_MS },
];

export const DEFAULT_FILTERS: ExplorerFilters = {
  status: 'all',
  severity: 'low',
  minScore: 0.5,
  host: '',
  container: '',
  service: '',
  range: '24h',
};

/** Rows fetched per list: the explorer filters by severity in the page, so it asks for more than a panel. */
export const LIST_LIMIT = 500;

const STATUSES: ReadonlyArray<ExplorerFilters['status']> = ['all', 'open', 'resolved'];

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function score(value: string | null): number {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : DEFAULT_FILTERS.minScore;
}

/** Filters from the URL; a value that does not parse falls back to its default. */
export function filtersFromParams(params: URLSearchParams): ExplorerFilters {
  return {
    status: oneOf(params.get('status'), STATUSES, DEFAULT_FILTERS.status),
    severity: oneOf(params.get('severity'), Object.keys(SEVERITY_RANK) as Severity[], DEFAULT_FILTERS.severity),
    minScore: score(params.get('minScore')),
    host: params.get('host')?.trim() ?? '',
    container: params.get('container')?.trim() ?? '',
    service: params.get('service')?.trim() ?? '',
    range: oneOf(
      params.get('range'),
      RANGES.map((r) => r.value),
      DEFAULT_FILTERS.range
    ),
  };
}

/** The URL parameters for the filters (defaults left out), keeping the others (e.g. `incident`). */
export function filtersToParams(filters: ExplorerFilters, current: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(current);
  for (const key of Object.keys(DEFAULT_FILTERS) as Array<keyof ExplorerFilters>) {
    const value = filters[key];
    if (value === DEFAULT_FILTERS[key] || value === '') {
      params.delete(key);
    } else {
      params.set(key, String(value));
    }
  }
  return params;
}

/** The URL parameters with one incident open (or none). */
export function withIncident(current: URLSearchParams, id: string | undefined): URLSearchParams {
  const params = new URLSearchParams(current);
  if (id === undefined) {
    params.delete(INCIDENT_PARAM);
  } else {
    params.set(INCIDENT_PARAM, id);
  }
  return params;
}

/** The data source query for the list (see common/query.ts). Severity is filtered here: the query has no field. */
export function incidentsQuery(filters: ExplorerFilters): LockstepQuery {
  return {
    refId: 'incidents',
    queryType: 'incidents',
    status: filters.status,
    minScore: filters.minScore,
    host: filters.host || undefined,
    container: filters.container || undefined,
    service: filters.service || undefined,
    limit: LIST_LIMIT,
  };
}

export function rangeOf(key: RangeKey, now: number): TimeRange {
  const span = RANGES.find((r) => r.value === key)?.ms ?? HOUR_MS;
  return { from: dateTime(now - span), to: dateTime(now), raw: { from: `now-${key}`, to: 'now' } };
}

export function atLeastSeverity(incident: IncidentRecord, min: Severity): boolean {
  return SEVERITY_RANK[incident.severity] >= SEVERITY_RANK[min];
}
