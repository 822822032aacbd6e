import type { Signal } from '../../../model/signal';
import { MAX_NAME, MAX_OUTPUT, MAX_RULE, MAX_TAG } from '../../../model/limits';
import { anyText, MAX_ATTRIBUTES } from '../any-value';
import type { EntityFields } from '../entity';
import { applyEntityAttribute, entityProcess } from '../entity';
import { isObject, OBSERVED_TIME_MS, readTime, TIME_MS } from '../json';
import { logSeverity } from './log-severity';

/** What a log record's `security_rule.*` attributes (OpenTelemetry semantic conventions) say. */
interface SecurityRule {
  present: boolean;
  name?: string;
  uuid?: string;
  category?: string;
  ruleset?: string;
  description?: string;
}

const SECURITY_RULE_PREFIX = 'security_rule.';
/** ECS-style `event.kind` values that mark a record as a detection rather than an observation. */
const ALERT_EVENT_KINDS = new Set(['alert', 'signal']);
/** A security_rule record with neither a name nor an event name still gets a rule label. */
const UNNAMED_RULE = 'unnamed security rule';
export const SKIP_RECORD = 'skip';

/**
 * One OTLP LogRecord as a Signal, `SKIP_RECORD` when it is not a security signal (neither `security_rule.*`
 * attributes nor an event name), or a phrase completing "a log record ..." when it is malformed. Record
 * attributes naming the host, container or process override the resource's.
 */
export function logRecordSignal(record: unknown, resource: EntityFields): Signal | string {
  if (!isObject(record)) return 'is not an object';
  const rule: SecurityRule = { present: false };
  const overrides: EntityFields = {};
  let eventName: string | undefined;
  let eventKind: string | undefined;
  const attributes = Array.isArray(record.attributes) ? record.attributes : [];
  const n = Math.min(attributes.length, MAX_ATTRIBUTES);
  for (let i = 0; i < n; i++) {
    const kv: unknown = attributes[i];
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    const key = kv.key;
    if (key.startsWith(SECURITY_RULE_PREFIX)) readRuleAttribute(rule, key, kv.value);
    else if (key === 'event.name') eventName = anyText(kv.value, MAX_RULE);
    else if (key === 'event.kind') eventKind = anyText(kv.value, MAX_NAME)?.toLowerCase();
    else applyEntityAttribute(overrides, key, kv.value);
  }
  // OTLP 1.5 moved the event name into a LogRecord field.
  eventName ??= stringField(record.eventName ?? record.event_name, MAX_RULE);
  if (!rule.present && eventName === undefined) return SKIP_RECORD;

  const time =
    readTime(record, TIME_MS, record.timeUnixNano ?? record.time_unix_nano) ??
    readTime(record, OBSERVED_TIME_MS, record.observedTimeUnixNano ?? record.observed_time_unix_nano);
  if (time === undefined) return 'has neither a timeUnixNano nor an observedTimeUnixNano';

  const kind = rule.present || (eventKind !== undefined && ALERT_EVENT_KINDS.has(eventKind)) ? 'alert' : 'context';
  const severity = logSeverity(
    record.severityNumber ?? record.severity_number,
    record.severityText ?? record.severity_text,
    kind,
  );
  const signal: Signal = {
    time,
    source: 'otlp',
    kind,
    rule: rule.name ?? eventName ?? rule.uuid ?? UNNAMED_RULE,
    severity,
  };
  const entity = merged(resource, overrides);
  const host = entity.hostName ?? entity.hostId;
  if (host !== undefined) signal.host = host;
  if (entity.containerId !== undefined) signal.containerId = entity.containerId;
  if (entity.k8sNamespace !== undefined) signal.k8sNamespace = entity.k8sNamespace;
  if (entity.k8sPod !== undefined) signal.k8sPod = entity.k8sPod;
  const process = entityProcess(entity);
  if (process !== undefined) signal.process = process;
  const output = anyText(record.body, MAX_OUTPUT) ?? rule.description;
  if (output !== undefined) signal.output = output;
  const tags: string[] = [];
  if (rule.category !== undefined) tags.push(rule.category);
  if (rule.ruleset !== undefined) tags.push(rule.ruleset);
  if (tags.length > 0) signal.tags = tags;
  return signal;
}

function readRuleAttribute(rule: SecurityRule, key: string, value: unknown): void {
  rule.present = true;
  switch (key) {
    case 'security_rule.name':
      rule.name = anyText(value, MAX_RULE);
      break;
    case 'security_rule.uuid':
      rule.uuid = anyText(value, MAX_RULE);
      break;
    case 'security_rule.category':
      rule.category = anyText(value, MAX_TAG);
      break;
    case 'security_rule.ruleset.name':
      rule.ruleset = anyText(value, MAX_TAG);
      break;
    case 'security_rule.description':
      rule.description = anyText(value, MAX_OUTPUT);
      break;
  }
}

function stringField(value: unknown, limit: number): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  return value.length > limit ? value.slice(0, limit) : value;
}

/** The resource's fields with the record's defined ones on top (an unreadable record value never erases one). */
function merged(resource: EntityFields, overrides: EntityFields): EntityFields {
  const out: EntityFields = { ...resource };
  for (const key of Object.keys(overrides) as (keyof EntityFields)[]) {
    if (overrides[key] !== undefined) (out as Record<string, unknown>)[key] = overrides[key];
  }
  return out;
}
