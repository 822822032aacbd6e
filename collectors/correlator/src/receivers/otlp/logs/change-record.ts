import type { ChangeEvent } from '../../../model/change';
import type { EntityFields } from '../entity';
import { readEntity } from '../entity';
import { isObject } from '../json';
import { attributeMap } from './any-map';
import { deploymentChange } from './deployment';
import { isK8sEventRecord, k8sEventChange } from './k8s-event';
import { SKIP_RECORD } from './log-record';

/**
 * A log record that reports a change — a deployment (`deployment.*`) or a Kubernetes event from the k8sobjects
 * receiver — as a ChangeEvent; SKIP_RECORD for a k8sobjects record that is no change; a phrase completing "a log
 * record ..." when one is broken; undefined for every other record (the signal path reads those).
 */
export function recordChange(
  record: unknown,
  resource: unknown,
  entity: EntityFields,
): ChangeEvent | typeof SKIP_RECORD | string | undefined {
  if (!isObject(record) || !mayReportChange(record.attributes, resource)) return undefined;
  const attributes = attributeMap(record.attributes);
  const here = { ...entity, ...definedFields(readEntity({ attributes: record.attributes })) };
  if (isK8sEventRecord(attributes)) {
    const read = k8sEventChange(record, attributes, here);
    if ('change' in read) return read.change;
    return 'skip' in read ? SKIP_RECORD : read.problem;
  }
  const resourceAttributes = attributeMap(isObject(resource) ? resource.attributes : undefined);
  return deploymentChange(record, attributes, resourceAttributes, here);
}

/** A cheap look at the keys first: most log records are neither, and build no maps. */
function mayReportChange(attributes: unknown, resource: unknown): boolean {
  if (hasChangeKey(attributes)) return true;
  return isObject(resource) && Array.isArray(resource.attributes)
    ? resource.attributes.some((kv) => isObject(kv) && kv.key === 'deployment.status')
    : false;
}

function hasChangeKey(attributes: unknown): boolean {
  if (!Array.isArray(attributes)) return false;
  for (const kv of attributes) {
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    const key = kv.key;
    if (key === 'k8s.resource.name' || key === 'event.domain') return true;
    if (key.startsWith('deployment.') && !key.startsWith('deployment.environment')) return true;
  }
  return false;
}

function definedFields(fields: EntityFields): EntityFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as EntityFields;
}
