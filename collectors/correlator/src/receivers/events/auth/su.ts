import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import type { AuthContext, AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/*
 * su: a refused switch is an alert, a successful one context. `user.name` is the account switched to (as PAM's
 * `user=` names it); the process is su, owned by the invoking user. Both names are accounts (no spaces).
 */

/** shadow-utils `FAILED SU (to root) bob on pts/0`, util-linux `FAILED su for root by bob`, old `BAD SU bob to root on /dev/pts/1`, terse `- pts/0 bob:root`. */
const FAILED = [
  { pattern: /^FAILED SU \(to (\S{1,64})\) (\S{1,64}) on/, target: 1, caller: 2 },
  { pattern: /^FAILED su for (\S{1,64}) by (\S{1,64})$/, target: 1, caller: 2 },
  { pattern: /^BAD SU (\S{1,64}) to (\S{1,64}) on/, target: 2, caller: 1 },
  { pattern: /^- \S{1,64} (\S{1,64}):(\S{1,64})$/, target: 2, caller: 1 },
] as const;
/** Successful switches: `Successful su for root by bob`, util-linux `(to root) bob on pts/0`, terse `+ pts/0 bob:root`. */
const SUCCEEDED = [
  { pattern: /^Successful su for (\S{1,64}) by (\S{1,64})/, target: 1, caller: 2 },
  { pattern: /^\(to (\S{1,64})\) (\S{1,64}) on/, target: 1, caller: 2 },
  { pattern: /^\+ \S{1,64} (\S{1,64}):(\S{1,64})$/, target: 2, caller: 1 },
] as const;

export function suVerdict(context: AuthContext): AuthVerdict | undefined {
  for (const shape of FAILED) {
    const m = shape.pattern.exec(context.message);
    if (m) {
      return {
        kind: 'alert',
        rule: 'su: FAILED SU',
        severity: ASSIGNED_SEVERITY.privilegeFailure,
        outcome: 'failure',
        ...userField(m[shape.target]),
        process: loggingProcess(context.line, m[shape.caller]),
      };
    }
  }
  for (const shape of SUCCEEDED) {
    const m = shape.pattern.exec(context.message);
    if (m) {
      return {
        kind: 'context',
        rule: 'su: session',
        severity: ASSIGNED_SEVERITY.context,
        outcome: 'success',
        ...userField(m[shape.target]),
        process: loggingProcess(context.line, m[shape.caller]),
      };
    }
  }
  return undefined;
}
