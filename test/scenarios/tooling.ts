import { falcoAlert, osqueryProcessRow, osquerySnapshot, tetragonExec } from './formats';
import type { SimProcess } from './host';
import { burst } from './host';
import { MINER_RULES, MINERS } from './positives';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { MINUTE } from './world';

/**
 * The security tooling as the spike: an osquery full-table query (hashing every file under /usr), a Falco rule
 * reload pulled by falcoctl, a Wazuh syscheck scan. Each brings the evidence such work draws in real deployments:
 * Falco flags the agent reading /etc/shadow, Falco flags falcoctl writing below /etc.
 */

interface AgentSpike {
  agent: SimProcess;
  /** The spike's work, for the description. */
  what: string;
}

function osqueryScan(world: World, rng: Rng, cores: number): AgentSpike {
  const watcher = world.process({
    ppid: 1,
    name: 'osqueryd',
    exe: '/opt/osquery/bin/osqueryd',
    cmdline: '/opt/osquery/bin/osqueryd --flagfile /etc/osquery/osquery.flags --config_path /etc/osquery/osquery.conf',
    owner: 'root',
    load: world.steady(0.01),
  });
  const worker = world.process({
    ppid: watcher.pid,
    name: 'osqueryd',
    exe: '/opt/osquery/bin/osqueryd',
    cmdline: '/opt/osquery/bin/osqueryd',
    owner: 'root',
    start: watcher.start + 800,
    load: burst(0.03, cores, world.spikeStart, world.spikeEnd, 10_000),
  });
  for (const time of world.alertTimes(world.spikeStart + rng.between(5_000, 60_000), rng.int(1, 5))) {
    if (time > world.spikeEnd) break;
    world.addFalco(time, sensitiveRead(world, rng, time, worker, watcher));
  }
  const rows = world.host.processes.filter(
    (p) => p.start <= world.spikeStart && (p.end ?? Infinity) > world.spikeStart,
  );
  world.osquery.push({
    time: world.spikeStart + 30_000,
    line: osquerySnapshot(
      world.spikeStart + 30_000,
      world.host.name,
      'pack_inventory_processes',
      rows.map(osqueryProcessRow),
    ),
  });
  return { agent: worker, what: 'osquery hashing every file (a full-table query)' };
}

function falcoReload(world: World, rng: Rng, cores: number): AgentSpike {
  const falco = world.process({
    ppid: 1,
    name: 'falco',
    exe: '/usr/bin/falco',
    cmdline: '/usr/bin/falco -o json_output=true -o file_output.enabled=true',
    owner: 'root',
    load: burst(0.08, cores, world.spikeStart, world.spikeEnd, 5_000),
  });
  const falcoctl = world.process({
    ppid: 1,
    name: 'falcoctl',
    exe: '/usr/bin/falcoctl',
    cmdline: '/usr/bin/falcoctl artifact follow --config /etc/falcoctl/falcoctl.yaml',
    owner: 'root',
    load: world.steady(0.005),
  });
  const at = world.spikeStart - rng.between(1_000, 8_000);
  world.addFalco(
    at,
    falcoAlert({
      time: at,
      rule: 'Write below etc',
      priority: 'Error',
      host: world.host.name,
      process: falcoctl,
      withPid: rng.chance(0.5),
      message: 'File below /etc opened for writing',
      extra: { 'fd.name': '/etc/falco/falco_rules.yaml' },
      tags: ['host', 'filesystem', 'mitre_persistence'],
    }),
  );
  world.tetragon.push({ time: falco.start, line: tetragonExec(world.host.name, falco) });
  return { agent: falco, what: 'Falco reloading the rules falcoctl pulled' };
}

function wazuhSyscheck(world: World, rng: Rng, cores: number): AgentSpike {
  const syscheck = world.process({
    ppid: 1,
    name: 'wazuh-syscheckd',
    exe: '/var/ossec/bin/wazuh-syscheckd',
    cmdline: '/var/ossec/bin/wazuh-syscheckd',
    owner: 'root',
    load: burst(0.01, cores, world.spikeStart, world.spikeEnd, 20_000),
  });
  for (const time of world.alertTimes(world.spikeStart + rng.between(5_000, 90_000), rng.int(1, 6))) {
    if (time > world.spikeEnd) break;
    world.addFalco(time, sensitiveRead(world, rng, time, syscheck));
  }
  return { agent: syscheck, what: 'a Wazuh syscheck scan' };
}

function sensitiveRead(world: World, rng: Rng, time: number, process: SimProcess, parent?: SimProcess): string {
  return falcoAlert({
    time,
    rule: 'Read sensitive file untrusted',
    priority: 'Warning',
    host: world.host.name,
    process,
    ...(parent === undefined ? {} : { parent }),
    withPid: rng.chance(0.6),
    message: 'Sensitive file opened for reading by non-trusted program',
    extra: { 'fd.name': rng.pick(['/etc/shadow', '/etc/sudoers', '/etc/gshadow']) },
    tags: ['host', 'filesystem', 'mitre_credential_access'],
  });
}

const AGENTS = [osqueryScan, falcoReload, wazuhSyscheck];

function agentSpike(world: World, rng: Rng): AgentSpike {
  const cores = Math.max(1, world.host.cpus * rng.between(0.3, 0.6));
  return rng.pick(AGENTS)(world, rng, cores);
}

export const securityAgentSpike: Builder = (world, rng) => {
  const { agent, what } = agentSpike(world, rng);
  return {
    description: `${what}: ${agent.name} (pid ${agent.pid}) on ${world.host.cpus} cpus`,
    expect: { correlated: false, neverCulprit: [agent.name, 'falcoctl'], anomaly: 'cpu' },
  };
};

/** The agent is busy, and meanwhile a real miner runs (at least a fifth of the host) with Falco alerting on it. */
export const minerDuringAgentSpike: Builder = (world, rng) => {
  const { agent, what } = agentSpike(world, rng);
  const spec = rng.pick(MINERS);
  const exe = `${spec.dir}/${spec.name}`;
  const start = world.spikeStart + rng.between(0, 2 * MINUTE);
  const miner = world.process({
    ppid: 1,
    name: spec.name,
    exe,
    cmdline: `${exe} ${spec.flags}`.trim(),
    owner: 'www-data',
    start,
    end: world.spikeEnd,
    load: burst(0, world.host.cpus * rng.between(0.2, 0.4), start, world.spikeEnd, 5_000),
  });
  const rule = rng.pick(MINER_RULES.slice(0, 3));
  const withPid = rng.chance(0.5);
  for (const time of world.alertTimes(start + rng.between(1_000, 30_000), rng.int(1, 4))) {
    if (time > world.spikeEnd) break;
    world.addFalco(
      time,
      falcoAlert({
        time,
        rule: rule.rule,
        priority: rule.priority,
        host: world.host.name,
        process: miner,
        withPid,
        message: rule.message,
        tags: [...rule.tags],
      }),
    );
  }
  return {
    description: `${what}, and miner ${spec.name} (pid ${miner.pid}) meanwhile`,
    expect: {
      correlated: true,
      culprit: { pid: miner.pid, name: miner.name },
      neverCulprit: [agent.name],
      anomaly: 'cpu',
    },
  };
};
