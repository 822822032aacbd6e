import type { ProcessRef } from '../../../model/process';
import type { Signal } from '../../../model/signal';
import { suspiciousExecRule } from '../common/exec-location';
import type { JsonObject } from '../common/fields';
import { basename, cap, get, ipAddress, nonNegativeInt, ownerFromUid, text } from '../common/fields';
import { MAX_COMMAND_LINE, MAX_NAME, MAX_OUTPUT, MAX_PATH } from '../../../model/limits';
import { ASSIGNED_SEVERITY } from '../common/severity';
import { epochSecondsToMillis } from '../common/timestamps';

/** What every row of one osquery result record shares. */
export interface QueryContext {
  /** The query (pack/schedule) name: the rule of every row's signal. */
  name: string;
  host?: string;
  /** When the query ran (epoch ms). */
  time: number;
  action?: 'added' | 'removed';
}

/** Event tables (`process_events`, `socket_events`, ...) stamp each row with the event's own time. */
const EVENT_TABLE = /_events\b/;
/** process_events `syscall` values that start a new program, and those that end one. */
const EXEC_SYSCALLS = new Set(['execve', 'execveat']);
const EXIT_SYSCALLS = new Set(['exit', 'exit_group']);

/**
 * One result row as a context Signal. Process fields come from the columns osquery's process tables use
 * (pid, parent, path, cmdline, name, uid/username, start_time). A process row whose binary sits in a
 * writable temp directory, a memfd or is gone from disk (`on_disk = 0`) is an alert.
 */
export function osqueryRowSignal(row: JsonObject, query: QueryContext): Signal {
  const eventTable = EVENT_TABLE.test(query.name);
  const eventTime = eventTable ? epochSecondsToMillis(get(row, 'time')) : undefined;
  const signal: Signal = {
    time: eventTime ?? query.time,
    source: 'osquery',
    kind: 'context',
    rule: query.name,
    severity: ASSIGNED_SEVERITY.context,
  };
  if (query.host !== undefined) signal.host = query.host;
  const process = rowProcess(row);
  if (process) signal.process = process;
  socketEnds(signal, row);
  // Login tables (`last`, `logged_in_users`) name the account `username` or `user`; process tables `username`.
  const user = text(get(row, 'username'), MAX_NAME) ?? text(get(row, 'user'), MAX_NAME);
  if (user !== undefined) signal.user = user;

  const processRow = process !== undefined && (Object.hasOwn(row, 'cmdline') || Object.hasOwn(row, 'parent'));
  if (!processRow || query.action === 'removed') return signal;
  const syscall = text(get(row, 'syscall'), MAX_NAME);
  if (syscall !== undefined ? EXEC_SYSCALLS.has(syscall) : eventTable) signal.lifecycle = 'exec';
  else if (syscall !== undefined && EXIT_SYSCALLS.has(syscall)) signal.lifecycle = 'exit';
  const rule =
    signal.lifecycle === 'exit'
      ? undefined
      : suspiciousExecRule(process.exePath, { unlinked: get(row, 'on_disk') === 0 || get(row, 'on_disk') === '0' });
  if (rule !== undefined) {
    signal.kind = 'alert';
    signal.rule = rule;
    signal.severity = ASSIGNED_SEVERITY.suspiciousExec;
    signal.tags = [query.name];
    signal.output = cap(process.commandLine ?? process.exePath ?? rule, MAX_OUTPUT);
  }
  return signal;
}

/**
 * A socket row's ends (socket_events, process_open_sockets): the local end started a `connect`, the remote end an
 * `accept`ed connection; rows without an action (open sockets) read as outbound, local first.
 */
function socketEnds(signal: Signal, row: JsonObject): void {
  const local = { address: ipAddress(get(row, 'local_address')), port: port(get(row, 'local_port')) };
  const remote = { address: ipAddress(get(row, 'remote_address')), port: port(get(row, 'remote_port')) };
  const inbound = text(get(row, 'action'), MAX_NAME) === 'accept';
  const [source, destination] = inbound ? [remote, local] : [local, remote];
  if (source.address !== undefined) {
    signal.srcAddress = source.address;
    if (source.port !== undefined) signal.srcPort = source.port;
  }
  if (destination.address !== undefined) {
    signal.destAddress = destination.address;
    if (destination.port !== undefined) signal.destPort = destination.port;
  }
}

/** Port 0 is an unbound or unconnected end: no port. */
function port(value: unknown): number | undefined {
  const n = nonNegativeInt(value);
  return n !== undefined && n > 0 && n <= 65535 ? n : undefined;
}

/** osquery `processes.start_time` was seconds since boot before 2.x; only epoch values (after 2001) are times. */
const MIN_EPOCH_START_SECONDS = 1e9;
const MS_PER_SECOND = 1000;

function rowProcess(row: JsonObject): ProcessRef | undefined {
  const pid = nonNegativeInt(get(row, 'pid'));
  if (pid === undefined) return undefined;
  const ref: ProcessRef = { pid };
  const ppid = nonNegativeInt(get(row, 'parent'));
  if (ppid !== undefined) ref.ppid = ppid;
  const path = text(get(row, 'path'), MAX_PATH);
  if (path !== undefined) ref.exePath = path;
  const name = text(get(row, 'name'), MAX_NAME) ?? (path !== undefined ? cap(basename(path), MAX_NAME) : undefined);
  if (name !== undefined) ref.name = name;
  const commandLine = text(get(row, 'cmdline'), MAX_COMMAND_LINE);
  if (commandLine !== undefined) ref.commandLine = commandLine;
  const owner = text(get(row, 'username'), MAX_NAME) ?? ownerFromUid(nonNegativeInt(get(row, 'uid')));
  if (owner !== undefined) ref.owner = owner;
  const startSeconds = nonNegativeInt(get(row, 'start_time'));
  if (startSeconds !== undefined && startSeconds >= MIN_EPOCH_START_SECONDS) {
    ref.startTime = startSeconds * MS_PER_SECOND;
  }
  return ref;
}
