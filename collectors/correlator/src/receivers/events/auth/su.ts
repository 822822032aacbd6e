import { ASSIGNED_SEVERITY } from '../common/severity';
import type { SyslogLine } from './syslog';
import type { AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/** shadow-utils `FAILED SU (to root) bob on pts/0`, and the terse `- pts/0 bob:root` of older su. */
const FAILED_SU = /^FAILED SU \(to (\S{1,64})\) (\S{1,64}) on/;
const FAILED_SU_TERSE = /^- \S{1,64} (\S{1,64}):(\S{1,64})$/;
/** Successful switches: shadow-utils `Successful su for root by bob`, util-linux `(to root) bob on pts/0`, `+ pts/0 bob:root`. */
const SUCCESSFUL_SU = /^Successful su for (\S{1,64}) by (\S{1,64})/;
const UTIL_LINUX_SU = /^\(to (\S{1,64})\) (\S{1,64}) on/;
const SUCCESSFUL_SU_TERSE = /^\+ \S{1,64} (\S{1,64}):(\S{1,64})$/;

/** su: a refused switch is an alert, a successful one context (the process is su, owned by the invoking user). */
export function suVerdict(line: SyslogLine, message: string): AuthVerdict | undefined {
  let m = FAILED_SU.exec(message);
  if (m) return failed(line, m[2]);
  m = FAILED_SU_TERSE.exec(message);
  if (m) return failed(line, m[1]);
  m = SUCCESSFUL_SU.exec(message);
  if (m) return succeeded(line, m[2]);
  m = UTIL_LINUX_SU.exec(message);
  if (m) return succeeded(line, m[2]);
  m = SUCCESSFUL_SU_TERSE.exec(message);
  if (m) return succeeded(line, m[1]);
  return undefined;
}

function failed(line: SyslogLine, user: string | undefined): AuthVerdict {
  return {
    kind: 'alert',
    rule: 'su: FAILED SU',
    severity: ASSIGNED_SEVERITY.privilegeFailure,
    process: loggingProcess(line, user),
  };
}

function succeeded(line: SyslogLine, user: string | undefined): AuthVerdict {
  return {
    kind: 'context',
    rule: 'su: session',
    severity: ASSIGNED_SEVERITY.context,
    process: loggingProcess(line, user),
  };
}
