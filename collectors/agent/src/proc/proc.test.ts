import { rmSync } from 'node:fs';
import { containerIdFromCgroup } from './cgroup';
import { parseTcpTable, socketInode } from './net';
import { parsePasswd, uidFromStatus } from './passwd';
import { parsePidStat } from './pid-stat';
import { ProcReader, splitCmdline } from './reader';
import { parseSystemStat } from './stat';
import { makeFakeProc, tcpLine } from './__fixtures__/fake-proc';

const ID = 'b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('/proc parsers', () => {
  it('reads per-cpu times and boot time from /proc/stat, leaving out the aggregate line', () => {
    const stat = parseSystemStat(
      'cpu  9 9 9 9 9 9 9 9 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 10 0 0 40 0 0 0 0\nbtime 1795405030\n',
    );
    expect([...stat.cpus.keys()]).toEqual(['0', '1']);
    expect(stat.cpus.get('0')).toEqual({
      user: 1,
      nice: 2,
      system: 3,
      idle: 4,
      iowait: 5,
      irq: 6,
      softirq: 7,
      steal: 8,
    });
    expect(stat.bootTimeSeconds).toBe(1795405030);
    expect(() => parseSystemStat('intr 1 2 3\n')).toThrow(/Linux \/proc/);
  });

  it('finds the fields after a command name that contains spaces and parentheses', () => {
    const stat = parsePidStat('4242 (evil) (x) R) S 17 4242 4242 0 -1 4194560 0 0 0 0 150 25 0 0 20 0 3 0 98765 0 0');
    expect(stat).toMatchObject({
      pid: 4242,
      comm: 'evil) (x) R',
      state: 'S',
      ppid: 17,
      userTicks: 150,
      systemTicks: 25,
      threads: 3,
      startTicks: 98765,
    });
    expect(parsePidStat('garbage')).toBeUndefined();
  });

  it.each([
    ['Docker, cgroup v1', `12:cpu,cpuacct:/docker/${ID}\n`, ID],
    ['Docker with systemd, v2', `0::/system.slice/docker-${ID}.scope\n`, ID],
    [
      'containerd under a pod',
      `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1a2b.slice/cri-containerd-${ID}.scope\n`,
      ID,
    ],
    ['CRI-O', `0::/kubepods.slice/kubepods-pod1a2b.slice/crio-${ID}.scope\n`, ID],
    ['Kubernetes cgroupfs driver', `4:memory:/kubepods/burstable/pod1a2b3c/${ID}\n`, ID],
    ['Podman', `0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope/container\n`, ID],
    ['CRI-O conmon is not the container', `0::/kubepods.slice/crio-conmon-${ID}.scope\n`, undefined],
    ['a host process', '0::/user.slice/user-1000.slice/session-3.scope\n', undefined],
    ['this sandbox', '4:memory:/process_api/a1964a0ed3e51829d9c62a2aab2d2fb1\n0::/\n', undefined],
  ])('container id from cgroup: %s', (_label, text, expected) => {
    expect(containerIdFromCgroup(text)).toBe(expected);
  });

  it('reads users, uids, tcp tables, socket links and command lines', () => {
    expect(
      parsePasswd('root:x:0:0::/root:/bin/bash\n# comment\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\nbad\n'),
    ).toEqual(
      new Map([
        [0, 'root'],
        [33, 'www-data'],
      ]),
    );
    expect(uidFromStatus('Name:\tx\nUid:\t1000\t0\t0\t0\n')).toBe(1000);
    const header = '  sl  local_address rem_address   st ...';
    expect(parseTcpTable(`${header}\n${tcpLine(0, 3333, 777)}\n`)).toEqual([
      { remoteAddress: '0100007F', remotePort: 3333, state: 1, inode: 777 },
    ]);
    expect(socketInode('socket:[12345]')).toBe(12345);
    expect(socketInode('/dev/null')).toBeUndefined();
    expect(splitCmdline('/usr/bin/python3\0-m\0http.server\0')).toEqual(['/usr/bin/python3', '-m', 'http.server']);
  });
});

describe('ProcReader on a fixture tree', () => {
  const root = makeFakeProc({
    processes: [
      { pid: 1, comm: 'systemd', exe: '/usr/lib/systemd/systemd', argv: ['/sbin/init'], ppid: 0 },
      { pid: 2, comm: 'kthreadd', ppid: 0, kernelThread: true },
      {
        pid: 900,
        comm: 'xmrig',
        exe: '/tmp/.x/xmrig (deleted)',
        argv: ['./xmrig', '-o', 'pool:3333'],
        uid: 33,
        cgroup: `0::/system.slice/docker-${ID}.scope\n`,
        cpuTicks: 5000,
        startTicks: 4242,
      },
    ],
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists user processes with exe, deletion, argv, uid and container; skips kernel threads', async () => {
    const scan = await new ProcReader(root).scan();
    expect(scan.processes.map((p) => p.pid).sort((a, b) => a - b)).toEqual([1, 900]);
    const miner = scan.processes.find((p) => p.pid === 900);
    expect(miner).toEqual({
      pid: 900,
      ppid: 1,
      comm: 'xmrig',
      state: 'S',
      userTicks: 5000,
      systemTicks: 0,
      startTicks: 4242,
      exe: '/tmp/.x/xmrig',
      exeDeleted: true,
      argv: ['./xmrig', '-o', 'pool:3333'],
      uid: 33,
      containerId: ID,
    });
  });
});
