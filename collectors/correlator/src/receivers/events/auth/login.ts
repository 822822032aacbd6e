import { peerIp } from '../common/peer';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import type { AuthContext, AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/*
 * Console and helper logins: shadow-utils and util-linux `login` (`FAILED LOGIN (1) on '/dev/tty1' FOR 'root',
 * Authentication failure`, `FAILED LOGIN 1 FROM 1.2.3.4 FOR root, Authentication failure`) and pam_unix's setuid
 * helper `unix_chkpwd` (`password check failed for user (alice)`). The user name is typed at the prompt: the
 * patterns end on the text the program adds after it.
 */

const FAILED_LOGIN =
  /^FAILED LOGIN \(?\d{1,6}\)? (?:on '[^']{0,256}' )?(?:(?:from|FROM) '?([^' ]{1,253})'? )?FOR '?(.{0,1024}?)'?, ([A-Za-z][A-Za-z ]{0,128})$/s;
/** util-linux, when the retries are used up: `FAILED LOGIN SESSION FROM tty1 FOR root, Authentication failure`. */
const FAILED_SESSION = /^FAILED LOGIN SESSION FROM (\S{1,253}) FOR (.{0,1024}?), ([A-Za-z][A-Za-z ]{0,128})$/s;
/** shadow-utils, when the retries are used up: `TOO MANY LOGIN TRIES (3) on '/dev/tty1' FOR 'root'`. */
const TOO_MANY_TRIES =
  /^TOO MANY LOGIN TRIES \(\d{1,6}\) (?:on '[^']{0,256}' )?(?:from '([^' ]{1,253})' )?FOR '(.{0,1024})'$/s;
const CHKPWD_FAILED = /^password check failed for user \((.{0,1024})\)$/s;

export function loginVerdict(context: AuthContext): AuthVerdict | undefined {
  const tooMany = TOO_MANY_TRIES.exec(context.message);
  const m = FAILED_LOGIN.exec(context.message) ?? FAILED_SESSION.exec(context.message) ?? tooMany;
  if (!m) return undefined;
  const verdict = tooMany
    ? { ...failure(context, 'login: TOO MANY LOGIN TRIES', m[2]), severity: ASSIGNED_SEVERITY.bruteForce }
    : failure(context, 'login: FAILED LOGIN', m[2]);
  // The FROM field is a host name or a tty (`FROM tty1`): only an address is the peer.
  const address = peerIp(m[1]);
  if (address !== undefined) verdict.srcAddress = address;
  return verdict;
}

export function chkpwdVerdict(context: AuthContext): AuthVerdict | undefined {
  const m = CHKPWD_FAILED.exec(context.message);
  return m ? failure(context, 'unix_chkpwd: password check failed', m[1]) : undefined;
}

function failure(context: AuthContext, rule: string, user: string | undefined): AuthVerdict {
  return {
    kind: 'alert',
    rule,
    severity: ASSIGNED_SEVERITY.failedLogin,
    outcome: 'failure',
    ...userField(user),
    process: loggingProcess(context.line),
  };
}
