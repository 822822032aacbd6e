import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcReader } from '../proc/reader';
import type { ProcessSnapshot } from '../proc/reader';
import { makeFakeProc, tcpLine } from '../proc/__fixtures__/fake-proc';
import { gatherEvidence } from './gather';
import type { Indicator } from './rules';
import { indicatorsFor } from './rules';

async function indicatorsByPid(root: string): Promise<Map<number, string[]>> {
  const reader = new ProcReader(root);
  const scan = await reader.scan();
  const evidence = await gatherEvidence(reader, scan.processes);
  return new Map(evidence.map((e) => [e.process.pid, indicatorsFor(e).map((i: Indicator) => i.rule)]));
}

describe('indicators on a fixture /proc', () => {
  const root = makeFakeProc({
    processes: [
      { pid: 10, comm: 'nginx', exe: '/usr/sbin/nginx', argv: ['nginx: worker process'] },
      { pid: 11, comm: 'xmrig', exe: '/dev/shm/.x/xmrig', argv: ['/dev/shm/.x/xmrig'], fds: { 3: 'socket:[5001]' } },
      { pid: 12, comm: 'updater', exe: '/usr/local/bin/updater (deleted)', argv: ['updater'] },
      { pid: 13, comm: '3', exe: '/memfd:payload (deleted)', argv: ['[kworker/0:1]'] },
      { pid: 14, comm: 'kdevtmpfsi', exe: '/var/tmp/kdevtmpfsi', argv: ['kdevtmpfsi'] },
      { pid: 15, comm: 'bash', exe: '/usr/bin/bash', argv: ['bash', '-i'], fds: { 0: 'socket:[5002]' } },
      { pid: 16, comm: 'bash', exe: '/usr/bin/bash', argv: ['-bash'], fds: { 0: '/dev/pts/0' } },
      { pid: 18, comm: 'irqbalance', exe: '/usr/sbin/irqbalance', argv: ['/usr/sbin/irqbalance'] },
      { pid: 17, comm: 'curl', exe: '/usr/bin/curl', argv: ['curl', 'example.org'], fds: { 3: 'socket:[5003]' } },
    ],
    tcp: [tcpLine(0, 3333, 5001), tcpLine(1, 443, 5003), tcpLine(2, 4444, 5004, '06')],
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each<[string, number, string[]]>([
    ['an ordinary daemon', 10, []],
    [
      'a miner in /dev/shm talking to a pool port',
      11,
      ['Execution from writable temp directory', 'Connection to mining pool port'],
    ],
    ['a deleted executable', 12, ['Executable deleted after start']],
    [
      'memfd execution under a kernel-thread name',
      13,
      ['Execution from memfd', 'Kernel thread name on a user process'],
    ],
    [
      'a kernel-thread name from /var/tmp',
      14,
      ['Execution from writable temp directory', 'Kernel thread name on a user process'],
    ],
    ['a shell reading a socket', 15, ['Shell with a network socket as input']],
    ['a login shell on a terminal', 16, []],
    ['an HTTPS client', 17, []],
    ['a daemon whose name starts like a kernel thread', 18, []],
  ])('%s', async (_label, pid, rules) => {
    expect((await indicatorsByPid(root)).get(pid)).toEqual(rules);
  });

  it('quotes hostile paths so they cannot forge text', () => {
    const process: ProcessSnapshot = {
      pid: 1,
      ppid: 0,
      comm: 'x',
      state: 'S',
      userTicks: 0,
      systemTicks: 0,
      startTicks: 0,
      exe: '/tmp/a"\n<script>',
      exeDeleted: false,
      argv: [],
      uid: 0,
      containerId: undefined,
    };
    const [indicator] = indicatorsFor({ process, stdin: undefined, poolConnections: [] });
    expect(indicator?.description).toContain('"/tmp/a\\"\\n<script>"');
    expect(indicator?.description).not.toContain('\n');
  });
});

describe("indicators on this machine's real /proc", () => {
  const children: ChildProcess[] = [];
  let dir: string;
  let server: Server | undefined;
  const sockets: Socket[] = [];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-ind-'));
  });
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const socket of sockets) socket.destroy();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(command: string, args: string[], stdin: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
    const child = spawn(command, args, { stdio: [stdin, 'ignore', 'ignore'] });
    children.push(child);
    return child;
  }

  async function rulesOf(pid: number | undefined): Promise<string[]> {
    // A child needs a moment to exec; poll until its exe is the new program.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const rules = (await indicatorsByPid('/proc')).get(pid ?? -1);
      if (rules && rules.length > 0) return rules;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return [];
  }

  it('flags a program run from a temp directory, and again once its file is deleted', async () => {
    const binary = path.join(dir, 'sleepy');
    copyFileSync('/bin/sleep', binary);
    const child = start(binary, ['30']);
    expect(await rulesOf(child.pid)).toContain('Execution from writable temp directory');
    unlinkSync(binary);
    expect(await rulesOf(child.pid)).toEqual([
      'Executable deleted after start',
      'Execution from writable temp directory',
    ]);
  });

  it('flags a real process named like a kernel thread', async () => {
    const child = start('bash', ['-c', 'exec -a "[kworker/0:1]" sleep 30']);
    expect(await rulesOf(child.pid)).toEqual(['Kernel thread name on a user process']);
  });

  it('flags a real shell whose stdin is a socket (node gives children socketpairs as pipes)', async () => {
    const child = start('sh', [], 'pipe');
    expect(await rulesOf(child.pid)).toEqual(['Shell with a network socket as input']);
  });

  it('flags a real process connected to a pool port on loopback', async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(14444, '127.0.0.1', resolve);
    });
    const script = "require('net').connect(14444, '127.0.0.1'); setTimeout(() => {}, 30000)";
    const child = start(process.execPath, ['-e', script]);
    expect(await rulesOf(child.pid)).toEqual(['Connection to mining pool port']);
  });
});
