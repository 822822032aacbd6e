import type { SignalSeverity } from '@lockstep/contract';
import type { ProcessRef } from '../../../model/process';
import type { SignalKind } from '../../../model/signal';
import type { SessionState } from './sessions';
import type { SyslogLine } from './syslog';

/** What one program's handler concluded about a message; the reader adds time, host, output and the session. */
export interface AuthVerdict {
  kind: SignalKind;
  rule: string;
  severity: SignalSeverity;
  /** The account the line is about (the user a login tried, the account created); as the program wrote it. */
  user?: string;
  srcAddress?: string;
  srcPort?: number;
  destAddress?: string;
  destPort?: number;
  outcome?: 'success' | 'failure';
  /** Defaults to the logging process (`{ pid, name }`). */
  process?: ProcessRef;
}

/**
 * A line that is no signal but tells who the session's peer is (`Connection from 192.0.2.3 port 39678 on ...`):
 * later lines of the same process that name no address (`Disconnecting: Too many authentication failures`) use it.
 */
export interface SessionNote {
  note: true;
  srcAddress: string;
  srcPort?: number;
  destAddress?: string;
  destPort?: number;
}

export type HandlerResult = AuthVerdict | SessionNote | undefined;

/** The line, its message (prefixes such as `error: ` removed) and what earlier lines of its process said. */
export interface AuthContext {
  line: SyslogLine;
  /** The program family that wrote it (`sshd` for `sshd-session[1571]` and `sshd(pam_unix)[19939]`). */
  program: string;
  message: string;
  session: SessionState | undefined;
}

/** A handler returns a verdict, a session note, or undefined when the message carries no security signal. */
export type AuthHandler = (context: AuthContext) => HandlerResult;

export function isSessionNote(result: HandlerResult): result is SessionNote {
  return result !== undefined && 'note' in result;
}

/** The process that wrote the line, as its syslog tag names it. */
export function loggingProcess(line: SyslogLine, owner?: string): ProcessRef {
  const ref: ProcessRef = { name: processName(line.program) };
  if (line.pid !== undefined) ref.pid = line.pid;
  if (owner !== undefined) ref.owner = owner;
  return ref;
}

/** `sshd(pam_unix)` is sshd (RHEL 4's PAM tag), `/usr/sbin/sshd` is sshd. */
export function processName(tag: string): string {
  const base = tag.slice(tag.lastIndexOf('/') + 1);
  const paren = base.indexOf('(');
  return paren > 0 ? base.slice(0, paren) : base;
}
