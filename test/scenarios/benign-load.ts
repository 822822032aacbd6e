import { authLine, falcoAlert } from './formats';
import type { SimProcess } from './host';
import { burst } from './host';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { alignTo, MINUTE } from './world';

/** Negatives: ordinary load of many processes, or slow, with security noise that has nothing to do with it. */

/** An internet scanner guessing ssh passwords: auth.log lines, host-level evidence at best. */
function sshBruteForce(world: World, rng: Rng, from: number, to: number): void {
  const ip = `198.51.100.${rng.int(2, 250)}`;
  const sshd = world.host.processes.find((p) => p.name === 'sshd');
  for (let time = from; time < to; time += rng.between(2_000, 40_000)) {
    const user = rng.pick(['root', 'admin', 'oracle', 'test', 'ubuntu', 'git']);
    const port = rng.int(30000, 65000);
    const pid = sshd?.pid === undefined ? rng.int(20000, 60000) : sshd.pid + rng.int(1, 5000);
    world.auth.push({
      time,
      line: authLine(
        time,
        world.host.name,
        'sshd',
        pid,
        `Failed password for invalid user ${user} from ${ip} port ${port} ssh2`,
      ),
    });
  }
}

/** An admin's sudo with Falco's privilege-escalation rule: a process that never accounts for any rise. */
function adminSudo(world: World, rng: Rng, at: number): SimProcess {
  const admin = rng.pick(['alice', 'ops-oncall', 'deploy']);
  const shell = world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: '-bash',
    owner: admin,
    start: at - rng.between(2, 20) * MINUTE,
    load: () => 0.001,
  });
  const command = rng.pick([
    '/usr/bin/systemctl status cron',
    '/usr/bin/journalctl -u nginx',
    '/usr/bin/apt-get update',
  ]);
  const sudo = world.process({
    ppid: shell.pid,
    name: 'sudo',
    exe: '/usr/bin/sudo',
    cmdline: `sudo ${command}`,
    owner: 'root',
    start: at,
    end: at + rng.between(1_000, 20_000),
    load: () => 0.01,
  });
  world.addFalco(
    at + 150,
    falcoAlert({
      time: at + 150,
      rule: 'Sudo Potential Privilege Escalation',
      priority: 'Critical',
      host: world.host.name,
      process: sudo,
      parent: shell,
      withPid: rng.chance(0.5),
      message: 'Privilege escalation via sudo',
      tags: ['host', 'users', 'mitre_privilege_escalation'],
    }),
  );
  world.auth.push({
    time: at,
    line: authLine(
      at,
      world.host.name,
      'sudo',
      undefined,
      `   ${admin} : TTY=pts/1 ; PWD=/home/${admin} ; USER=root ; COMMAND=${command}`,
    ),
  });
  return sudo;
}

const BATCHES = [
  { name: 'python3', exe: '/usr/bin/python3.11', cmdline: 'python3 /opt/reports/rollup.py --window 15m' },
  { name: 'gzip', exe: '/usr/bin/gzip', cmdline: 'gzip -9 /var/backups/db.sql' },
  { name: 'php8.2', exe: '/usr/bin/php8.2', cmdline: 'php8.2 /var/www/app/artisan schedule:run' },
];

/**
 * A cron job every 8–20 minutes, each run a new shell and a new process; a password-guessing scanner meanwhile.
 * Wide: every 1–6 hours, 2–15 min a run, each run its own height (the data it gets varies), over a window of up to
 * 7 hours, and an unrelated Falco alert somewhere in it.
 */
