import { ASSIGNED_SEVERITY } from '../common/severity';
import { sourceFields, userField } from './peer-fields';
import { sshdConnectionVerdict } from './sshd-connections';
import type { AuthContext, AuthVerdict, HandlerResult } from './verdict';

/*
 * sshd's authentication lines. Every pattern is anchored on the parts sshd wrote: the user name a client sends is
 * free text (it may hold ` from 10.10.1.2 port 55555 ssh2`), so where it comes before the address the pattern is
 * anchored at the end of the line (the last `from <addr> port <n> ssh2` followed by nothing but what sshd appends
 * itself), and where the address comes first it is anchored at the start.
 */

const ADDRESS = '(\\S{1,253})';
const PORT = '(\\d{1,5})';
const USER = '(.{0,1024})';
/** What sshd appends after `ssh2` for key-based methods: key type and fingerprint, a hostbased client, a cert. */
const KEY_INFO =
  '(?:: [A-Z][A-Z0-9-]{1,31} (?:SHA256:[A-Za-z0-9+/=$]{1,86}|MD5:[0-9a-f:]{1,64}|[0-9a-fx]{2}(?::[0-9a-fx]{2}){15})' +
  '(?:, client user "[^"]{0,256}", client host "[^"]{0,256}"| ID [^()]{0,256} \\(serial \\d{1,20}\\) CA [A-Z][A-Z0-9-]{1,31} \\S{1,100})?)?';
const TAIL = ` port ${PORT}(?: on \\S{1,253} port \\d{1,5})?(?: ssh\\d?)?${KEY_INFO}(?: \\[preauth\\])?$`;
/** Very old sshd printed no port: read only when no line shape with a port fits. */
const TAIL_NO_PORT = `(?: ssh\\d?)?${KEY_INFO}(?: \\[preauth\\])?$`;

/** `Failed password for invalid user X from A port P ssh2`: the last anchor followed only by what sshd appends. */
const FAILED = new RegExp(`^Failed (\\S{1,64}) for (invalid user )?${USER} from ${ADDRESS}${TAIL}`, 's');
/** The same line when sshd appended text it does not define (`ssh1: ruser ...`): the first anchor followed by `: `. */
const FAILED_WITH_INFO = new RegExp(
  `^Failed (\\S{1,64}) for (invalid user )?(.{0,1024}?) from ${ADDRESS} port ${PORT}(?: ssh\\d?)?: `,
  's',
);
const FAILED_NO_PORT = new RegExp(
  `^Failed (\\S{1,64}) for (invalid user )?${USER} from ${ADDRESS}${TAIL_NO_PORT}`,
  's',
);
const INVALID_USER = new RegExp(`^(?:Invalid|Illegal) user ${USER} from ${ADDRESS}(?: port ${PORT})?$`, 's');
/** A real account refused by configuration: the name is an existing user's, so it holds no spaces. */
const NOT_ALLOWED = new RegExp(`^User (\\S{1,256}) from ${ADDRESS} not allowed because .{1,200}$`, 's');
const NOT_ALLOWED_LOCAL = /^User (\S{1,256}) not allowed because .{1,200}$/s;
const ROOT_REFUSED = new RegExp(`^ROOT LOGIN REFUSED FROM ${ADDRESS}(?: port ${PORT})?(?: \\[preauth\\])?$`, 's');
const MAX_ATTEMPTS = new RegExp(
  `^maximum authentication attempts exceeded for (invalid user )?${USER} from ${ADDRESS}${TAIL}`,
  's',
);
const MAX_ATTEMPTS_NO_PORT = new RegExp(
  `^maximum authentication attempts exceeded for (invalid user )?${USER} from ${ADDRESS}${TAIL_NO_PORT}`,
  's',
);
const TOO_MANY_OLD = /^Disconnecting: Too many authentication failures(?: for (.{0,1024}?))?(?: \[preauth\])?$/s;
const TOO_MANY = new RegExp(
  `^Disconnecting (?:(?:authenticating|invalid) )?user ${USER} ${ADDRESS} port ${PORT}: Too many authentication failures(?: \\[preauth\\])?$`,
  's',
);
const CHANGE_OF_USER = new RegExp(
  `^Disconnecting (?:(?:authenticating|invalid) )?user ${USER} ${ADDRESS} port ${PORT}: Change of username or service not allowed: .{0,2048}$`,
  's',
);
/** BSD and macOS sshd with PAM: `error: PAM: Authentication failure for X from Y [via Z]` (Z: the local address). */
const PAM_ERROR = new RegExp(
  `^PAM: (?:[Aa]uthentication (?:failure|error)|User not known to the underlying authentication module) for (illegal user )?${USER} from ${ADDRESS}(?: via (\\S{1,253}))?$`,
  's',
);
/** A valid account logged in: its name holds no spaces, so the line reads from the left. */
const ACCEPTED = new RegExp(`^Accepted (\\S{1,64}) for (\\S{1,256}) from ${ADDRESS} port ${PORT}`, 's');

