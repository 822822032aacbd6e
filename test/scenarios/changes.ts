import { authLine, falcoAlert } from './formats';
import { burst } from './host';
import { miner } from './positives';
import type { Rng } from './rng';
import type { Builder, World } from './world';
import { MINUTE } from './world';

/**
 * The kinds of issue #13: what changed beside a spike, a temporary change left open, a host only security sees. The
 * changes are written as Lockstep's change JSON (`changes.jsonl`) or dpkg.log lines (`dpkg.log`), as a CI system
 * or the host's package manager writes them.
 */

const SERVICES = ['shop-api', 'checkout', 'orders', 'search', 'billing'];
const ACTORS = ['ci-bot', 'argo-cd', 'jenkins', 'alice', 'deploy-svc'];

function changeLine(fields: Record<string, string>): string {
  return JSON.stringify(fields);
}

/** `2026-11-23 03:12:44`, the zone-less UTC stamp dpkg writes. */
function dpkgTime(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}

/** A deploy (change JSON) or a package upgrade (dpkg.log) a few minutes before `before`; what the spike must list. */
function addChange(world: World, rng: Rng, before: number): { kind: string; summary: string } {
  const time = before - rng.between(60_000, 8 * MINUTE);
  if (rng.chance(0.35)) {
    const from = `${rng.int(16, 18)}.${rng.int(0, 19)}.${rng.int(0, 9)}`;
    const to = `${rng.int(19, 22)}.${rng.int(0, 9)}.${rng.int(0, 9)}`;
    world.dpkg.push({ time, line: `${dpkgTime(time)} upgrade nodejs:amd64 ${from} ${to}` });
    return { kind: 'package', summary: `nodejs:amd64 upgraded ${from} → ${to}` };
  }
  const service = rng.pick(SERVICES);
  const version = `${rng.int(1, 4)}.${rng.int(0, 20)}.${rng.int(0, 9)}`;
  const summary = `${service} ${version}`;
  world.changes.push({
    time,
    line: changeLine({
      time: new Date(time).toISOString(),
      host: world.host.name,
      service,
      kind: 'deploy',
      summary,
      id: `deploy-${rng.int(1000, 9999)}`,
      actor: rng.pick(ACTORS),
    }),
  });
  return { kind: 'deploy', summary };
}

/** A release that warms its caches: the new build's process takes most of the host for a few minutes. */
export const deployExplainsSpike: Builder = (world, rng) => {
  const change = addChange(world, rng, world.spikeStart);
  const peak = Math.max(1, world.host.cpus * rng.between(0.45, 0.85));
  const started = world.spikeStart - rng.between(20_000, 50_000);
  const app = world.process({
    ppid: 1,
    name: 'node',
    exe: '/usr/bin/node',
    cmdline: 'node /srv/shop-api/dist/server.js',
    owner: 'app',
    start: started,
    load: burst(0.05, peak, world.spikeStart, world.spikeEnd, 30_000),
  });
  // Sometimes an alert on the host that ties to no process behind the spike: suspicion, never confidence.
  if (rng.chance(0.5)) {
    const sshd = world.host.processes.find((p) => p.name === 'sshd');
    const at = world.spikeStart + rng.between(30_000, 3 * MINUTE);
    if (sshd !== undefined) {
      world.addFalco(
        at,
        falcoAlert({
          time: at,
          rule: 'Read sensitive file untrusted',
          priority: 'Warning',
          host: world.host.name,
          process: sshd,
          withPid: true,
          message: 'Sensitive file opened for reading by non-trusted program',
          tags: ['host', 'filesystem', 'mitre_credential_access'],
          extra: { 'fd.name': '/etc/shadow' },
        }),
      );
    }
  }
  return {
    description: `${change.kind} "${change.summary}" shortly before node (pid ${app.pid}) rises to ${peak.toFixed(1)} cores`,
    expect: { correlated: false, anomaly: 'cpu', neverCulprit: ['node'], changeBeside: change },
  };
};

/** A miner that starts a few minutes after an unrelated deploy: still a security incident, the deploy as context. */
export const minerAfterDeploy: Builder = (world, rng) => {
  const built = miner(world, rng);
  const change = addChange(world, rng, world.spikeStart);
  return {
    description: `${built.description}, ${change.kind} "${change.summary}" minutes before`,
    expect: { ...built.expect, changeBeside: change },
  };
};

/** A port opened "for an hour" the evening before and never closed; another one closed in time is no finding. */
export const firewallLeftOpen: Builder = (world, rng) => {
  const opened = world.window.from - (4 * 60 + rng.between(10, 600)) * MINUTE;
  const port = rng.int(1024, 9999);
  const actor = rng.pick(['alice', 'bob', 'oncall']);
  const line = (time: number, fields: Record<string, string>): void => {
    const change = { time: new Date(time).toISOString(), host: world.host.name, kind: 'firewall', actor, ...fields };
    world.changes.push({ time, line: changeLine(change) });
  };
  line(opened, { summary: `iptables -I INPUT -p tcp --dport ${port} -j ACCEPT (debugging)`, id: `fw-${port}` });
  const closedPort = port + 1;
  const other = opened + rng.between(5, 30) * MINUTE;
  line(other, { summary: `iptables -I INPUT -p tcp --dport ${closedPort} -j ACCEPT`, id: `fw-${closedPort}` });
  line(other + rng.between(10, 50) * MINUTE, {
    summary: `iptables -D INPUT -p tcp --dport ${closedPort} -j ACCEPT`,
    id: `fw-${closedPort}-undo`,
    reverts: `fw-${closedPort}`,
  });
  return {
    description: `firewall rule for port ${port} opened by ${actor} more than 4 h before and never reverted`,
    expect: { correlated: false, openFindings: [`fw-${port}`] },
  };
};

/** A machine nobody monitors any more whose security agent still reports: only security sees it. */
export const securityOnlyHost: Builder = (world, rng) => {
  const zombie = `legacy-${rng.pick(['db', 'vm', 'build'])}-${rng.int(1, 99)}`;
  const process = {
    pid: rng.int(300, 9000),
    ppid: 1,
    name: 'cron',
    exe: '/usr/sbin/cron',
    cmdline: '/usr/sbin/cron -f',
    owner: 'root',
    start: world.window.from - 86_400_000,
    load: () => 0,
  };
  for (
    let time = world.window.from + rng.between(1, 10) * MINUTE;
    time < world.window.to;
    time += rng.between(8, 20) * MINUTE
  ) {
    world.addFalco(
      time,
      falcoAlert({
        time,
        rule: 'Outbound Connection to C2 Servers',
        priority: 'Warning',
        host: zombie,
        process,
        withPid: true,
        message: 'Outbound connection to C2 server',
        tags: ['network', 'mitre_command_and_control'],
      }),
    );
  }
  // The monitored host is seen by both sides: its sshd logs the deploy user's logins (auth.log, security telemetry).
  for (
    let time = world.window.from + rng.between(1, 5) * MINUTE;
    time < world.window.to;
    time += rng.between(5, 15) * MINUTE
  ) {
    const port = rng.int(32768, 60999);
    world.auth.push({
      time,
      line: authLine(
        time,
        world.host.name,
        'sshd',
        rng.int(2000, 30000),
        `Accepted publickey for deploy from 10.0.${rng.int(0, 9)}.${rng.int(2, 250)} port ${port} ssh2: ED25519 SHA256:${'q'.repeat(43)}`,
      ),
    });
  }
  return {
    description: `${zombie} sends Falco alerts but no metrics; ${world.host.name} is fully monitored`,
    expect: { correlated: false, unmanagedHosts: [zombie] },
  };
};
