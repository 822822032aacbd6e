import { peerAddress } from '../common/peer';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import { tagModule } from './programs';
import type { AuthContext, AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/*
 * PAM modules' lines, whichever program loaded them: `pam_unix(sshd:auth): authentication failure; logname= uid=0
 * euid=0 tty=ssh ruser= rhost=10.0.0.5  user=admin`, PAM's own `PAM 2 more authentication failures; ...`, RHEL 4's
 * `sshd(pam_unix)[19939]: authentication failure; ...`, pam_faillock, pam_sss and pam_tally2. pam_unix prints its
 * fields in a fixed order (logname, uid, euid, tty, ruser, rhost, then user last), so they are read as pairs in that
 * order: only `user`, the last, can hold spaces, and nothing in it can move rhost.
 */

/** `pam_unix(sshd:auth): `, `(pam_unix) `, `pam_unix: `: the module prefix, and the PAM service when given. */
const MODULE_PREFIX =
  /^(?:(pam_[a-z0-9_]{1,32})\(([^():]{1,64}):([a-z]{1,16})\): |\((pam_[a-z0-9_]{1,32})\) |(pam_[a-z0-9_]{1,32}): )/;
const FAILURE = /^(?:PAM )?(?:(\d{1,6}) more )?authentication failures?; (.*)$/s;
const FIELDS =
  /^logname=(\S{0,256}) uid=\d{0,10} euid=\d{0,10} tty=(\S{0,256}) ruser=(\S{0,256}) rhost=(\S{0,253})(?: {1,2}user=(.{0,1024}))?$/s;
const FAILLOCK = /^Consecutive login failures for user (.{0,1024}) account temporarily locked$/s;
const SSS_RESULT = /^received for user (.{0,1024}): (\d{1,3}) \(([^()]{0,128})\)$/s;
const TALLY = /^user (\S{1,256}) \(\d{1,10}\) tally (\d{1,10}), deny (\d{1,10})$/;
/** Programs whose refusal means a failed privilege change rather than a failed login. */
const PRIVILEGE_PROGRAMS = new Set(['sudo', 'su']);
/** pam_sss PAM_SUCCESS: anything else it reports for a user is a refusal. */
const PAM_SUCCESS = '0';

export function pamVerdict(context: AuthContext): AuthVerdict | undefined {
  const prefix = MODULE_PREFIX.exec(context.message);
  const module = prefix?.[1] ?? prefix?.[4] ?? prefix?.[5] ?? tagModule(context.line.program);
  const phase = prefix?.[3];
  if (module === undefined && !context.message.startsWith('PAM ')) return undefined;
  if (phase !== undefined && phase !== 'auth') return undefined;
  const body = prefix ? context.message.slice(prefix[0].length) : context.message;
  const failure = FAILURE.exec(body);
  if (failure) return authFailure(context, module ?? 'PAM', failure[2] as string);
  let m = FAILLOCK.exec(body);
  if (m && module === 'pam_faillock') return locked(context, m[1]);
  m = SSS_RESULT.exec(body);
  if (m && m[2] !== PAM_SUCCESS) return refused(context, `${module}: authentication failure`, m[1]);
  m = TALLY.exec(body);
  if (m && Number(m[2]) >= Number(m[3])) return locked(context, m[1]);
  return undefined;
}

function authFailure(context: AuthContext, module: string, details: string): AuthVerdict {
  // sshd appends ` [preauth]` to what its pre-authentication process logs; after a `user=` field the text is the
  // user's own (it may end the same way), so the suffix is only sshd's when no user field holds it.
  const whole = FIELDS.exec(details);
  const fields = whole?.[5] !== undefined ? whole : (FIELDS.exec(details.replace(/ \[preauth\]$/, '')) ?? whole);
  // Without `user=`, pam_unix's ruser is the name the client gave (what fail2ban reports as the user).
  const user = fields?.[5] ?? (fields?.[3] !== '' ? fields?.[3] : undefined);
  const verdict = refused(context, `${context.program}: authentication failure`, user);
  // For sudo and su, ruser is the invoking user: the process that was refused runs as them.
  const ruser = fields?.[3];
  if (PRIVILEGE_PROGRAMS.has(context.program) && ruser !== undefined && ruser !== '') {
    verdict.process = loggingProcess(context.line, ruser);
  }
  const address = peerAddress(fields?.[4]);
  if (address !== undefined) verdict.srcAddress = address;
  // The module is what failed the check; keep it visible in the rule only when it is not pam_unix, the default.
  if (module !== 'pam_unix' && module !== 'PAM') verdict.rule = `${context.program}: ${module} authentication failure`;
  return verdict;
}

function locked(context: AuthContext, user: string | undefined): AuthVerdict {
  return { ...refused(context, `${context.program}: account locked`, user), severity: ASSIGNED_SEVERITY.bruteForce };
}

function refused(context: AuthContext, rule: string, user: string | undefined): AuthVerdict {
  const privilege = PRIVILEGE_PROGRAMS.has(context.program);
  return {
    kind: 'alert',
    rule,
    severity: privilege ? ASSIGNED_SEVERITY.privilegeFailure : ASSIGNED_SEVERITY.failedLogin,
    outcome: 'failure',
    ...userField(user?.trim()),
    process: loggingProcess(context.line),
  };
}