export const periodicBatch: Builder = (world, rng) => {
  const job = rng.pick(BATCHES);
  const cron = world.host.processes.find((p) => p.name === 'cron');
  const period = (world.wide ? rng.between(60, 360) : rng.between(8, 20)) * MINUTE;
  const length = (world.wide ? rng.between(2, 15) : rng.between(1.5, 4)) * MINUTE;
  const height = (): number => (job.name === 'gzip' ? 0.97 : Math.max(1, world.host.cpus * rng.between(0.3, 0.7)));
  const cores = height();
  let first = world.window.from + rng.between(0, period);
  if (world.wide) {
    // The first run after the detector's hour of history, two or three runs where the window allows.
    first = world.window.from + rng.between(50, 80) * MINUTE;
    const to = Math.min(world.window.from + 7 * 60 * MINUTE, first + 2 * period + length + 15 * MINUTE);
    world.window.to = Math.max(world.window.to, alignTo(to, MINUTE));
    // A long window with 10 s scrapes of a large host is hundreds of MB: such fleets scrape every 30 s or more.
    if (world.window.to - world.window.from > 4 * 60 * MINUTE && world.window.interval < 30_000) {
      world.window.interval = 30_000;
    }
  }
  let runs = 0;
  for (let start = first; start < world.window.to - length; start += period) {
    runs += 1;
    const runCores = world.wide ? height() * rng.between(0.5, 1.3) : cores;
    const shell = world.process({
      ppid: cron?.pid ?? 1,
      name: 'sh',
      exe: '/usr/bin/dash',
      cmdline: `/bin/sh -c ${job.cmdline}`,
      owner: 'app',
      start,
      end: start + length + 500,
      load: () => 0.001,
    });
    world.process({
      ppid: shell.pid,
      ...job,
      owner: 'app',
      start: start + 20,
      end: start + length,
      load: burst(
        0,
        (world.wide ? Math.min(runCores, world.host.cpus * 0.95) : cores) * rng.between(0.9, 1.1),
        start,
        start + length,
        10_000,
      ),
    });
  }
  sshBruteForce(world, rng, world.spikeStart - 20 * MINUTE, world.spikeEnd);
  const withSudo = rng.chance(0.5);
  if (withSudo) adminSudo(world, rng, world.spikeStart + rng.between(0, 5 * MINUTE));
  const snoop = world.wide
    ? unrelatedAlert(world, rng, world.window.from + rng.between(0.1, 0.95) * (world.window.to - world.window.from))
    : undefined;
  return {
    description: `${job.name} from cron every ${(period / MINUTE).toFixed(0)} min (${runs} runs), ssh password guessing${withSudo ? ', an admin sudo' : ''}${snoop === undefined ? '' : `, ${snoop.name} reads /etc/shadow`}`,
    expect: {
      correlated: false,
      neverCulprit: ['sudo', 'sshd', 'bash', ...(snoop === undefined ? [] : [snoop.name])],
    },
  };
};

const RAMPS = [
  {
    name: 'java',
    exe: '/usr/lib/jvm/java-21-openjdk-amd64/bin/java',
    cmdline: 'java -Xmx6g -jar /opt/orders/orders.jar',
  },
  { name: 'node', exe: '/usr/bin/node', cmdline: 'node /srv/api/dist/server.js' },
  { name: 'postgres', exe: '/usr/lib/postgresql/16/bin/postgres', cmdline: 'postgres: app shop [local] SELECT' },
];

/**
 * Morning traffic (or a slow leak keeping the GC busy): a service climbs for 30–60 min (wide: 30 min to 3 h, the
 * window starting an hour before the climb); an unrelated alert on the way.
 */
