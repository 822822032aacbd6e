import type { SignalSeverity } from '@lockstep/contract';
import { ASSIGNED_SEVERITY } from '../common/severity';
import type { SyslogLine } from './syslog';
import type { AuthVerdict } from './verdict';

/** Groups whose members can become root or read every secret: joining one is a privilege grant. */
const PRIVILEGED_GROUPS = new Set(['root', 'sudo', 'wheel', 'admin', 'adm', 'docker', 'lxd', 'shadow', 'disk']);

interface AccountPattern {
  pattern: RegExp;
  rule: string;
  severity: SignalSeverity;
  /** Index of the capture holding a group name that raises the severity when privileged. */
  groupCapture?: number;
}

/** shadow-utils (useradd, groupadd, usermod, userdel, passwd, gpasswd) and PAM password-change messages. */
const PATTERNS: readonly AccountPattern[] = [
  { pattern: /^new user: name=[^,]{1,64},/, rule: 'new user', severity: ASSIGNED_SEVERITY.accountCreated },
  { pattern: /^new group: name=[^,]{1,64}/, rule: 'new group', severity: ASSIGNED_SEVERITY.accountChanged },
  {
    pattern: /^add '[^']{1,64}' to group '([^']{1,64})'/,
    rule: 'user added to group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    groupCapture: 1,
  },
  {
    pattern: /^user \S{1,64} added by \S{1,64} to group (\S{1,64})/,
    rule: 'user added to group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    groupCapture: 1,
  },
  { pattern: /^delete user '[^']{1,64}'/, rule: 'delete user', severity: ASSIGNED_SEVERITY.accountChanged },
  {
    pattern: /^(?:pam_unix\([^)]{1,64}\): )?password changed for \S{1,64}/,
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
  {
    pattern: /^password for '[^']{1,64}' changed by '[^']{1,64}'/,
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
  {
    pattern: /^change user '[^']{1,64}' password/,
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
  {
    pattern: /^(?:change|lock|unlock) user '[^']{1,64}'/,
    rule: 'account changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
];

/** Account management: every change is an alert (a new account is how persistence often starts). */
export function accountVerdict(line: SyslogLine, message: string): AuthVerdict | undefined {
  for (const entry of PATTERNS) {
    const m = entry.pattern.exec(message);
    if (!m) continue;
    const group = entry.groupCapture !== undefined ? m[entry.groupCapture] : undefined;
    const privileged = group !== undefined && PRIVILEGED_GROUPS.has(group);
    return {
      kind: 'alert',
      rule: `${line.program}: ${privileged ? 'user added to privileged group' : entry.rule}`,
      severity: privileged ? ASSIGNED_SEVERITY.privilegedGroupGrant : entry.severity,
    };
  }
  return undefined;
}
