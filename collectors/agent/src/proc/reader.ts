import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { containerIdFromCgroup } from './cgroup';
import { uidFromStatus } from './passwd';
import type { PidStat } from './pid-stat';
import { parsePidStat, PF_KTHREAD } from './pid-stat';

/** What the agent knows of one process after a scan. Fields it was not allowed to read are undefined. */
export interface ProcessSnapshot {
  pid: number;
  ppid: number;
  /** The kernel's 15-byte command name. */
  comm: string;
  state: string;
  userTicks: number;
  systemTicks: number;
  startTicks: number;
  /** Executable path, without the kernel's " (deleted)" suffix; undefined when unreadable. */
  exe: string | undefined;
  /** The executable file was deleted (or replaced) after the process started. */
  exeDeleted: boolean;
  /** argv; empty when unreadable or for a zombie. */
  argv: string[];
  uid: number | undefined;
  containerId: string | undefined;
}

export interface ScanResult {
  processes: ProcessSnapshot[];
  /** Processes whose exe link could not be read for lack of permission (reduced visibility when unprivileged). */
  hiddenExe: number;
  /** Processes that exited between listing and reading: normal, not errors. */
  vanished: number;
}

const DELETED = ' (deleted)';
/** argv is cut here: a command line is for identification, not for storing payloads. */
const MAX_CMDLINE_BYTES = 4096;

/**
 * Reads the process table from a /proc tree (the real one, or a fixture tree in tests). Kernel threads are left
 * out: they have no executable and are never the process behind a spike that a user can act on.
 */
export class ProcReader {
  constructor(readonly root = '/proc') {}

  async scan(): Promise<ScanResult> {
    const entries = await readdir(this.root);
    const result: ScanResult = { processes: [], hiddenExe: 0, vanished: 0 };
    for (const name of entries) {
      if (!/^\d+$/.test(name)) continue;
      const snapshot = await this.readProcess(Number(name), result);
      if (snapshot) result.processes.push(snapshot);
    }
    return result;
  }

  /** One file of one process, or undefined when it is gone or unreadable. */
  async file(pid: number, name: string): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.root, String(pid), name), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The target of /proc/PID/<name> (exe, fd/0, ...), or the error code when it cannot be read. */
  async link(pid: number, name: string): Promise<{ target?: string; error?: string }> {
    try {
      return { target: await readlink(path.join(this.root, String(pid), name)) };
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    }
  }

  private async readProcess(pid: number, result: ScanResult): Promise<ProcessSnapshot | undefined> {
    const statText = await this.file(pid, 'stat');
    const stat: PidStat | undefined = statText === undefined ? undefined : parsePidStat(statText);
    if (stat === undefined) {
      result.vanished += 1;
      return undefined;
    }
    if ((stat.flags & PF_KTHREAD) !== 0) return undefined;
    const [exe, cmdline, status, cgroup] = await Promise.all([
      this.link(pid, 'exe'),
      this.file(pid, 'cmdline'),
      this.file(pid, 'status'),
      this.file(pid, 'cgroup'),
    ]);
    if (exe.error === 'EACCES' || exe.error === 'EPERM') result.hiddenExe += 1;
    const target = exe.target;
    const exeDeleted = target?.endsWith(DELETED) ?? false;
    return {
      pid,
      ppid: stat.ppid,
      comm: stat.comm,
      state: stat.state,
      userTicks: stat.userTicks,
      systemTicks: stat.systemTicks,
      startTicks: stat.startTicks,
      exe: target === undefined ? undefined : exeDeleted ? target.slice(0, -DELETED.length) : target,
      exeDeleted,
      argv: splitCmdline(cmdline ?? ''),
      uid: status === undefined ? undefined : uidFromStatus(status),
      containerId: cgroup === undefined ? undefined : containerIdFromCgroup(cgroup),
    };
  }
}

/** /proc/PID/cmdline is argv joined by NULs (with a trailing one); cut to a bounded size. */
export function splitCmdline(raw: string): string[] {
  const text = raw.length > MAX_CMDLINE_BYTES ? raw.slice(0, MAX_CMDLINE_BYTES) : raw;
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
