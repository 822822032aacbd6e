import type { NormalizeResult, Signal } from '../../../model/signal';
import { MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import { cap } from '../common/fields';
import { skipped } from '../common/skipped';
import { ACCOUNT_PROGRAMS, accountVerdict } from './accounts';
import { BruteForceDetector } from './brute-force';
import { dropbearVerdict } from './dropbear';
import { chkpwdVerdict, loginVerdict } from './login';
import { pamVerdict } from './pam';
import { programFamily } from './programs';
import type { SessionState } from './sessions';
import { SessionTable, sessionKey } from './sessions';
import { sshdVerdict } from './sshd';
import { suVerdict } from './su';
import { sudoVerdict } from './sudo';
import type { AuthTimeOptions, SyslogLine } from './syslog';
import { parseSyslogLine } from './syslog';
import type { AuthHandler, AuthVerdict } from './verdict';
import { isSessionNote, loggingProcess } from './verdict';

const HANDLERS: ReadonlyMap<string, AuthHandler> = new Map<string, AuthHandler>([
  ['sshd', sshdVerdict],
  ['dropbear', dropbearVerdict],
  ['sudo', sudoVerdict],
  ['su', suVerdict],
  ['login', loginVerdict],
  ['unix_chkpwd', chkpwdVerdict],
  ...ACCOUNT_PROGRAMS.map((program): [string, AuthHandler] => [program, accountVerdict]),
]);

/** rsyslog folds repeats into `message repeated 3 times: [ Failed password for ... ]`: the inner message counts. */
const REPEATED = /^message repeated (\d{1,9}) times: \[ ?(.*?) ?\]$/s;
/** The severity word sshd and others put before their own message (`error: PAM: ...`). */
const LEVEL_PREFIX = /^(?:error|fatal|warning|debug\d?): /;
/** Messages are matched within this length: real auth lines are well under 2 KB, and every pattern is bounded. */
const MAX_MESSAGE = 8 * 1024;

/**
 * auth.log lines → signals: sshd (and OpenSSH 9.8+'s sshd-session / sshd-auth), PAM modules, dropbear, sudo, su,
 * login, unix_chkpwd and account management. Stateful per stream, like the audit assembler: it remembers each sshd
 * process's peer (for lines that name none) and counts failures per source for the brute-force signal.
 */
export class AuthLogReader {
  private readonly sessions = new SessionTable();
  private readonly bruteForce = new BruteForceDetector();

  /** `now` stands for the time of receipt when the caller gives neither `receivedAt` nor `referenceTime`. */
  constructor(private readonly now: () => number = Date.now) {}

  read(rawLine: string, options: AuthTimeOptions = {}): NormalizeResult[] {
    const entry = parseSyslogLine(rawLine, options, this.now);
    if ('skipped' in entry) return [entry];
    const text = entry.message.length > MAX_MESSAGE ? entry.message.slice(0, MAX_MESSAGE) : entry.message;
    const repeated = REPEATED.exec(text);
    const message = (repeated?.[2] ?? text).replace(LEVEL_PREFIX, '').trimEnd();
    const program = programFamily(entry.program);
    const key = sessionKey(entry.host, program, entry.pid);
    const session = this.sessions.get(key, entry.time);
    const context = { line: entry, program, message, session };
    const result = HANDLERS.get(program)?.(context) ?? pamVerdict(context);
    if (result === undefined) return [skipped(`auth: ${cap(program, MAX_NAME)} message carries no security signal`)];
    if (isSessionNote(result)) {
      this.sessions.update(key, entry.time, result);
      return [skipped(`auth: ${cap(program, MAX_NAME)} connection line carries no security signal`)];
    }
    const verdict = withSessionPeer(result, session);
    this.sessions.update(key, entry.time, { ...verdict, failed: verdict.outcome === 'failure' });
    const count = repeated === null ? 1 : Number(repeated[1]);
    const signal = toSignal(entry, verdict, message, count);
    const burst = this.bruteForce.note(signal);
    return burst === undefined ? [signal] : [signal, burst];
  }
}

/** One line read on its own (no memory of earlier lines): for a single line, or a caller without a stream. */
export function parseAuthLine(line: string, options?: AuthTimeOptions): NormalizeResult[] {
  return new AuthLogReader().read(line, options);
}

/** A line that names no peer takes the one an earlier line of the same process named. */
function withSessionPeer(verdict: AuthVerdict, session: SessionState | undefined): AuthVerdict {
  if (session === undefined || verdict.srcAddress !== undefined || session.srcAddress === undefined) return verdict;
  const out: AuthVerdict = { ...verdict, srcAddress: session.srcAddress };
  if (session.srcPort !== undefined) out.srcPort = session.srcPort;
  if (verdict.destAddress === undefined && session.destAddress !== undefined) out.destAddress = session.destAddress;
  if (verdict.destPort === undefined && session.destPort !== undefined) out.destPort = session.destPort;
  return out;
}

function toSignal(entry: SyslogLine, verdict: AuthVerdict, message: string, count: number): Signal {
  const signal: Signal = {
    time: entry.time,
    source: 'auth',
    kind: verdict.kind,
    rule: verdict.rule,
    severity: verdict.severity,
    process: verdict.process ?? loggingProcess(entry),
    output: cap(message.trimStart(), MAX_OUTPUT),
  };
  if (entry.host !== undefined) signal.host = entry.host;
  if (verdict.user !== undefined) signal.user = cap(verdict.user, MAX_NAME);
  if (verdict.srcAddress !== undefined) signal.srcAddress = verdict.srcAddress;
  if (verdict.srcPort !== undefined) signal.srcPort = verdict.srcPort;
  if (verdict.destAddress !== undefined) signal.destAddress = verdict.destAddress;
  if (verdict.destPort !== undefined) signal.destPort = verdict.destPort;
  if (verdict.outcome !== undefined) signal.outcome = verdict.outcome;
  if (count > 1) signal.count = count;
  return signal;
}
