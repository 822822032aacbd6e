import type { EventResult, Signal } from '../../../model/signal';
import { isSkipped } from '../../../model/signal';
import { suspiciousExecRule } from '../common/exec-location';
import { basename, cap } from '../common/fields';
import { MAX_NAME, MAX_OUTPUT, MAX_RULE, MAX_TAG, MAX_TAGS } from '../../../model/limits';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { skipped } from '../common/skipped';
import { denialRule, isAccessDenial } from './denial';
import { configurationChange, netfilterChange } from './netfilter';
import { absolutePath, execveCommandLine, recordProcess } from './process';
import type { AuditRecord } from './record';
import { auditSignal } from './signal';
import { sockaddrPeer } from './sockaddr';
import { standaloneRecordResult } from './standalone';
import { socketEnd, syscallKind } from './syscalls';
import { auditKeys, proctitleText } from './values';

/** Record types shown in a skip reason for an event that carries no signal. */
const MAX_TYPES_NAMED = 4;

/**
 * The results of one assembled audit event (all records sharing a serial). A SYSCALL event becomes one
 * signal about its process: an alert when an audit rule key matched, an access was denied or an exec ran
 * from a suspicious place, else context (execve, or the syscall). Other events are judged by record type.
 */
export function auditEventResults(records: AuditRecord[]): EventResult[] {
  const first = records[0];
  if (first === undefined) return [];
  const security = securityResults(records, first);
  // A configuration change (firewall, audit rules, accounts, sudo running a firewall tool) is a change beside the
  // event's own signal; a skip of either side says nothing once the other has something.
  const change = netfilterChange(records) ?? configurationChange(records);
  if (change === undefined) return security;
  const signals = security.filter((r) => !isSkipped(r));
  if (isSkipped(change)) return signals.length > 0 ? signals : [change];
  return [change, ...signals];
}

function securityResults(records: AuditRecord[], first: AuditRecord): EventResult[] {
  const syscall = records.find((r) => r.type === 'SYSCALL');
  if (syscall) return [syscallSignal(syscall, records)];
  const execve = records.find((r) => r.type === 'EXECVE');
  if (execve) return [loneExecSignal(execve, records)];
  const standalone = standaloneRecordResult(first);
  if (standalone) return [standalone];
  const types = [...new Set(records.map((r) => r.type))].slice(0, MAX_TYPES_NAMED).join('+');
  return [skipped(`auditd: ${types} event carries no security signal`)];
}

function syscallSignal(syscall: AuditRecord, records: AuditRecord[]): Signal {
  const signal = auditSignal(syscall, 'context', 'syscall', ASSIGNED_SEVERITY.context);
  const process = recordProcess(syscall);
  const execve = records.find((r) => r.type === 'EXECVE');
  const proctitle = records.find((r) => r.type === 'PROCTITLE')?.fields.get('proctitle');
  const commandLine =
    (execve ? execveCommandLine(records) : undefined) ??
    (proctitle !== undefined ? cap(proctitleText(proctitle), MAX_OUTPUT) : undefined);
  if (commandLine !== undefined) process.commandLine = commandLine;
  signal.process = process;
  const name = syscall.fields.get('syscall');
  addSocketPeer(signal, syscall, records);
  const user = loginUser(syscall);
  if (user !== undefined) signal.user = user;

  const kind = execve ? 'exec' : syscallKind(syscall.fields.get('arch'), name);
  const succeeded = syscall.fields.get('success') !== 'no';
  if (kind === 'exec' && succeeded) signal.lifecycle = 'exec';
  if (kind === 'exit') signal.lifecycle = 'exit';
  signal.rule = kind === 'exec' ? 'execve' : cap(`syscall ${name ?? 'unknown'}`, MAX_RULE);

  const keys = auditKeys(syscall.fields.get('key'))
    .map((key) => cap(key, MAX_TAG))
    .slice(0, MAX_TAGS);
  const denial = records.find(isAccessDenial);
  const suspicious = signal.lifecycle === 'exec' ? suspiciousExecRule(process.exePath ?? execPath(records)) : undefined;
  if (suspicious !== undefined) alert(signal, suspicious, ASSIGNED_SEVERITY.suspiciousExec, syscall);
  else if (denial) alert(signal, denialRule(denial), ASSIGNED_SEVERITY.accessDenied, denial);
  else if (keys.length > 0) alert(signal, cap(keys[0] as string, MAX_RULE), ASSIGNED_SEVERITY.auditKey, syscall);
  if (keys.length > 0) signal.tags = keys;
  return signal;
}

/** The SOCKADDR of accept() is the peer that connected (source); of connect() the one connected to (destination). */
function addSocketPeer(signal: Signal, syscall: AuditRecord, records: AuditRecord[]): void {
  const peer = sockaddrPeer(records.find((r) => r.type === 'SOCKADDR')?.fields.get('saddr'));
  if (peer === undefined) return;
  const end = socketEnd(syscall.fields.get('arch'), syscall.fields.get('syscall'), syscall.fields.get('a0'));
  if (end === 'source') {
    signal.srcAddress = peer.address;
    if (peer.port !== undefined) signal.srcPort = peer.port;
  } else if (end === 'destination') {
    signal.destAddress = peer.address;
    if (peer.port !== undefined) signal.destPort = peer.port;
  }
}

/** The login user (auid) by name, where auditd resolved it (ENRICHED logs) or an interpreted log printed one. */
function loginUser(syscall: AuditRecord): string | undefined {
  const auid = syscall.enriched.get('AUID') ?? syscall.fields.get('auid');
  if (auid === undefined || /^\d+$|^-1$|^unset$/.test(auid)) return undefined;
  return cap(auid, MAX_NAME);
}

/** An EXECVE whose SYSCALL record was lost: argv and the PATH/CWD records still say what ran. */
function loneExecSignal(execve: AuditRecord, records: AuditRecord[]): Signal {
  const signal = auditSignal(execve, 'context', 'execve', ASSIGNED_SEVERITY.context);
  signal.lifecycle = 'exec';
  const commandLine = execveCommandLine(records);
  const exePath = execPath(records) ?? absolutePath(execve.fields.get('a0'), cwdOf(records));
  const argv0 = execve.fields.get('a0');
  const process: Signal['process'] = {};
  if (exePath !== undefined) process.exePath = exePath;
  const name = exePath ?? argv0;
  if (name !== undefined) process.name = cap(basename(name), MAX_NAME);
  if (commandLine !== undefined) process.commandLine = commandLine;
  signal.process = process;
  const suspicious = suspiciousExecRule(exePath);
  if (suspicious !== undefined) alert(signal, suspicious, ASSIGNED_SEVERITY.suspiciousExec, execve);
  return signal;
}

function alert(signal: Signal, rule: string, severity: Signal['severity'], evidence: AuditRecord): void {
  signal.kind = 'alert';
  signal.rule = rule;
  signal.severity = severity;
  signal.output = cap(evidence.line, MAX_OUTPUT);
}

/** The executed file as the PATH record of item 0 names it, made absolute with the CWD record. */
function execPath(records: AuditRecord[]): string | undefined {
  const path = records.find((r) => r.type === 'PATH' && r.fields.get('item') === '0');
  return absolutePath(path?.fields.get('name'), cwdOf(records));
}

function cwdOf(records: AuditRecord[]): string | undefined {
  return records.find((r) => r.type === 'CWD')?.fields.get('cwd');
}