export const slowRamp: Builder = (world, rng) => {
  const ramp = rng.pick(RAMPS);
  const from = world.spikeStart - (world.wide ? rng.between(20, 165) : rng.between(30, 45)) * MINUTE;
  const to = world.spikeEnd + rng.between(0, 15) * MINUTE;
  if (world.wide) world.window.from = Math.min(world.window.from, alignTo(from - rng.between(45, 70) * MINUTE, MINUTE));
  const base = world.host.cpus * rng.between(0.05, 0.12);
  const top = base + world.host.cpus * rng.between(0.35, 0.6);
  world.process({
    ppid: 1,
    ...ramp,
    owner: 'app',
    load: (time) => (time < from ? base : time > to ? top : base + ((top - base) * (time - from)) / (to - from)),
  });
  const snoop = unrelatedAlert(world, rng, from + rng.between(0.2, 0.9) * (to - from));
  return {
    description: `${ramp.name} ramps from ${base.toFixed(1)} to ${top.toFixed(1)} cores over ${((to - from) / MINUTE).toFixed(0)} min; ${snoop.name} reads /etc/shadow`,
    expect: { correlated: false, neverCulprit: [snoop.name] },
  };
};

/** Someone reads /etc/shadow with a short-lived cat, less or grep at `at`, and Falco says so. */
function unrelatedAlert(world: World, rng: Rng, at: number): SimProcess {
  const snoop = world.process({
    ppid: 1,
    name: rng.pick(['cat', 'less', 'grep']),
    exe: '/usr/bin/cat',
    cmdline: 'cat /etc/shadow',
    owner: 'ubuntu',
    start: at,
    end: at + 1_000,
    load: () => 0.005,
  });
  snoop.exe = `/usr/bin/${snoop.name}`;
  world.addFalco(
    at + 100,
    falcoAlert({
      time: at + 100,
      rule: 'Read sensitive file untrusted',
      priority: 'Warning',
      host: world.host.name,
      process: snoop,
      withPid: rng.chance(0.5),
      message: 'Sensitive file opened for reading by non-trusted program',
      extra: { 'fd.name': '/etc/shadow' },
    }),
  );
  return snoop;
}

/** `make -j` on a build host: compilers a few seconds each, as many at a time as there are cpus; an admin's sudo. */
export const makeJobs: Builder = (world, rng) => {
  const jobs = world.host.cpus;
  const shell = world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: '-bash',
    owner: 'build',
    start: world.spikeStart - 30 * MINUTE,
    load: () => 0.001,
  });
  const make = world.process({
    ppid: shell.pid,
    name: 'make',
    exe: '/usr/bin/make',
    cmdline: `make -j${jobs} all`,
    owner: 'build',
    start: world.spikeStart - 2_000,
    end: world.spikeEnd,
    load: () => 0.02,
  });
  let compiled = 0;
  for (let slot = 0; slot < jobs; slot += 1) {
    for (let start = world.spikeStart + rng.between(0, 2_000); start < world.spikeEnd - 3_000; compiled += 1) {
      const length = rng.between(1_500, 12_000);
      const unit = `src/${rng.pick(['core', 'net', 'util', 'db'])}/${rng.hex(6)}.c`;
      const gcc = world.process({
        ppid: make.pid,
        name: 'gcc',
        exe: '/usr/bin/x86_64-linux-gnu-gcc-12',
        cmdline: `gcc -O2 -g -c ${unit} -o ${unit.replace(/\.c$/, '.o')}`,
        owner: 'build',
        start,
        end: start + length + 400,
        load: () => 0.01,
      });
      world.process({
        ppid: gcc.pid,
        name: 'cc1',
        exe: '/usr/libexec/gcc/x86_64-linux-gnu/12/cc1',
        cmdline: `/usr/libexec/gcc/x86_64-linux-gnu/12/cc1 -quiet ${unit} -quiet -dumpbase ${unit} -O2 -g`,
        owner: 'build',
        start: start + 30,
        end: start + length,
        load: () => 0.95,
      });
      start += length + rng.between(300, 1_500);
    }
  }
  adminSudo(world, rng, world.spikeStart + rng.between(30_000, 4 * MINUTE));
  return {
    description: `make -j${jobs} compiles ${compiled} units on ${world.host.cpus} cpus; an admin runs sudo`,
    expect: { correlated: false, neverCulprit: ['sudo', 'bash'], anomaly: 'cpu' },
  };
};
