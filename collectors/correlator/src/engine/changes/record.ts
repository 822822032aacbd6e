import type { Change, ChangeRecord } from '@lockstep/contract';
import type { ChangeEvent } from '../../model/change';
import { TEMPORARY_CHANGE_KINDS } from '../../model/change';
import { safeText } from '../../model/safe-text';
import { toIso } from '../../model/time';
import { stableId } from '../ids';

/** Characters kept of a change's summary and actor on the wire: a line a person reads, not a log. */
const SUMMARY_LIMIT = 300;
const ACTOR_LIMIT = 128;

/**
 * The change's id: the source's own (a deployment id, a change JSON id), or one derived from its content so a
 * sender that retries, or replay and the service reading the same line, name it the same.
 */
export function changeId(change: ChangeEvent): string {
  if (change.id !== undefined) return change.id;
  return stableId(
    'chg',
    change.source,
    change.change,
    change.time,
    change.host ?? '',
    change.service ?? '',
    change.containerId ?? '',
    change.summary,
  );
}

/** As anomalies and incidents list it. Untrusted text goes through the one rule for text (model/safe-text.ts). */
export function toChange(change: ChangeEvent): Change {
  const wire: Change = {
    time: toIso(change.time),
    kind: change.change,
    summary: safeText(change.summary, SUMMARY_LIMIT),
    source: change.source,
    id: changeId(change),
  };
  if (change.actor !== undefined) wire.actor = safeText(change.actor, ACTOR_LIMIT);
  return wire;
}

/** As `GET /api/v1/changes` lists it. */
export function toChangeRecord(change: ChangeEvent): ChangeRecord {
  const record: ChangeRecord = { ...toChange(change), id: changeId(change), entity: {} };
  if (change.host !== undefined) record.entity['host.name'] = change.host;
  if (change.containerId !== undefined) record.entity['container.id'] = change.containerId;
  if (change.service !== undefined) record.entity['service.name'] = change.service;
  if (change.k8sNamespace !== undefined) record.entity['k8s.namespace.name'] = change.k8sNamespace;
  if (change.k8sPod !== undefined) record.entity['k8s.pod.name'] = change.k8sPod;
  if (change.reverts !== undefined) record.reverts = change.reverts;
  if (isTemporary(change)) record.temporary = true;
  return record;
}

/** Firewall and access changes that add or open something (a revert closes, it opens nothing). */
export function isTemporary(change: ChangeEvent): boolean {
  return (
    TEMPORARY_CHANGE_KINDS.has(change.change) &&
    change.temporary !== false &&
    change.reverts === undefined &&
    change.undo?.op !== 'remove'
  );
}