export function sshdVerdict(context: AuthContext): HandlerResult {
  const message = context.message;
  let m = ACCEPTED.exec(message);
  if (m) {
    return {
      ...verdict('context', `sshd: Accepted ${m[1]}`, ASSIGNED_SEVERITY.context, m[2], m[3], m[4]),
      outcome: 'success',
    };
  }
  m = FAILED.exec(message) ?? FAILED_WITH_INFO.exec(message) ?? FAILED_NO_PORT.exec(message);
  if (m) return failure(`sshd: Failed ${m[1]}`, ASSIGNED_SEVERITY.failedLogin, m[3], m[4], m[5]);
  m = INVALID_USER.exec(message);
  if (m) return failure('sshd: Invalid user', ASSIGNED_SEVERITY.failedLogin, m[1], m[2], m[3]);
  m = NOT_ALLOWED.exec(message);
  if (m) return failure('sshd: User not allowed', ASSIGNED_SEVERITY.failedLogin, m[1], m[2]);
  m = NOT_ALLOWED_LOCAL.exec(message);
  if (m) return failure('sshd: User not allowed', ASSIGNED_SEVERITY.failedLogin, m[1]);
  m = ROOT_REFUSED.exec(message);
  if (m) return failure('sshd: Root login refused', ASSIGNED_SEVERITY.failedLogin, 'root', m[1], m[2]);
  m = MAX_ATTEMPTS.exec(message) ?? MAX_ATTEMPTS_NO_PORT.exec(message);
  if (m) return failure('sshd: Too many authentication failures', ASSIGNED_SEVERITY.bruteForce, m[2], m[3], m[4]);
  m = TOO_MANY.exec(message);
  if (m) return failure('sshd: Too many authentication failures', ASSIGNED_SEVERITY.bruteForce, m[1], m[2], m[3]);
  m = TOO_MANY_OLD.exec(message);
  if (m) return failure('sshd: Too many authentication failures', ASSIGNED_SEVERITY.bruteForce, m[1]);
  m = CHANGE_OF_USER.exec(message);
  if (m) return failure('sshd: Change of username refused', ASSIGNED_SEVERITY.failedLogin, m[1], m[2], m[3]);
  m = PAM_ERROR.exec(message);
  if (m) {
    const out = failure('sshd: PAM authentication failure', ASSIGNED_SEVERITY.failedLogin, m[2], m[3]);
    const local = sourceFields(m[4]).srcAddress;
    return local === undefined ? out : { ...out, destAddress: local };
  }
  return sshdConnectionVerdict(context);
}

function failure(rule: string, severity: AuthVerdict['severity'], user?: string, address?: string, port?: string) {
  return { ...verdict('alert', rule, severity, user, address, port), outcome: 'failure' as const };
}

function verdict(
  kind: AuthVerdict['kind'],
  rule: string,
  severity: AuthVerdict['severity'],
  user?: string,
  address?: string,
  port?: string,
): AuthVerdict {
  return { kind, rule, severity, ...userField(user), ...sourceFields(address, port) };
}

export { failure as sshdFailure };
