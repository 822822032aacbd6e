import { ipAddress } from '../common/fields';
import { ASSIGNED_SEVERITY } from '../common/severity';
import type { SyslogLine } from './syslog';
import type { AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/** `pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 tty=/dev/pts/0 ruser=bob rhost=  user=bob` */
const PAM_AUTH_FAILURE = /^pam_unix\([^:)]{1,64}:auth\): authentication failure;(.*)$/;
const RUSER = /\bruser=(\S{1,64})/;
const RHOST = /\brhost=(\S{1,253})/;
/** Programs whose refusal means a failed privilege change rather than a failed login. */
const PRIVILEGE_PROGRAMS = new Set(['sudo', 'su']);

/**
 * A PAM authentication failure of any program but sshd (whose own `Failed password` line is the one to
 * count): for sudo and su a failed privilege change, else a failed login.
 */
export function pamAuthFailure(line: SyslogLine, message: string): AuthVerdict | undefined {
  if (line.program === 'sshd') return undefined;
  const m = PAM_AUTH_FAILURE.exec(message);
  if (!m) return undefined;
  const details = m[1] as string;
  const verdict: AuthVerdict = {
    kind: 'alert',
    rule: `${line.program}: authentication failure`,
    severity: PRIVILEGE_PROGRAMS.has(line.program) ? ASSIGNED_SEVERITY.privilegeFailure : ASSIGNED_SEVERITY.failedLogin,
    process: loggingProcess(line, RUSER.exec(details)?.[1]),
  };
  const rhost = ipAddress(RHOST.exec(details)?.[1]);
  if (rhost !== undefined) verdict.srcIp = rhost;
  return verdict;
}
