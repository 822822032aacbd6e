import type { ChangeEvent } from '../../../model/change';
import { MAX_ID, MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import type { EntityFields } from '../entity';
import { isObject, OBSERVED_TIME_MS, readTime, TIME_MS } from '../json';
import { anyToPlain } from './any-map';
import { placeChange } from './place';

/**
 * A log record that reports a deployment, by the OpenTelemetry `deployment.*` attributes: `deployment.id`,
 * `deployment.name`, `deployment.status` (`succeeded`, `failed`) on the record — a CI/CD tool's event — or
 * `deployment.status` on the resource. (`deployment.environment.name` alone describes where telemetry runs, not a
 * change.) Returns undefined for other records, a phrase completing "a log record ..." when one is broken.
 */
export function deploymentChange(
  record: Record<string | symbol, unknown>,
  attributes: Map<string, unknown>,
  resource: Map<string, unknown>,
  entity: EntityFields,
): ChangeEvent | string | undefined {
  const id = str(attributes.get('deployment.id'), MAX_ID);
  const name = str(attributes.get('deployment.name'), MAX_NAME);
  const status = str(attributes.get('deployment.status') ?? resource.get('deployment.status'), 32);
  if (id === undefined && name === undefined && status === undefined) return undefined;
  const time =
    readTime(record, TIME_MS, record.timeUnixNano ?? record.time_unix_nano) ??
    readTime(record, OBSERVED_TIME_MS, record.observedTimeUnixNano ?? record.observed_time_unix_nano);
  if (time === undefined) return 'has neither a timeUnixNano nor an observedTimeUnixNano';
  const version = str(attributes.get('service.version') ?? resource.get('service.version'), MAX_NAME);
  const body = isObject(record.body) ? str(anyToPlain(record.body), MAX_OUTPUT) : undefined;
  const what = [name ?? entity.serviceName, version].filter((p) => p !== undefined).join(' ');
  const summary = (what === '' ? (body ?? id ?? 'a deployment') : what) + (status === 'failed' ? ' (failed)' : '');
  const change: ChangeEvent = { kind: 'change', time, source: 'otlp', change: 'deploy', summary };
  if (id !== undefined) change.id = id;
  const actor = str(
    attributes.get('enduser.id') ?? attributes.get('user.name') ?? resource.get('enduser.id'),
    MAX_NAME,
  );
  if (actor !== undefined) change.actor = actor;
  placeChange(change, entity);
  return change;
}

function str(value: unknown, limit: number): string | undefined {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.length > limit ? value.slice(0, limit) : value;
}
