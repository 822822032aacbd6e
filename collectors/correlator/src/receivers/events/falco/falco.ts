import type { NormalizeResult, Signal } from '../../../model/signal';
import type { JsonObject } from '../common/fields';
import { get, getObject, isObject, stringList, text } from '../common/fields';
import { falcoContainerId, falcoProcess } from './process';
import { MAX_HOST, MAX_NAME, MAX_OUTPUT, MAX_RULE, MAX_TAG, MAX_TAGS } from '../../../model/limits';
import { falcoSeverity } from '../common/severity';
import { skipped } from '../common/skipped';
import { falcoNetwork } from './network';
import { falcoTime } from './time';

/** Falco's own bookkeeping (metrics snapshots, syscall drop notices) uses rule names with this prefix. */
const INTERNAL_RULE_PREFIX = 'Falco internal:';
const EMPTY: JsonObject = Object.freeze({});

/**
 * One Falco JSON alert (`json_output: true`) as a Signal. Every Falco rule is a detection (`alert`); Falco's
 * internal events are skipped. Time: see falcoTime.
 */
export function normalizeFalco(record: unknown): NormalizeResult[] {
  if (!isObject(record)) return [skipped('falco: invalid record: not a JSON object')];
  const rule = text(get(record, 'rule'), MAX_RULE);
  if (rule === undefined) return [skipped('falco: missing rule')];
  if (rule.startsWith(INTERNAL_RULE_PREFIX)) return [skipped(`falco: internal event "${rule}" carries no detection`)];
  const fields = getObject(record, 'output_fields') ?? EMPTY;
  const when = falcoTime(record, fields);
  if ('problem' in when) return [skipped(when.problem)];

  const signal: Signal = {
    time: when.time,
    source: 'falco',
    kind: 'alert',
    rule,
    severity: falcoSeverity(get(record, 'priority')),
  };
  const host = text(get(record, 'hostname'), MAX_HOST) ?? text(get(fields, 'evt.hostname'), MAX_HOST);
  if (host !== undefined) signal.host = host.toLowerCase();
  const containerId = falcoContainerId(fields);
  if (containerId !== undefined) signal.containerId = containerId;
  const namespace = text(get(fields, 'k8s.ns.name'), MAX_NAME);
  if (namespace !== undefined) signal.k8sNamespace = namespace;
  const pod = text(get(fields, 'k8s.pod.name'), MAX_NAME);
  if (pod !== undefined) signal.k8sPod = pod;
  const process = falcoProcess(fields, containerId);
  if (process) signal.process = process;
  const user = text(get(fields, 'user.name'), MAX_NAME) ?? text(get(fields, 'user.loginname'), MAX_NAME);
  if (user !== undefined) signal.user = user;
  Object.assign(signal, falcoNetwork(fields));
  const output = text(get(record, 'output'), MAX_OUTPUT);
  if (output !== undefined) signal.output = output;
  const tags = stringList(get(record, 'tags'), MAX_TAGS, MAX_TAG);
  if (tags) signal.tags = tags;
  return [signal];
}
