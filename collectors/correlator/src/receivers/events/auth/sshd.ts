import { ipAddress } from '../common/fields';
import { ASSIGNED_SEVERITY } from '../common/severity';
import type { SyslogLine } from './syslog';
import type { AuthVerdict } from './verdict';

const ACCEPTED = /^Accepted ([a-z/-]{1,32}) for (.{1,256}?) from (\S{1,253}) port \d{1,5}/;
const FAILED = /^Failed ([a-z/-]{1,32}) for (?:invalid user )?(.{0,256}?) from (\S{1,253}) port \d{1,5}/;
const INVALID_USER = /^Invalid user (.{0,256}?) from (\S{1,253})(?: port \d{1,5})?/;
const NO_IDENTIFICATION = /^Did not receive identification string from (\S{1,253})/;
const MAX_ATTEMPTS =
  /^(?:error: )?maximum authentication attempts exceeded for (?:invalid user )?(.{0,256}?) from (\S{1,253})/;
const TOO_MANY_FAILURES =
  /^Disconnecting (?:(?:authenticating|invalid) )?user (.{0,256}?) (\S{1,253}) port \d{1,5}: Too many authentication failures/;
/** Disconnects before authentication completed; with a user named, a login attempt was made. */
const PREAUTH_CLOSE =
  /^(Disconnected from|Received disconnect from|Connection closed by|Connection reset by) (?:(?:authenticating|invalid) user (.{0,256}?) )?(\S{1,253}) port \d{1,5}.*\[preauth\]$/;

/**
 * sshd messages: accepted logins (context), failed passwords, invalid users, banner-less scanners, brute
 * force cut-offs and pre-authentication disconnects (alerts). The process is the sshd session process.
 */
export function sshdVerdict(_line: SyslogLine, message: string): AuthVerdict | undefined {
  let m = ACCEPTED.exec(message);
  if (m) return { kind: 'context', rule: `sshd: Accepted ${m[1]}`, severity: ASSIGNED_SEVERITY.context, ...peer(m[3]) };
  m = FAILED.exec(message);
  if (m) return { kind: 'alert', rule: `sshd: Failed ${m[1]}`, severity: ASSIGNED_SEVERITY.failedLogin, ...peer(m[3]) };
  m = INVALID_USER.exec(message);
  if (m) return { kind: 'alert', rule: 'sshd: Invalid user', severity: ASSIGNED_SEVERITY.failedLogin, ...peer(m[2]) };
  m = NO_IDENTIFICATION.exec(message);
  if (m) {
    return {
      kind: 'alert',
      rule: 'sshd: Did not receive identification string',
      severity: ASSIGNED_SEVERITY.failedLogin,
      ...peer(m[1]),
    };
  }
  m = MAX_ATTEMPTS.exec(message) ?? TOO_MANY_FAILURES.exec(message);
  if (m)
    return {
      kind: 'alert',
      rule: 'sshd: Too many authentication failures',
      severity: ASSIGNED_SEVERITY.bruteForce,
      ...peer(m[2]),
    };
  m = PREAUTH_CLOSE.exec(message);
  if (m) {
    const rule = (m[1] as string).startsWith('Connection')
      ? 'sshd: Connection closed pre-auth'
      : 'sshd: Disconnected pre-auth';
    return m[2] !== undefined
      ? { kind: 'alert', rule, severity: ASSIGNED_SEVERITY.failedLogin, ...peer(m[3]) }
      : { kind: 'context', rule, severity: ASSIGNED_SEVERITY.context, ...peer(m[3]) };
  }
  return undefined;
}

/** sshd prints the client address, or its name when UseDNS is on: only an address is kept as srcIp. */
function peer(address: string | undefined): { srcIp?: string } {
  const ip = ipAddress(address);
  return ip === undefined ? {} : { srcIp: ip };
}
