import { normalizeContainerId } from '../../../model/container';
import type { ProcessAncestor, ProcessRef } from '../../../model/process';
import type { JsonObject } from '../common/fields';
import { basename, cap, get, getObject, isObject, nonNegativeInt, ownerFromUid, text } from '../common/fields';
import { MAX_ANCESTORS, MAX_COMMAND_LINE, MAX_ID, MAX_NAME, MAX_PATH } from '../../../model/limits';
import { parseTimestampMillis } from '../common/timestamps';

/** Where a Tetragon process ran: pod namespace and name, normalized container id. */
export interface TetragonPlacement {
  containerId?: string;
  k8sNamespace?: string;
  k8sPod?: string;
}

/**
 * Identity of one Tetragon `Process` message (tetragon.proto): pid, start time, binary, arguments, exec ids.
 * `binary + ' ' + arguments` is the command line, the binary's basename the executable name.
 */
function tetragonIdentity(process: JsonObject): ProcessAncestor {
  const ref: ProcessAncestor = {};
  const pid = nonNegativeInt(get(process, 'pid'));
  if (pid !== undefined) ref.pid = pid;
  const startTime = parseTimestampMillis(get(process, 'start_time'));
  if (startTime !== undefined) ref.startTime = startTime;
  const binary = text(get(process, 'binary'), MAX_PATH);
  if (binary !== undefined) {
    // The parent of a kernel thread is `<kernel>`: a name, not a path.
    if (binary.startsWith('/')) ref.exePath = binary;
    ref.name = cap(basename(binary), MAX_NAME);
    const args = text(get(process, 'arguments'), MAX_COMMAND_LINE);
    ref.commandLine = cap(args === undefined ? binary : `${binary} ${args}`, MAX_COMMAND_LINE);
  }
  const execId = text(get(process, 'exec_id'), MAX_ID);
  if (execId !== undefined) ref.execId = execId;
  return ref;
}

export function tetragonPlacement(process: JsonObject): TetragonPlacement {
  const out: TetragonPlacement = {};
  const pod = getObject(process, 'pod');
  const container = pod ? getObject(pod, 'container') : undefined;
  // `docker` holds the first hex digits of the id; the pod block has it in full.
  const containerId =
    normalizeContainerId(container ? get(container, 'id') : undefined) ?? normalizeContainerId(get(process, 'docker'));
  if (containerId !== undefined) out.containerId = containerId;
  if (pod) {
    const namespace = text(get(pod, 'namespace'), MAX_NAME);
    if (namespace !== undefined) out.k8sNamespace = namespace;
    const name = text(get(pod, 'name'), MAX_NAME);
    if (name !== undefined) out.k8sPod = name;
  }
  return out;
}

/** The full ProcessRef of an event's `process`, with its `parent` block and `ancestors` list. */
export function tetragonProcess(event: JsonObject, process: JsonObject, containerId: string | undefined): ProcessRef {
  const ref: ProcessRef = tetragonIdentity(process);
  const parentExecId = text(get(process, 'parent_exec_id'), MAX_ID);
  if (parentExecId !== undefined) ref.parentExecId = parentExecId;
  const user = getObject(process, 'user');
  const owner =
    (user ? text(get(user, 'name'), MAX_NAME) : undefined) ?? ownerFromUid(nonNegativeInt(get(process, 'uid')));
  if (owner !== undefined) ref.owner = owner;
  if (containerId !== undefined) ref.containerId = containerId;
  const parentBlock = getObject(event, 'parent');
  if (parentBlock) {
    const parent = tetragonIdentity(parentBlock);
    if (Object.keys(parent).length > 0) ref.parent = parent;
    if (parent.pid !== undefined) ref.ppid = parent.pid;
  }
  const ancestors = ancestorNames(get(event, 'ancestors'));
  if (ancestors) ref.ancestorNames = ancestors;
  return ref;
}

/** `ancestors` (newer Tetragon): processes beyond the parent, nearest first; their binaries' basenames. */
function ancestorNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value) {
    if (out.length >= MAX_ANCESTORS) break;
    const binary = isObject(item) ? text(get(item, 'binary'), MAX_PATH) : undefined;
    if (binary !== undefined) out.push(cap(basename(binary), MAX_NAME));
  }
  return out.length > 0 ? out : undefined;
}

/**
 * Tetragon sets `binary_properties.file` only when the executed file is a memfd, anonymous shared memory or
 * deleted from the file system (tetragon.proto, BinaryProperties): its presence is the verdict.
 */
export function tetragonBinaryUnlinked(process: JsonObject): boolean {
  const properties = getObject(process, 'binary_properties');
  return properties !== undefined && getObject(properties, 'file') !== undefined;
}
