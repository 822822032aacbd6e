import type { SignalSeverity } from '@lockstep/contract';
import type { ProcessRef } from '../../../model/process';
import type { SignalKind } from '../../../model/signal';
import type { SyslogLine } from './syslog';

/** What one program's handler concluded about a message; parseAuthLine adds time, host and output. */
export interface AuthVerdict {
  kind: SignalKind;
  rule: string;
  severity: SignalSeverity;
  srcIp?: string;
  /** Defaults to the logging process (`{ pid, name: program }`). */
  process?: ProcessRef;
}

/** A handler returns a verdict, or undefined when the message carries no security signal. */
export type AuthHandler = (line: SyslogLine, message: string) => AuthVerdict | undefined;

/** The process that wrote the line, as its syslog tag names it. */
export function loggingProcess(line: SyslogLine, owner?: string): ProcessRef {
  const ref: ProcessRef = { name: line.program };
  if (line.pid !== undefined) ref.pid = line.pid;
  if (owner !== undefined) ref.owner = owner;
  return ref;
}
