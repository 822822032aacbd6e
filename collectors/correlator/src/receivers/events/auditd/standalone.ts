import type { NormalizeResult, Signal } from '../../../model/signal';
import type { SignalSeverity } from '@lockstep/contract';
import { commandProcess } from '../common/command';
import { cap } from '../common/fields';
import { peerAddress } from '../common/peer';
import { MAX_NAME, MAX_OUTPUT, MAX_RULE } from '../../../model/limits';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { skipped } from '../common/skipped';
import { denialRule, isAccessDenial } from './denial';
import { recordProcess } from './process';
import type { AuditRecord } from './record';
import { auditSignal } from './signal';

/** Account records auditd writes for shadow-utils and PAM (a user added is how persistence often starts). */
const ACCOUNT_RECORDS: ReadonlyMap<string, { rule: string; severity: SignalSeverity }> = new Map([
  ['ADD_USER', { rule: 'User account added', severity: ASSIGNED_SEVERITY.accountCreated }],
  ['ADD_GROUP', { rule: 'Group added', severity: ASSIGNED_SEVERITY.accountChanged }],
  ['DEL_USER', { rule: 'User account deleted', severity: ASSIGNED_SEVERITY.accountChanged }],
  ['DEL_GROUP', { rule: 'Group deleted', severity: ASSIGNED_SEVERITY.accountChanged }],
  ['USER_CHAUTHTOK', { rule: 'Password changed', severity: ASSIGNED_SEVERITY.accountChanged }],
]);
/** Login and PAM records that are a failed login when `res=failed`. */
const LOGIN_RECORDS = new Set(['USER_LOGIN', 'USER_AUTH', 'USER_ACCT', 'USER_ERR']);
const ANOMALY_PREFIX = 'ANOM_';
const FAILED = new Set(['failed', '0']);

/**
 * The result of an event without a SYSCALL record, judged by its first record's type, or undefined when the
 * type is none of those Lockstep reads (the caller reports it as carrying no signal).
 */
export function standaloneRecordResult(record: AuditRecord): NormalizeResult | undefined {
  const type = record.type;
  const failed = FAILED.has(record.fields.get('res') ?? '');
  if (type === 'AVC' || type === 'USER_AVC') {
    return isAccessDenial(record)
      ? alert(record, denialRule(record), ASSIGNED_SEVERITY.accessDenied)
      : skipped(`auditd: ${type} without a denial carries no signal`);
  }
  if (type.startsWith(ANOMALY_PREFIX)) return alert(record, cap(type, MAX_RULE), ASSIGNED_SEVERITY.auditAnomaly);
  const account = ACCOUNT_RECORDS.get(type);
  if (account)
    return failed
      ? skipped(`auditd: ${type} that failed changes no account`)
      : alert(record, account.rule, account.severity);
  if (LOGIN_RECORDS.has(type))
    return failed
      ? alert(record, `${type} failed`, ASSIGNED_SEVERITY.failedLogin)
      : skipped(`auditd: successful ${type} carries no alert`);
  if (type === 'SECCOMP') {
    // sig=0 is a logged (SECCOMP_RET_LOG) call; any signal means the filter killed or trapped the process.
    const signal = record.fields.get('sig');
    return signal !== undefined && signal !== '0'
      ? alert(record, 'Seccomp violation', ASSIGNED_SEVERITY.kernelEnforcement)
      : skipped('auditd: SECCOMP log record carries no alert');
  }
  if (type === 'KERN_MODULE') return alert(record, 'Kernel module loaded', ASSIGNED_SEVERITY.kernelEnforcement);
  if (type === 'USER_CMD') return sudoCommand(record);
  return undefined;
}

function alert(record: AuditRecord, rule: string, severity: SignalSeverity): Signal {
  const signal = auditSignal(record, 'alert', rule, severity);
  signal.output = cap(record.line, MAX_OUTPUT);
  const process = recordProcess(record);
  if (Object.keys(process).length > 0) signal.process = process;
  // User-space records name the remote end in addr (or hostname) and the account in acct (hex when unusual).
  const peer = peerAddress(record.fields.get('addr')) ?? peerAddress(record.fields.get('hostname'));
  if (peer !== undefined) signal.srcAddress = peer;
  const account = accountName(record.fields.get('acct'));
  if (account !== undefined) signal.user = account;
  const result = record.fields.get('res');
  if (result !== undefined) signal.outcome = FAILED.has(result) ? 'failure' : 'success';
  return signal;
}

/** sshd writes `(invalid user)` and PAM `?` where no account is known: markers, not names. */
function accountName(acct: string | undefined): string | undefined {
  if (acct === undefined || acct === '?' || /^\(.*\)$/.test(acct)) return undefined;
  return cap(acct, MAX_NAME);
}

/** USER_CMD is sudo reporting the command it runs (`cmd`, hex-encoded); the record's pid is sudo's. */
function sudoCommand(record: AuditRecord): Signal {
  const signal = auditSignal(record, 'context', 'USER_CMD', ASSIGNED_SEVERITY.context);
  const command = record.fields.get('cmd');
  const process = command !== undefined ? commandProcess(command) : {};
  const sudo = recordProcess(record);
  if (sudo.pid !== undefined) {
    process.ppid = sudo.pid;
    process.parent = { pid: sudo.pid };
  }
  signal.process = process;
  return signal;
}
