import type { ProcessRef } from '../../../model/process';
import { commandProcess } from '../common/command';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { userField } from './peer-fields';
import type { SyslogLine } from './syslog';
import type { AuthContext, AuthVerdict } from './verdict';
import { loggingProcess } from './verdict';

/** `  tsg : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/ls` */
const SUDO_ENTRY = /^\s*(\S{1,64}) : (.*)$/s;
const FIELD_SEPARATOR = ' ; ';
const COMMAND_FIELD = 'COMMAND=';
const TARGET_USER = /(?:^| ; )USER=(\S{1,64})/;

/** Refusal reasons sudo writes before its fields; anything else it writes there is no security signal. */
const REFUSALS: ReadonlyArray<{ pattern: RegExp; rule: string; severity: AuthVerdict['severity'] }> = [
  { pattern: /NOT in sudoers/, rule: 'sudo: user NOT in sudoers', severity: ASSIGNED_SEVERITY.notInSudoers },
  {
    pattern: /incorrect password attempts?/,
    rule: 'sudo: incorrect password attempts',
    severity: ASSIGNED_SEVERITY.privilegeFailure,
  },
  { pattern: /command not allowed/, rule: 'sudo: command not allowed', severity: ASSIGNED_SEVERITY.privilegeFailure },
  { pattern: /a password is required/, rule: 'sudo: a password is required', severity: ASSIGNED_SEVERITY.failedLogin },
];

/**
 * sudo's own log line: a command run (context: the command as a process owned by the target user, child of
 * sudo) or a refusal (alert about the sudo process of the invoking user). The invoking user comes first and is an
 * account name; the fields after it (PWD, COMMAND) are the caller's own text and never change who or what outcome.
 */
export function sudoVerdict(context: AuthContext): AuthVerdict | undefined {
  const line = context.line;
  const m = SUDO_ENTRY.exec(context.message);
  if (!m) return undefined;
  const user = m[1] as string;
  const rest = m[2] as string;
  const commandAt = rest.indexOf(COMMAND_FIELD);
  if (commandAt < 0) return undefined;
  // COMMAND is the last field and may itself contain " ; ".
  const command = rest.slice(commandAt + COMMAND_FIELD.length);
  const fields = rest.slice(0, commandAt);
  const firstField = fields.split(FIELD_SEPARATOR, 1)[0] ?? '';
  const reason = firstField.includes('=') ? undefined : firstField;
  if (reason === undefined) {
    return {
      kind: 'context',
      rule: 'sudo: command run',
      severity: ASSIGNED_SEVERITY.context,
      outcome: 'success',
      ...userField(user),
      process: sudoChild(command, TARGET_USER.exec(fields)?.[1], line),
    };
  }
  for (const refusal of REFUSALS) {
    if (refusal.pattern.test(reason)) {
      return {
        kind: 'alert',
        rule: refusal.rule,
        severity: refusal.severity,
        outcome: 'failure',
        ...userField(user),
        process: loggingProcess(line, user),
      };
    }
  }
  return undefined;
}

function sudoChild(command: string, owner: string | undefined, line: SyslogLine): ProcessRef {
  const ref = commandProcess(command);
  if (owner !== undefined) ref.owner = owner;
  ref.parent = { name: 'sudo' };
  if (line.pid !== undefined) {
    ref.ppid = line.pid;
    ref.parent.pid = line.pid;
  }
  return ref;
}
