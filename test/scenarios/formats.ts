import type { SimProcess } from './host';

/** Writers for the security tools' own output formats, shaped like the real samples in collectors/correlator/src/receivers/events/__fixtures__/samples. */

function isoNanos(ms: number, extraNanos = 0): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // 2026-03-10T02:13:00.123Z
  const fraction = `${iso.slice(20, 23)}${String(extraNanos).padStart(6, '0')}`;
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

function clock(ms: number): string {
  return isoNanos(ms).slice(11, 29);
}

export interface FalcoAlertSpec {
  time: number;
  rule: string;
  priority: 'Emergency' | 'Alert' | 'Critical' | 'Error' | 'Warning' | 'Notice' | 'Informational' | 'Debug';
  host: string;
  process: SimProcess;
  parent?: SimProcess;
  /** Falco's default rules do not print proc.pid; deployments add it with append_output. */
  withPid: boolean;
  /** 12-hex short id, or 'host'. */
  container?: { id: string; name: string; pod?: string; namespace?: string };
  /** Words of the rule's message before the field list. */
  message: string;
  extra?: Record<string, string | number>;
  tags?: string[];
}

/** One Falco JSON alert (json_output: true, json_include_output_property: true, with tags). */
export function falcoAlert(spec: FalcoAlertSpec): string {
  const p = spec.process;
  const fields: Record<string, string | number | null> = {
    'evt.time': Number(BigInt(Math.round(spec.time)) * 1_000_000n),
    'proc.name': p.name,
    'proc.exepath': p.exe,
    'proc.cmdline': p.cmdline,
    'user.name': p.owner,
    'user.loginuid': p.owner === 'root' ? 0 : 1000,
    'container.id': spec.container?.id ?? 'host',
    'container.name': spec.container?.name ?? 'host',
  };
  if (spec.parent !== undefined) {
    fields['proc.pname'] = spec.parent.name;
    if (spec.withPid) fields['proc.ppid'] = spec.parent.pid;
  }
  if (spec.withPid) fields['proc.pid'] = p.pid;
  if (spec.container?.pod !== undefined) fields['k8s.pod.name'] = spec.container.pod;
  if (spec.container?.namespace !== undefined) fields['k8s.ns.name'] = spec.container.namespace;
  Object.assign(fields, spec.extra ?? {});
  const shown = Object.entries(fields)
    .filter(([key]) => key !== 'evt.time')
    .map(([key, value]) => `${key.replace('.', '_')}=${String(value)}`)
    .join(' ');
  return JSON.stringify({
    hostname: spec.host,
    output: `${clock(spec.time)}: ${spec.priority} ${spec.message} (${shown})`,
    output_fields: fields,
    priority: spec.priority,
    rule: spec.rule,
    source: 'syscall',
    tags: spec.tags ?? ['host', 'mitre_execution'],
    time: isoNanos(spec.time, 123),
  });
}

function tetragonProcess(host: string, p: SimProcess, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const execId = Buffer.from(`${host}:${Math.round(p.start) * 1_000_000}:${p.pid}`).toString('base64');
  return {
    exec_id: execId,
    pid: p.pid,
    uid: p.owner === 'root' ? 0 : 1000,
    cwd: '/',
    binary: p.exe,
    arguments: p.cmdline.split(' ').slice(1).join(' '),
    flags: 'execve clone',
    start_time: isoNanos(p.start),
    auid: p.owner === 'root' ? 0 : 1000,
    parent_exec_id: undefined,
    tid: p.pid,
    ...extra,
  };
}

function withParent(host: string, p: SimProcess, parent: SimProcess | undefined): Record<string, unknown> {
  const process = tetragonProcess(host, p);
  if (parent === undefined) return { process };
  const parentProcess = tetragonProcess(host, parent);
  process.parent_exec_id = parentProcess.exec_id;
  return { process, parent: parentProcess };
}

/** Tetragon `process_exec` export line. */
export function tetragonExec(host: string, p: SimProcess, parent?: SimProcess): string {
  return JSON.stringify({ process_exec: withParent(host, p, parent), node_name: host, time: isoNanos(p.start, 456) });
}

/** Tetragon `process_exit` export line. */
export function tetragonExit(host: string, p: SimProcess, parent: SimProcess | undefined, time: number): string {
  return JSON.stringify({
    process_exit: { ...withParent(host, p, parent), signal: '', status: 0, time: isoNanos(time) },
    node_name: host,
    time: isoNanos(time, 789),
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A classic syslog auth.log line (no year, local time = UTC here). */
export function authLine(time: number, host: string, program: string, pid: number | undefined, text: string): string {
  const d = new Date(time);
  const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  return `${stamp} ${host} ${program}${pid === undefined ? '' : `[${pid}]`}: ${text}`;
}

/** One osquery snapshot result (logger plugin `filesystem`, `--logger_snapshot_event_type`): rows of one query. */
export function osquerySnapshot(
  time: number,
  host: string,
  query: string,
  rows: Array<Record<string, string>>,
): string {
  const d = new Date(time);
  const calendar = `${d.toUTCString().slice(0, 3)} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()} UTC`;
  return JSON.stringify({
    snapshot: rows,
    action: 'snapshot',
    name: query,
    hostIdentifier: host,
    calendarTime: calendar,
    unixTime: Math.floor(time / 1000),
    epoch: 0,
    counter: 0,
    numerics: false,
  });
}

/** The osquery `processes` columns of a simulated process. */
export function osqueryProcessRow(p: SimProcess): Record<string, string> {
  return {
    pid: String(p.pid),
    parent: String(p.ppid),
    name: p.name.slice(0, 15),
    path: p.exe,
    cmdline: p.cmdline,
    uid: p.owner === 'root' ? '0' : '1000',
    username: p.owner,
    start_time: String(Math.floor(p.start / 1000)),
    on_disk: '1',
  };
}

const ISO_NANOS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/;

/** An isoNanos timestamp moved by `ms`, its sub-millisecond digits kept. */
function shiftIso(stamp: string, ms: number): string {
  const millis = Date.parse(`${stamp.slice(0, 23)}Z`) + ms;
  return isoNanos(millis, Number(stamp.slice(23, 29)));
}

/**
 * A Falco or Tetragon line as the tool would have written it with its clock `ms` off the metrics': every
 * timestamp it carries — the event time, `evt.time`, the output's clock, process start and exit times — moved by
 * `ms`. Identifiers (Tetragon's exec_id) stay as they were: they are opaque to the reader.
 */
export function shiftToolClock(line: string, ms: number): string {
  const shift = (value: unknown, key: string): unknown => {
    if (typeof value === 'string' && ISO_NANOS.test(value)) return shiftIso(value, ms);
    if (key === 'evt.time' && typeof value === 'number') return value + ms * 1_000_000;
    if (Array.isArray(value)) return value.map((item) => shift(item, ''));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shift(v, k)]));
    }
    return value;
  };
  const shifted = shift(JSON.parse(line), '') as Record<string, unknown>;
  if (typeof shifted.output === 'string' && typeof shifted.time === 'string') {
    // Falco's output starts with the event's wall clock, HH:MM:SS.nnnnnnnnn (as clock() writes it).
    shifted.output = `${shifted.time.slice(11, 23)}000000${shifted.output.slice(18)}`;
  }
  return JSON.stringify(shifted);
}
