import type { SignalSeverity } from '@lockstep/contract';
import type { Signal, SignalKind } from '../../../model/signal';
import type { AuditRecord } from './record';

/** A Signal of one audit event, with its time and the host its `node=` prefix names. */
export function auditSignal(record: AuditRecord, kind: SignalKind, rule: string, severity: SignalSeverity): Signal {
  const signal: Signal = { time: record.time, source: 'auditd', kind, rule, severity };
  if (record.node !== undefined) signal.host = record.node.toLowerCase();
  return signal;
}
