import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PF_KTHREAD } from '../pid-stat';

export interface FakeProcess {
  pid: number;
  comm: string;
  ppid?: number;
  /** Target of the exe link; undefined makes the link absent (as for kernel threads). */
  exe?: string;
  argv?: string[];
  uid?: number;
  cgroup?: string;
  cpuTicks?: number;
  startTicks?: number;
  kernelThread?: boolean;
  /** fd number → link target. */
  fds?: Record<number, string>;
}

export interface FakeProc {
  processes: FakeProcess[];
  /** Lines of /proc/net/tcp after the header. */
  tcp?: string[];
  cpus?: number;
  btime?: number;
}

/** A /proc-shaped directory in a temp dir, with real symlinks for exe and fd entries; returns its path. */
export function makeFakeProc(spec: FakeProc): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lockstep-proc-'));
  const cpus = Array.from({ length: spec.cpus ?? 2 }, (_, i) => `cpu${i} 100 0 50 1000 5 0 1 0 0 0`);
  writeFileSync(
    path.join(root, 'stat'),
    `cpu 200 0 100 2000 10 0 2 0 0 0\n${cpus.join('\n')}\nbtime ${spec.btime ?? 1700000000}\n`,
  );
  mkdirSync(path.join(root, 'net'));
  const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  writeFileSync(path.join(root, 'net', 'tcp'), [header, ...(spec.tcp ?? [])].join('\n') + '\n');
  for (const p of spec.processes) {
    const dir = path.join(root, String(p.pid));
    mkdirSync(path.join(dir, 'fd'), { recursive: true });
    const flags = p.kernelThread ? PF_KTHREAD : 0x400100;
    const ticks = p.cpuTicks ?? 0;
    const fields = [
      p.pid,
      `(${p.comm})`,
      'S',
      p.ppid ?? 1,
      p.pid,
      p.pid,
      0,
      -1,
      flags,
      0,
      0,
      0,
      0,
      ticks,
      0,
      0,
      0,
      20,
      0,
      1,
      0,
      p.startTicks ?? 1000,
      0,
      0,
    ];
    writeFileSync(path.join(dir, 'stat'), `${fields.join(' ')}\n`);
    writeFileSync(path.join(dir, 'cmdline'), p.argv ? `${p.argv.join('\0')}\0` : '');
    writeFileSync(
      path.join(dir, 'status'),
      `Name:\t${p.comm}\nUid:\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\n`,
    );
    writeFileSync(path.join(dir, 'cgroup'), p.cgroup ?? '0::/\n');
    if (p.exe !== undefined) symlinkSync(p.exe, path.join(dir, 'exe'));
    for (const [fd, target] of Object.entries(p.fds ?? {})) symlinkSync(target, path.join(dir, 'fd', fd));
  }
  return root;
}

/** A /proc/net/tcp line: established (state 01) to `port`, with socket `inode`. */
export function tcpLine(slot: number, port: number, inode: number, state = '01'): string {
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return `   ${slot}: 0500000A:C350 ${remote} ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;
}
