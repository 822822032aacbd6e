import type { ChangeEvent } from '../../../model/change';
import type { EntityFields } from '../entity';

/** Where a change from an OTLP log record was made: its resource's (and record's) host, container, pod, service. */
export function placeChange(change: ChangeEvent, entity: EntityFields): void {
  const host = entity.hostName ?? entity.hostId;
  if (host !== undefined) change.host ??= host;
  if (entity.serviceName !== undefined) change.service ??= entity.serviceName;
  if (entity.containerId !== undefined) change.containerId ??= entity.containerId;
  if (entity.k8sNamespace !== undefined) change.k8sNamespace ??= entity.k8sNamespace;
  if (entity.k8sPod !== undefined) change.k8sPod ??= entity.k8sPod;
}
