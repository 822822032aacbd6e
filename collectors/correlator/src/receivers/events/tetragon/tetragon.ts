import type { NormalizeResult, Signal } from '../../../model/signal';
import { suspiciousExecRule } from '../common/exec-location';
import type { JsonObject } from '../common/fields';
import { cap, get, getObject, ipAddress, isObject, stringList, text } from '../common/fields';
import { MAX_HOST, MAX_OUTPUT, MAX_RULE, MAX_TAG, MAX_TAGS } from '../../../model/limits';
import { ASSIGNED_SEVERITY, tetragonPolicySeverity } from '../common/severity';
import { skipped } from '../common/skipped';
import { tetragonArgFacts } from './args';
import { tetragonBinaryUnlinked, tetragonPlacement, tetragonProcess } from './process';
import { parseTimestampMillis } from '../common/timestamps';
import { portNumber } from '../common/peer';

type EventClass = 'exec' | 'exit' | 'policy' | 'network' | 'loader' | 'bookkeeping';

/** Tetragon event keys (GetEventsResponse oneof), with the older network events the Tetragon book still shows. */
const EVENTS: ReadonlyMap<string, EventClass> = new Map([
  ['process_exec', 'exec'],
  ['process_exit', 'exit'],
  ['process_kprobe', 'policy'],
  ['process_tracepoint', 'policy'],
  ['process_uprobe', 'policy'],
  ['process_lsm', 'policy'],
  ['process_usdt', 'policy'],
  ['process_connect', 'network'],
  ['process_close', 'network'],
  ['process_listen', 'network'],
  ['process_accept', 'network'],
  ['process_sendmsg', 'network'],
  ['process_recvmsg', 'network'],
  ['process_loader', 'loader'],
  ['process_throttle', 'bookkeeping'],
  ['rate_limit_info', 'bookkeeping'],
  ['test', 'bookkeeping'],
]);
const PROCESS_EVENT_PREFIX = 'process_';

/**
 * One Tetragon JSON export event as a Signal. Exec and exit records are context (they teach the engine who
 * is who); policy hits (kprobe, tracepoint, uprobe, LSM, USDT) are alerts; an exec from a writable temp
 * directory, a memfd or a deleted file is an alert too.
 */
export function normalizeTetragon(record: unknown): NormalizeResult[] {
  if (!isObject(record)) return [skipped('tetragon: invalid record: not a JSON object')];
  let name: string | undefined;
  let eventClass: EventClass | undefined;
  for (const key of Object.keys(record)) {
    eventClass = EVENTS.get(key);
    if (eventClass !== undefined) {
      name = key;
      break;
    }
    if (key.startsWith(PROCESS_EVENT_PREFIX) && name === undefined) name = key;
  }
  if (name === undefined) return [skipped('tetragon: missing event (no process_exec, process_kprobe, ... key)')];
  if (eventClass === undefined)
    return [skipped(`tetragon: ${cap(name, MAX_RULE)} events carry no signal Lockstep reads`)];
  if (eventClass === 'bookkeeping') return [skipped(`tetragon: ${name} is Tetragon bookkeeping`)];
  const event = getObject(record, name);
  const process = event ? getObject(event, 'process') : undefined;
  if (!event || !process) return [skipped(`tetragon: ${name} missing process`)];
  const time =
    parseTimestampMillis(get(record, 'time')) ??
    parseTimestampMillis(get(event, 'time')) ??
    parseTimestampMillis(get(process, 'start_time'));
  if (time === undefined) return [skipped(`tetragon: ${name} missing or invalid time`)];

  const placement = tetragonPlacement(process);
  const ref = tetragonProcess(event, process, placement.containerId);
  const signal: Signal = {
    time,
    source: 'tetragon',
    kind: 'context',
    rule: name,
    severity: ASSIGNED_SEVERITY.context,
    process: ref,
  };
  const host = text(get(record, 'node_name'), MAX_HOST);
  if (host !== undefined) signal.host = host.toLowerCase();
  // The process's user (Tetragon's `process.user.name`, or root for uid 0) is the account the event is about.
  if (ref.owner !== undefined) signal.user = ref.owner;
  if (placement.containerId !== undefined) signal.containerId = placement.containerId;
  if (placement.k8sNamespace !== undefined) signal.k8sNamespace = placement.k8sNamespace;
  if (placement.k8sPod !== undefined) signal.k8sPod = placement.k8sPod;

  switch (eventClass) {
    case 'exec': {
      signal.lifecycle = 'exec';
      const rule = suspiciousExecRule(ref.exePath, { unlinked: tetragonBinaryUnlinked(process) });
      if (rule !== undefined) markSuspiciousExec(signal, rule, name);
      break;
    }
    case 'exit':
      signal.lifecycle = 'exit';
      break;
    case 'policy':
      policyHit(signal, name, event);
      break;
    case 'network':
      networkPeers(signal, event);
      break;
    case 'loader': {
      const path = text(get(event, 'path'), MAX_OUTPUT);
      if (path !== undefined) signal.output = path;
      break;
    }
  }
  return [signal];
}

