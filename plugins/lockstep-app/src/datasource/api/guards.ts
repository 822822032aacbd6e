import type { ApiAssetList, ApiEntityList, ApiIncident, ApiKpis, ApiOpenApi, ApiPage, ApiTimeline } from './types';

/**
 * Shape checks at the boundary: enough to tell a Lockstep answer from anything else that can answer on the same
 * URL (an HTML login page, another API's JSON), not a full validation (the frame conversion tolerates gaps).
 */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isObjectArray = (value: unknown): value is Array<Record<string, unknown>> =>
  Array.isArray(value) && value.every(isObject);

export function isPage<T>(value: unknown): value is ApiPage<T> {
  return isObject(value) && isObjectArray(value.items) && (value.next === undefined || typeof value.next === 'string');
}

export function isIncident(value: unknown): value is ApiIncident {
  return isObject(value) && value.type === 'incident' && typeof value.id === 'string' && isObject(value.entity);
}

export function isTimeline(value: unknown): value is ApiTimeline {
  return (
    isObject(value) &&
    isObjectArray(value.series) &&
    isObjectArray(value.anomalies) &&
    isObjectArray(value.incidents) &&
    isObjectArray(value.signals)
  );
}

export function isKpis(value: unknown): value is ApiKpis {
  return isObject(value) && isObject(value.openBySeverity) && Array.isArray(value.incidentsOverTime);
}

export function isAssetList(value: unknown): value is ApiAssetList {
  return (
    isObject(value) &&
    isObjectArray(value.items) &&
    typeof value.total === 'number' &&
    typeof value.unmanaged === 'number'
  );
}

export function isEntityList(value: unknown): value is ApiEntityList {
  return isObject(value) && Array.isArray(value.items) && value.items.every((item) => typeof item === 'string');
}

/** The correlator's OpenAPI document: its title and the incidents route are what make it Lockstep's. */
export function isLockstepOpenApi(value: unknown): value is ApiOpenApi {
  return (
    isObject(value) &&
    isObject(value.info) &&
    value.info.title === 'Lockstep query API' &&
    isObject(value.paths) &&
    '/api/v1/incidents' in value.paths
  );
}
