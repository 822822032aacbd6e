/** The process a simulated Falco alert is about. */
export interface AlertedProcess {
  pid: number;
  name: string;
  exe: string;
  commandLine: string;
  owner: string;
  uid: number;
  parentPid: number;
  parentName: string;
}

/** The rule of Falco's sandbox ruleset that fires on a known miner's exec (falco-sandbox_rules.yaml). */
export const MINER_RULE = 'Known Cryptominer Process Executed';

/**
 * One alert as Falco's JSON output writes it (json_output: true, json_include_output_property, and the usual
 * `append_output` of proc.pid and the container fields), for `MINER_RULE` on `process` on `host` at `time`.
 */
export function falcoMinerAlert(process: AlertedProcess, host: string, time: number): string {
  const fields: Record<string, string | number> = {
    'evt.time': time * 1_000_000,
    'evt.type': 'execve',
    'proc.name': process.name,
    'proc.exepath': process.exe,
    'user.name': process.owner,
    'user.uid': process.uid,
    'user.loginuid': process.uid,
    'proc.pname': process.parentName,
    'proc.cmdline': `${process.name} ${process.commandLine.split(' ').slice(1).join(' ')}`,
    'proc.tty': 0,
    'evt.arg.flags': 'EXE_WRITABLE',
    'proc.pid': process.pid,
    'proc.ppid': process.parentPid,
    'container.id': 'host',
    'container.name': 'host',
  };
  const shown = [
    ['process', 'proc.name'],
    ['exe', 'proc.exepath'],
    ['evt_type', 'evt.type'],
    ['user', 'user.name'],
    ['user_uid', 'user.uid'],
    ['user_loginuid', 'user.loginuid'],
    ['parent', 'proc.pname'],
    ['command', 'proc.cmdline'],
    ['terminal', 'proc.tty'],
    ['exe_flags', 'evt.arg.flags'],
    ['proc_pid', 'proc.pid'],
    ['container_id', 'container.id'],
    ['container_name', 'container.name'],
  ]
    .map(([label, key]) => `${label}=${fields[key as string]}`)
    .join(' ');
  const iso = new Date(time).toISOString();
  return JSON.stringify({
    hostname: host,
    output: `${iso.slice(11, 23)}000000: Critical Cryptominer process executed | ${shown}`,
    output_fields: fields,
    priority: 'Critical',
    rule: MINER_RULE,
    source: 'syscall',
    tags: ['maturity_sandbox', 'host', 'container', 'process', 'mitre_impact', 'T1496'],
    time: `${iso.slice(0, 23)}000000Z`,
  });
}

/** Posts newline-delimited events to the correlator's `/v1/events/{format}`; returns its answer. */
export async function postEvents(
  otlpUrl: string,
  format: string,
  lines: readonly string[],
): Promise<{ status: number; accepted?: number; body: string }> {
  const response = await fetch(`${otlpUrl}/v1/events/${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
  const body = await response.text();
  let accepted: number | undefined;
  try {
    accepted = (JSON.parse(body) as { accepted?: number }).accepted;
  } catch {
    // not JSON: the status says what happened
  }
  return { status: response.status, accepted, body };
}
