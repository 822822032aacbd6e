import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Indicator } from '../indicators/rules';
import { indicatorsFor } from '../indicators/rules';
import { gatherEvidence } from '../indicators/gather';
import { parsePasswd } from '../proc/passwd';
import type { ProcessSnapshot } from '../proc/reader';
import { ProcReader } from '../proc/reader';
import type { CpuTimes } from '../proc/stat';
import { parseSystemStat } from '../proc/stat';

/**
 * USER_HZ, the unit of every tick count in /proc. The kernel fixes it at 100 for user space on every
 * architecture Linux supports today (sysconf(_SC_CLK_TCK)); Node has no sysconf to ask.
 */
export const CLOCK_TICKS_PER_SECOND = 100;
/** Ancestors listed in a process's parent chain; deeper chains are cut (init is never interesting). */
const MAX_CHAIN = 8;

export interface ProcessSample {
  pid: number;
  ppid: number;
  name: string;
  exePath: string | undefined;
  commandLine: string;
  owner: string | undefined;
  /** Epoch ms. */
  creationTime: number;
  containerId: string | undefined;
  userSeconds: number;
  systemSeconds: number;
  /** Executable names of the ancestors, parent first. */
  parentChain: string[];
  indicators: Indicator[];
}

export interface Sample {
  /** Epoch ms when the scan finished. */
  time: number;
  /** Per cpu number: seconds in each state since boot. */
  cpus: Map<string, CpuTimes>;
  /** The top processes by CPU since the last sample, plus every process with an indicator. */
  processes: ProcessSample[];
  /** Processes seen in all. */
  seen: number;
  /** Processes whose executable this agent may not read (it runs without CAP_SYS_PTRACE). */
  hiddenExe: number;
}

export interface SamplerOptions {
  procRoot?: string;
  passwdFile?: string;
  /** Processes reported per sample (top by CPU since the last one); processes with indicators come on top. */
  topProcesses?: number;
  now?: () => number;
}

/** Reads /proc once per call and turns it into what the agent reports. */
export class Sampler {
  private readonly reader: ProcReader;
  private readonly topProcesses: number;
  private readonly now: () => number;
  private readonly passwdFile: string;
  /** pid:startTicks → CPU ticks at the previous sample, for ranking by recent CPU. */
  private previous = new Map<string, number>();

  constructor(options: SamplerOptions = {}) {
    this.reader = new ProcReader(options.procRoot ?? '/proc');
    this.topProcesses = options.topProcesses ?? 50;
    this.now = options.now ?? Date.now;
    this.passwdFile = options.passwdFile ?? '/etc/passwd';
  }

  async sample(): Promise<Sample> {
    const stat = parseSystemStat(await readFile(path.join(this.reader.root, 'stat'), 'utf8'));
    const scan = await this.reader.scan();
    const users = await readUsers(this.passwdFile);
    const byPid = new Map(scan.processes.map((p) => [p.pid, p]));
    const evidence = await gatherEvidence(this.reader, scan.processes);
    const flagged = new Map(evidence.map((e) => [e.process.pid, indicatorsFor(e)]));

    const current = new Map<string, number>();
    const ranked = scan.processes.map((p) => {
      const key = `${p.pid}:${p.startTicks}`;
      const ticks = p.userTicks + p.systemTicks;
      current.set(key, ticks);
      const indicators = flagged.get(p.pid) ?? [];
      return { p, indicators, recent: ticks - (this.previous.get(key) ?? 0) };
    });
    this.previous = current;
    ranked.sort((a, b) => Number(b.indicators.length > 0) - Number(a.indicators.length > 0) || b.recent - a.recent);
    const chosen = ranked.filter((r, i) => i < this.topProcesses || r.indicators.length > 0);

    const bootMs = stat.bootTimeSeconds * 1000;
    return {
      time: this.now(),
      cpus: new Map([...stat.cpus].map(([cpu, times]) => [cpu, toSeconds(times)])),
      processes: chosen.map(({ p, indicators }) => describe(p, indicators, byPid, users, bootMs)),
      seen: scan.processes.length,
      hiddenExe: scan.hiddenExe,
    };
  }
}

function describe(
  p: ProcessSnapshot,
  indicators: Indicator[],
  byPid: Map<number, ProcessSnapshot>,
  users: Map<number, string>,
  bootMs: number,
): ProcessSample {
  return {
    pid: p.pid,
    ppid: p.ppid,
    name: executableName(p),
    exePath: p.exe,
    commandLine: p.argv.join(' '),
    owner: p.uid === undefined ? undefined : (users.get(p.uid) ?? String(p.uid)),
    creationTime: bootMs + (p.startTicks * 1000) / CLOCK_TICKS_PER_SECOND,
    containerId: p.containerId,
    userSeconds: p.userTicks / CLOCK_TICKS_PER_SECOND,
    systemSeconds: p.systemTicks / CLOCK_TICKS_PER_SECOND,
    parentChain: parentChain(p, byPid),
    indicators,
  };
}

/** As the hostmetrics receiver names it: the executable's base name, else the kernel's command name. */
function executableName(p: ProcessSnapshot): string {
  return p.exe !== undefined && !p.exe.startsWith('/memfd:') ? path.basename(p.exe) : p.comm;
}

function parentChain(p: ProcessSnapshot, byPid: Map<number, ProcessSnapshot>): string[] {
  const chain: string[] = [];
  const seen = new Set([p.pid]);
  let parent = byPid.get(p.ppid);
  while (parent && chain.length < MAX_CHAIN && !seen.has(parent.pid)) {
    seen.add(parent.pid);
    chain.push(executableName(parent));
    parent = byPid.get(parent.ppid);
  }
  return chain;
}

function toSeconds(times: CpuTimes): CpuTimes {
  const out = {} as CpuTimes;
  for (const [state, ticks] of Object.entries(times)) out[state as keyof CpuTimes] = ticks / CLOCK_TICKS_PER_SECOND;
  return out;
}

async function readUsers(file: string): Promise<Map<number, string>> {
  try {
    return parsePasswd(await readFile(file, 'utf8'));
  } catch {
    return new Map();
  }
}
