import type { NormalizeResult, Signal } from '../../../model/signal';
import { cap } from '../common/fields';
import { MAX_NAME, MAX_OUTPUT } from '../../../model/limits';
import { skipped } from '../common/skipped';
import { accountVerdict } from './accounts';
import { pamAuthFailure } from './pam';
import { sshdVerdict } from './sshd';
import { suVerdict } from './su';
import { sudoVerdict } from './sudo';
import type { AuthTimeOptions } from './syslog';
import { parseSyslogLine } from './syslog';
import type { AuthHandler } from './verdict';
import { loggingProcess } from './verdict';

const ACCOUNT_PROGRAMS = [
  'useradd',
  'groupadd',
  'usermod',
  'userdel',
  'groupdel',
  'groupmod',
  'passwd',
  'chpasswd',
  'gpasswd',
  'chage',
  'newusers',
];

const HANDLERS: ReadonlyMap<string, AuthHandler> = new Map<string, AuthHandler>([
  ['sshd', sshdVerdict],
  ['sudo', sudoVerdict],
  ['su', suVerdict],
  ...ACCOUNT_PROGRAMS.map((program): [string, AuthHandler] => [program, accountVerdict]),
]);

/** rsyslog folds repeats into `message repeated 3 times: [ Failed password for ... ]`: the inner message counts. */
const REPEATED = /^message repeated \d{1,9} times: \[ ?(.*?) ?\]$/s;

/**
 * One auth.log line (RFC 3164 or RFC 3339 syslog) as a Signal: sshd logins and failures, sudo, su, account
 * management and PAM authentication failures. Lines of other programs and other messages are skipped.
 */
export function parseAuthLine(line: string, options?: AuthTimeOptions): NormalizeResult[] {
  const entry = parseSyslogLine(line, options);
  if ('skipped' in entry) return [entry];
  const message = REPEATED.exec(entry.message)?.[1] ?? entry.message;
  const handler = HANDLERS.get(entry.program);
  const verdict = handler?.(entry, message) ?? pamAuthFailure(entry, message);
  if (!verdict) return [skipped(`auth: ${cap(entry.program, MAX_NAME)} message carries no security signal`)];
  const signal: Signal = {
    time: entry.time,
    source: 'auth',
    kind: verdict.kind,
    rule: verdict.rule,
    severity: verdict.severity,
    host: entry.host,
    process: verdict.process ?? loggingProcess(entry),
    output: cap(message.trimStart(), MAX_OUTPUT),
  };
  if (verdict.srcIp !== undefined) signal.srcIp = verdict.srcIp;
  return [signal];
}
