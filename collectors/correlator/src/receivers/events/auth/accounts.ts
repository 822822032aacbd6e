import type { SignalSeverity } from '@lockstep/contract';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import type { AuthContext, AuthVerdict } from './verdict';

/** Groups whose members can become root or read every secret: joining one is a privilege grant. */
const PRIVILEGED_GROUPS = new Set(['root', 'sudo', 'wheel', 'admin', 'adm', 'docker', 'lxd', 'shadow', 'disk']);

interface AccountPattern {
  pattern: RegExp;
  rule: string;
  severity: SignalSeverity;
  /** Capture holding the account the line is about. */
  user?: number;
  /** Capture holding a group name that raises the severity when privileged. */
  group?: number;
  /** The program reports that the change failed. */
  failed?: true;
}

/** Account names as shadow-utils quotes or prints them: no quotes, commas, colons or spaces (useradd refuses them). */
const NAME = "([^',:\\s]{1,64})";

/** shadow-utils (useradd, groupadd, usermod, userdel, groupdel, passwd, gpasswd, chage) and PAM password changes. */
const PATTERNS: readonly AccountPattern[] = [
  {
    pattern: new RegExp(`^new user: name=${NAME},`),
    rule: 'new user',
    severity: ASSIGNED_SEVERITY.accountCreated,
    user: 1,
  },
  { pattern: new RegExp(`^new group: name=${NAME}`), rule: 'new group', severity: ASSIGNED_SEVERITY.accountChanged },
  {
    pattern: new RegExp(`^group added to \\S{1,64}: name=${NAME}`),
    rule: 'new group',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
  {
    pattern: new RegExp(`^add '${NAME}' to (?:shadow )?group '${NAME}'`),
    rule: 'user added to group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
    group: 2,
  },
  {
    pattern: new RegExp(`^user ${NAME} added by ${NAME} to group ${NAME}`),
    rule: 'user added to group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
    group: 3,
  },
  {
    pattern: new RegExp(`^user ${NAME} removed by ${NAME} from group ${NAME}`),
    rule: 'user removed from group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^delete '${NAME}' from (?:shadow )?group '${NAME}'`),
    rule: 'user removed from group',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^delete user '${NAME}'`),
    rule: 'delete user',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^(?:group '${NAME}' removed|removed group '${NAME}' owned by)`),
    rule: 'delete group',
    severity: ASSIGNED_SEVERITY.accountChanged,
  },
  {
    pattern: new RegExp(`^failed adding user '${NAME}'`),
    rule: 'failed adding user',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
    failed: true,
  },
  {
    pattern: new RegExp(`^(?:pam_unix\\([^)]{1,64}\\): )?password changed for ${NAME}`),
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^password for '${NAME}' changed by '${NAME}'`),
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^changed password expiry for ${NAME}`),
    rule: 'password expiry changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^change user '${NAME}' password`),
    rule: 'password changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
  {
    pattern: new RegExp(`^(?:change|lock|unlock) user '${NAME}'`),
    rule: 'account changed',
    severity: ASSIGNED_SEVERITY.accountChanged,
    user: 1,
  },
];

/** Account management: every change is an alert (a new account is how persistence often starts). */
export function accountVerdict(context: AuthContext): AuthVerdict | undefined {
  for (const entry of PATTERNS) {
    const m = entry.pattern.exec(context.message);
    if (!m) continue;
    const group = entry.group !== undefined ? m[entry.group] : undefined;
    const privileged = group !== undefined && PRIVILEGED_GROUPS.has(group);
    return {
      kind: 'alert',
      rule: `${context.program}: ${privileged ? 'user added to privileged group' : entry.rule}`,
      severity: privileged ? ASSIGNED_SEVERITY.privilegedGroupGrant : entry.severity,
      outcome: entry.failed ? 'failure' : 'success',
      ...userField(entry.user !== undefined ? m[entry.user] : undefined),
    };
  }
  return undefined;
}

/** The programs whose lines accountVerdict reads. */
export const ACCOUNT_PROGRAMS = [
  'useradd',
  'userdel',
  'usermod',
  'groupadd',
  'groupdel',
  'groupmod',
  'passwd',
  'chpasswd',
  'gpasswd',
  'chage',
  'newusers',
] as const;
