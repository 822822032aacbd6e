import type { SignalRecord } from '@lockstep/contract';
import { stableId } from '../../engine/ids';
import { safeText } from '../../model/safe-text';
import { processInfoFromRef } from '../../engine/process-info';
import { foldKey, searchFields } from '../../engine/signal-fields';
import type { Signal } from '../../model/signal';
import { toIso } from '../../model/time';

/** Characters kept of a tool's own text: the same bound incidents use for their signal entries. */
const OUTPUT_LIMIT = 512;

/**
 * A security signal as the store keeps it for `/api/v1/signals`. The id is derived from the content, so a
 * sender that retries a request stores each signal once (`putSignals` is idempotent by id).
 */
export function toSignalRecord(signal: Signal): SignalRecord {
  const pid = signal.process?.pid ?? '';
  const output = signal.output === undefined ? undefined : safeText(signal.output, OUTPUT_LIMIT);
  const record: SignalRecord = {
    id: stableId('sig', signal.source, signal.rule, signal.time, signal.host ?? '', pid, output ?? ''),
    source: signal.source,
    rule: signal.rule,
    severity: signal.severity,
    time: toIso(signal.time),
    entity: {},
    ...searchFields(signal),
  };
  if (signal.host !== undefined) record.entity['host.name'] = signal.host;
  if (signal.containerId !== undefined) record.entity['container.id'] = signal.containerId;
  if (signal.k8sNamespace !== undefined) record.entity['k8s.namespace.name'] = signal.k8sNamespace;
  if (signal.k8sPod !== undefined) record.entity['k8s.pod.name'] = signal.k8sPod;
  if (signal.process) record.process = processInfoFromRef(signal.process);
  if (output !== undefined) record.output = output;
  return record;
}

/**
 * Alert storms fold: within one batch, alerts of the same rule on the same process (or host, without a process)
 * become one record with a `count` and a `last_time`, as incidents fold their evidence. The first alert names the
 * record, so a retried request folds and stores the same way.
 */
export function foldSignals(signals: readonly Signal[]): SignalRecord[] {
  const byKey = new Map<string, { record: SignalRecord; count: number; last: number }>();
  for (const signal of signals) {
    const p = signal.process;
    const who = `${p?.pid ?? ''}\u0000${p?.exePath ?? p?.name ?? ''}`;
    const key = [signal.host ?? '', signal.containerId ?? '', foldKey(signal, who)].join('\u0000');
    const folded = byKey.get(key);
    if (folded === undefined) {
      byKey.set(key, { record: toSignalRecord(signal), count: signal.count ?? 1, last: signal.time });
      continue;
    }
    folded.count += signal.count ?? 1;
    if (signal.time > folded.last) folded.last = signal.time;
  }
  return [...byKey.values()].map(({ record, count, last }) =>
    count === 1 ? record : { ...record, count, last_time: toIso(last) },
  );
}