function markSuspiciousExec(signal: Signal, rule: string, eventName: string): void {
  signal.kind = 'alert';
  signal.rule = rule;
  signal.severity = ASSIGNED_SEVERITY.suspiciousExec;
  signal.tags = [eventName];
  if (signal.process?.commandLine !== undefined) signal.output = cap(signal.process.commandLine, MAX_OUTPUT);
}

function policyHit(signal: Signal, eventName: string, event: JsonObject): void {
  const hook = hookName(eventName, event);
  signal.kind = 'alert';
  signal.rule = text(get(event, 'policy_name'), MAX_RULE) ?? hook ?? eventName;
  signal.severity = tetragonPolicySeverity(get(event, 'action'));
  const facts = tetragonArgFacts(get(event, 'args'));
  if (facts.srcAddress !== undefined) signal.srcAddress = facts.srcAddress;
  if (facts.srcPort !== undefined) signal.srcPort = facts.srcPort;
  if (facts.destAddress !== undefined) signal.destAddress = facts.destAddress;
  if (facts.destPort !== undefined) signal.destPort = facts.destPort;
  const output =
    text(get(event, 'message'), MAX_OUTPUT) ?? [hook, facts.summary].filter((part) => part !== undefined).join(' ');
  if (output.length > 0) signal.output = cap(output, MAX_OUTPUT);
  const tags = stringList(get(event, 'tags'), MAX_TAGS - 1, MAX_TAG) ?? [];
  signal.tags = [eventName, ...tags];
}

/** The kernel or user-space hook an event fired on, per event type. */
function hookName(eventName: string, event: JsonObject): string | undefined {
  switch (eventName) {
    case 'process_tracepoint': {
      const subsys = text(get(event, 'subsys'), MAX_RULE);
      const tracepoint = text(get(event, 'event'), MAX_RULE);
      return subsys !== undefined && tracepoint !== undefined ? cap(`${subsys}/${tracepoint}`, MAX_RULE) : tracepoint;
    }
    case 'process_uprobe':
      return text(get(event, 'symbol'), MAX_RULE) ?? text(get(event, 'path'), MAX_RULE);
    case 'process_usdt': {
      const provider = text(get(event, 'provider'), MAX_RULE);
      const probe = text(get(event, 'name'), MAX_RULE);
      return provider !== undefined && probe !== undefined ? cap(`${provider}:${probe}`, MAX_RULE) : probe;
    }
    default:
      return text(get(event, 'function_name'), MAX_RULE);
  }
}

/** The older process_connect/close/listen events carry the socket's addresses at the top of the event. */
function networkPeers(signal: Signal, event: JsonObject): void {
  const source = ipAddress(get(event, 'source_ip')) ?? ipAddress(get(event, 'ip'));
  const destination = ipAddress(get(event, 'destination_ip'));
  if (source !== undefined) {
    signal.srcAddress = source;
    const port = portNumber(String(get(event, 'source_port') ?? get(event, 'port') ?? ''));
    if (port !== undefined) signal.srcPort = port;
  }
  if (destination !== undefined) {
    signal.destAddress = destination;
    const port = portNumber(String(get(event, 'destination_port') ?? ''));
    if (port !== undefined) signal.destPort = port;
  }
}
