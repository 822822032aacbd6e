import { normalizeContainerId } from '../../model/container';
import type { ProcessRef } from '../../model/process';
import { parseIsoMillis } from '../../model/time';
import { MAX_COMMAND_LINE, MAX_HOST, MAX_ID, MAX_NAME, MAX_PATH } from '../../model/limits';
import { anyNonNegativeInt, anyStringArray, anyText, MAX_ATTRIBUTES } from './any-value';
import { isObject } from './json';

/** Host of telemetry that names none (the hostmetrics receiver without the resourcedetection processor). */
const UNKNOWN_HOST = 'unknown';
/** An ISO timestamp is never longer than this; a longer "creation time" is not one. */
const MAX_TIME_TEXT = 64;

/**
 * What OpenTelemetry resource (or log record) attributes say about the entity that emitted the telemetry: host,
 * container, Kubernetes pod, service, and process. Strings are capped; nothing else is kept.
 */
export interface EntityFields {
  hostName?: string;
  hostId?: string;
  containerId?: string;
  containerName?: string;
  k8sNamespace?: string;
  k8sPod?: string;
  serviceName?: string;
  serviceInstanceId?: string;
  pid?: number;
  ppid?: number;
  exeName?: string;
  exePath?: string;
  commandLine?: string;
  command?: string;
  commandArgs?: string[];
  owner?: string;
  creationTime?: number;
}

/**
 * Applies one attribute (an OTLP `KeyValue`'s key and `AnyValue`) if it names the entity; ignores it otherwise.
 * One switch per attribute: callers scan an attribute list once, never look keys up repeatedly.
 */
export function applyEntityAttribute(fields: EntityFields, key: string, value: unknown): void {
  switch (key) {
    case 'host.name':
      fields.hostName = anyText(value, MAX_HOST)?.toLowerCase();
      break;
    case 'host.id':
      fields.hostId = anyText(value, MAX_HOST)?.toLowerCase();
      break;
    case 'container.id':
      fields.containerId = normalizeContainerId(anyText(value, MAX_ID));
      break;
    case 'container.name':
      fields.containerName = anyText(value, MAX_NAME);
      break;
    case 'process.cgroup':
      // The hostmetrics process scraper's cgroup path (e.g. /system.slice/docker-<id>.scope); container.id wins.
      fields.containerId ??= normalizeContainerId(anyText(value, MAX_PATH));
      break;
    case 'k8s.namespace.name':
      fields.k8sNamespace = anyText(value, MAX_NAME);
      break;
    case 'k8s.pod.name':
      fields.k8sPod = anyText(value, MAX_NAME);
      break;
    case 'service.name':
      fields.serviceName = anyText(value, MAX_NAME);
      break;
    case 'service.instance.id':
      fields.serviceInstanceId = anyText(value, MAX_ID);
      break;
    case 'process.pid':
      fields.pid = anyNonNegativeInt(value);
      break;
    case 'process.parent_pid':
      fields.ppid = anyNonNegativeInt(value);
      break;
    case 'process.executable.name':
      fields.exeName = anyText(value, MAX_NAME);
      break;
    case 'process.executable.path':
      fields.exePath = anyText(value, MAX_PATH);
      break;
    case 'process.command_line':
      fields.commandLine = anyText(value, MAX_COMMAND_LINE);
      break;
    case 'process.command':
      fields.command = anyText(value, MAX_COMMAND_LINE);
      break;
    case 'process.command_args':
      fields.commandArgs = anyStringArray(value, MAX_COMMAND_LINE);
      break;
    case 'process.owner':
      fields.owner = anyText(value, MAX_NAME);
      break;
    case 'process.creation.time':
      fields.creationTime = parseIsoMillis(anyText(value, MAX_TIME_TEXT));
      break;
  }
}

/** Entity fields of an OTLP `Resource` (or any object with an `attributes` KeyValue list). */
export function readEntity(resource: unknown): EntityFields {
  const fields: EntityFields = {};
  if (isObject(resource)) applyAttributes(fields, resource.attributes);
  return fields;
}

/** Applies the entity attributes of a KeyValue list (at most MAX_ATTRIBUTES of them); ignores the rest. */
function applyAttributes(fields: EntityFields, attributes: unknown): void {
  if (!Array.isArray(attributes)) return;
  const n = Math.min(attributes.length, MAX_ATTRIBUTES);
  for (let i = 0; i < n; i++) {
    const kv: unknown = attributes[i];
    if (isObject(kv) && typeof kv.key === 'string') applyEntityAttribute(fields, kv.key, kv.value);
  }
}

/** `host.name`, else `host.id`, else "unknown"; lowercase. */
export function entityHost(fields: EntityFields): string {
  return fields.hostName ?? fields.hostId ?? UNKNOWN_HOST;
}

/**
 * The process the fields describe, or undefined when they name none. The command line falls back to
 * `process.command` + `process.command_args` (the semantic conventions' split form).
 */
export function entityProcess(fields: EntityFields): ProcessRef | undefined {
  const ref: ProcessRef = {};
  if (fields.pid !== undefined) ref.pid = fields.pid;
  if (fields.ppid !== undefined) ref.ppid = fields.ppid;
  if (fields.exeName !== undefined) ref.name = fields.exeName;
  if (fields.exePath !== undefined) ref.exePath = fields.exePath;
  const commandLine = fields.commandLine ?? joinedCommand(fields);
  if (commandLine !== undefined) ref.commandLine = commandLine;
  if (fields.owner !== undefined) ref.owner = fields.owner;
  if (fields.creationTime !== undefined) ref.startTime = fields.creationTime;
  // A container id alone names a container, not a process.
  if (Object.keys(ref).length === 0) return undefined;
  if (fields.containerId !== undefined) ref.containerId = fields.containerId;
  return ref;
}

function joinedCommand(fields: EntityFields): string | undefined {
  const args = fields.commandArgs;
  if (args === undefined) return fields.command;
  // command_args starts with the command itself (argv); `process.command` only when args are absent.
  const line = args.join(' ');
  return line.length > MAX_COMMAND_LINE ? line.slice(0, MAX_COMMAND_LINE) : line;
}

/**
 * A key naming one emitting entity (host, container, pod, service instance, pid), for per-series state.
 * Process start time is deliberately not part of it: a reused pid must meet its predecessor's state so the
 * change of start time is seen as a restart rather than leaving the old series to linger.
 */
export function entityKey(fields: EntityFields): string {
  return [
    entityHost(fields),
    fields.containerId ?? '',
    fields.k8sNamespace ?? '',
    fields.k8sPod ?? '',
    fields.serviceName ?? '',
    fields.serviceInstanceId ?? '',
    fields.pid ?? '',
  ].join('\u0000');
}
