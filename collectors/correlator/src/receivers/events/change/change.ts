import { ChangeKindSchema } from '@lockstep/contract';
import type { ChangeEvent } from '../../../model/change';
import { normalizeContainerId } from '../../../model/container';
import type { ChangeResult } from '../../../model/signal';
import { MAX_HOST, MAX_ID, MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import { get, isObject, text } from '../common/fields';
import { skipped } from '../common/skipped';
import { epochMillisAnyUnit, parseTimestampMillis } from '../common/timestamps';

/**
 * Lockstep's change JSON, one object per line (`POST /v1/events/change`, or a file for replay):
 * `{"time", "host"? | "service"? | "container"?, "kind", "summary", "id"?, "actor"?, "reverts"?}`. `time` is
 * ISO-8601 (a missing zone is UTC) or an epoch number in s, ms, µs or ns; `kind` a lowercase word (`deploy`,
 * `config`, `package`, `firewall`, `access`, ...); `reverts` the id of the change this one undoes. At least one of
 * host, service and container says where.
 */
export function normalizeChange(record: unknown): ChangeResult[] {
  if (!isObject(record)) return [skipped('change: not an object')];
  const time = parseTimestampMillis(get(record, 'time')) ?? epochMillisAnyUnit(get(record, 'time'));
  if (time === undefined) return [skipped('change: missing or invalid time (ISO-8601 or epoch)')];
  const kind = text(get(record, 'kind'), 64)?.toLowerCase();
  if (kind === undefined || !ChangeKindSchema.safeParse(kind).success) {
    return [skipped('change: missing or invalid kind (a lowercase word such as deploy, config, package, firewall)')];
  }
  const summary = text(get(record, 'summary'), MAX_OUTPUT);
  if (summary === undefined) return [skipped('change: missing summary')];
  const change: ChangeEvent = { kind: 'change', time, source: 'change', change: kind, summary };
  const host = text(get(record, 'host'), MAX_HOST)?.toLowerCase();
  const service = text(get(record, 'service'), MAX_NAME);
  const container = text(get(record, 'container'), MAX_ID);
  if (host === undefined && service === undefined && container === undefined) {
    return [skipped('change: missing host, service or container (say where the change was made)')];
  }
  if (host !== undefined) change.host = host;
  if (service !== undefined) change.service = service;
  if (container !== undefined) change.containerId = normalizeContainerId(container) ?? container;
  for (const key of ['id', 'actor', 'reverts'] as const) {
    const value = text(get(record, key), key === 'actor' ? MAX_NAME : MAX_ID);
    if (value !== undefined) change[key] = value;
  }
  return [change];
}
