import type { ChangeEvent } from '../../../model/change';
import { MAX_HOST, MAX_ID, MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import { parseIsoMillis } from '../../../model/time';
import type { EntityFields } from '../entity';
import { isObject, OBSERVED_TIME_MS, readTime } from '../json';
import { anyToPlain } from './any-map';
import { placeChange } from './place';

type Plain = Record<string, unknown>;

/** What a record from the Collector's k8sobjects receiver (`events` resource) says, once read. */
export type K8sRead = { change: ChangeEvent } | { skip: string } | { problem: string };

/**
 * Kubernetes events reason by reason: those that change what runs, and the kind of change each is. A rollout is
 * the Deployment's `ScalingReplicaSet`; the pods it starts and stops on a node are the kubelet's `Started` and
 * `Killing` (they carry the node, so a host's spike meets them); StatefulSet and DaemonSet pods, autoscaling, a
 * node reboot. The other reasons report a state (`BackOff`, `Unhealthy`, `FailedScheduling`) or a step of the
 * above (`Scheduled`, `Pulling`, `Pulled`, `Created`, a ReplicaSet's pod bookkeeping).
 */
const CHANGES: ReadonlyArray<{ kind: string; reason: string; change: string }> = [
  { kind: 'Deployment', reason: 'ScalingReplicaSet', change: 'deploy' },
  { kind: 'StatefulSet', reason: 'SuccessfulCreate', change: 'deploy' },
  { kind: 'StatefulSet', reason: 'SuccessfulDelete', change: 'deploy' },
  { kind: 'DaemonSet', reason: 'SuccessfulCreate', change: 'deploy' },
  { kind: 'DaemonSet', reason: 'SuccessfulDelete', change: 'deploy' },
  { kind: 'Pod', reason: 'Started', change: 'deploy' },
  { kind: 'Pod', reason: 'Killing', change: 'deploy' },
  { kind: 'HorizontalPodAutoscaler', reason: 'SuccessfulRescale', change: 'scale' },
  { kind: 'Node', reason: 'Rebooted', change: 'restart' },
];
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
/** The kubelet reports as itself on its node: `reportingInstance` is the node's name. */
const KUBELET = 'kubelet';

/**
 * Whether a log record comes from the k8sobjects receiver watching or pulling `events`: it marks the resource in
 * `k8s.resource.name`, and in watch mode `event.domain: k8s`.
 */
export function isK8sEventRecord(attributes: Map<string, unknown>): boolean {
  return attributes.get('k8s.resource.name') === 'events' || attributes.get('event.domain') === 'k8s';
}

/**
 * A k8sobjects record as a change. The body is the Event (pull mode, and watch mode with `event.type`), or
 * `{type, object}` (watch mode in older Collectors); a DELETED watch is the API server expiring the event, no change.
 * Both Event APIs are read: core/v1 (`involvedObject`, `message`, `source`) and events.k8s.io/v1 (`regarding`,
 * `note`, `deprecatedSource`).
 */
export function k8sEventChange(
  record: Record<string | symbol, unknown>,
  attributes: Map<string, unknown>,
  entity: EntityFields,
): K8sRead {
  const body = anyToPlain(record.body);
  if (!isObject(body)) return { problem: 'from the k8sobjects receiver has no map body' };
  const wrapped = isObject(body.object) ? body : undefined;
  const event = (wrapped?.object ?? body) as Plain;
  const watch = text(wrapped?.type ?? attributes.get('event.type'), 16);
  if (watch === 'DELETED' || watch === 'PullEnd') return { skip: `k8s: a ${watch} watch record is no change` };
  if (event.kind !== 'Event')
    return { skip: `k8s: a ${text(event.kind, 32) ?? 'nameless'} object is read only as events` };
  const involved = (isObject(event.involvedObject) ? event.involvedObject : event.regarding) as Plain | undefined;
  const kind = text(involved?.kind, 64);
  const reason = text(event.reason, 64);
  const rule = CHANGES.find((c) => c.kind === kind && c.reason === reason);
  if (rule === undefined || kind === undefined) {
    return { skip: `k8s: ${kind ?? 'an object'} ${reason ?? 'event'} reports a state or a step, no change` };
  }
  const time =
    eventTime(event) ??
    readTime(record, OBSERVED_TIME_MS, record.observedTimeUnixNano ?? record.observed_time_unix_nano);
  if (time === undefined)
    return { problem: 'from the k8sobjects receiver has no event time and no observedTimeUnixNano' };
  const name = text(involved?.name, MAX_NAME) ?? '?';
  const namespace = text(involved?.namespace, MAX_NAME) ?? entity.k8sNamespace;
  const message = text(event.message ?? event.note, MAX_OUTPUT) ?? reason;
  const where = namespace === undefined ? name : `${namespace}/${name}`;
  const change: ChangeEvent = {
    kind: 'change',
    time,
    source: 'k8s',
    change: rule.change,
    summary: `${kind} ${where}: ${message}`,
  };
  const metadata = isObject(event.metadata) ? event.metadata : {};
  const uid = text(metadata.uid, MAX_ID);
  // One Event object counts repeats; each count is its own occurrence of the change.
  if (uid !== undefined) change.id = `k8s-${uid}-${typeof event.count === 'number' ? event.count : 1}`;
  const source = (isObject(event.source) ? event.source : event.deprecatedSource) as Plain | undefined;
  const actor = text(event.reportingController ?? source?.component ?? event.reportingComponent, MAX_NAME);
  if (actor !== undefined) change.actor = actor;
  const node =
    text(source?.host, MAX_HOST) ?? (actor === KUBELET ? text(event.reportingInstance, MAX_HOST) : undefined);
  if (node !== undefined) change.host = node.toLowerCase();
  if (namespace !== undefined) change.k8sNamespace = namespace;
  if (kind === 'Pod') change.k8sPod = name;
  const workload = WORKLOADS.has(kind) ? name : kind === 'Pod' ? workloadOfPod(name) : undefined;
  if (workload !== undefined) change.service = workload;
  placeChange(change, { ...entity, hostName: undefined, hostId: undefined });
  return { change };
}

/** lastTimestamp, else eventTime (events.k8s.io), the series' last observation, firstTimestamp. */
function eventTime(event: Plain): number | undefined {
  const series = isObject(event.series) ? event.series : {};
  for (const value of [
    event.lastTimestamp,
    event.deprecatedLastTimestamp,
    series.lastObservedTime,
    event.eventTime,
    event.firstTimestamp,
    event.deprecatedFirstTimestamp,
  ]) {
    const ms = parseIsoMillis(value);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/**
 * The workload a pod belongs to, from the suffixes its controller generated: `checkout-7d9f8c6b5-x2x4p` (a
 * Deployment's ReplicaSet hash and the pod's own) or `db-0` (a StatefulSet ordinal). The OpenTelemetry operator
 * names a pod's `service.name` after that workload by default, so the change meets the service's spikes.
 */
export function workloadOfPod(pod: string): string | undefined {
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod);
  if (deployment) return deployment[1];
  const statefulSet = /^(.+)-\d+$/.exec(pod);
  return statefulSet?.[1];
}

function text(value: unknown, limit: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.length > limit ? value.slice(0, limit) : value;
}
