import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { makeFakeProc } from '../proc/__fixtures__/fake-proc';
import { Sampler } from './sampler';

const ID = 'c0ffee'.repeat(10) + 'abcd';

describe('Sampler on a fixture /proc', () => {
  const root = makeFakeProc({
    btime: 1_700_000_000,
    processes: [
      { pid: 1, comm: 'systemd', exe: '/usr/lib/systemd/systemd', argv: ['/sbin/init'], ppid: 0, cpuTicks: 10 },
      { pid: 50, comm: 'bash', exe: '/usr/bin/bash', argv: ['bash'], ppid: 1, uid: 1000, cpuTicks: 5 },
      {
        pid: 77,
        comm: 'miner',
        exe: '/tmp/miner',
        argv: ['/tmp/miner', '-t', '2'],
        ppid: 50,
        uid: 1000,
        cpuTicks: 900,
        startTicks: 12_345,
        cgroup: `0::/system.slice/docker-${ID}.scope\n`,
      },
      ...Array.from({ length: 30 }, (_, i) => ({
        pid: 100 + i,
        comm: `svc${i}`,
        exe: `/usr/bin/svc${i}`,
        argv: [`svc${i}`],
        cpuTicks: 100 + i,
      })),
    ],
  });
  // A FIFO for every process's environ: reading one would block forever and time the test out.
  for (const pid of [1, 50, 77, ...Array.from({ length: 30 }, (_, i) => 100 + i)]) {
    execFileSync('mkfifo', [path.join(root, String(pid), 'environ')]);
  }
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('describes a process as the hostmetrics receiver would, plus start time, container and parent chain', async () => {
    const sampler = new Sampler({ procRoot: root, passwdFile: '/nonexistent', now: () => 1_700_000_500_000 });
    const sample = await sampler.sample();
    const miner = sample.processes.find((p) => p.pid === 77);
    expect(miner).toMatchObject({
      name: 'miner',
      exePath: '/tmp/miner',
      commandLine: '/tmp/miner -t 2',
      owner: '1000',
      creationTime: 1_700_000_000_000 + 123_450,
      containerId: ID,
      parentChain: ['bash', 'systemd'],
      userSeconds: 9,
    });
    expect(miner?.indicators.map((i) => i.rule)).toEqual(['Execution from writable temp directory']);
    expect(sample.cpus.get('0')).toMatchObject({ user: 1, idle: 10 });
  });

  it('keeps the top processes by recent CPU and every flagged one, never reading environ', async () => {
    const sampler = new Sampler({ procRoot: root, passwdFile: '/nonexistent', topProcesses: 5 });
    const sample = await sampler.sample();
    expect(sample.processes).toHaveLength(5);
    expect(sample.processes[0]?.pid).toBe(77);
    expect(sample.processes.map((p) => p.pid)).toEqual([77, 129, 128, 127, 126]);
    expect(sample.seen).toBe(33);
  });
});
