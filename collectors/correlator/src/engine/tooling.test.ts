import type { SimProcess } from './__fixtures__/spike-host';
import { falco, hostWith, judgeEpisode, MINUTE, refOf, spike, step, T0 } from './__fixtures__/spike-host';
import { toolingProduct } from './processes/tooling';

const S = T0 + 30 * MINUTE;
const SPIKE_END = S + 8 * MINUTE;
const AFTER = SPIKE_END + 5 * MINUTE;

function agent(name: string, exePath: string, commandLine: string, peak: number, pid = 700): SimProcess {
  return {
    pid,
    ppid: 1,
    name,
    exePath,
    commandLine,
    owner: 'root',
    start: T0 - 3_600_000,
    cores: step(0.04, peak, S, SPIKE_END),
  };
}

const osqueryd = agent(
  'osqueryd',
  '/opt/osquery/bin/osqueryd',
  '/opt/osquery/bin/osqueryd --flagfile /etc/osquery/osquery.flags',
  1.8,
);
const syscheck = agent('wazuh-syscheckd', '/var/ossec/bin/wazuh-syscheckd', '/var/ossec/bin/wazuh-syscheckd', 0.9, 710);
const web: SimProcess = {
  pid: 120,
  ppid: 1,
  name: 'nginx',
  exePath: '/usr/sbin/nginx',
  start: T0 - 3_600_000,
  cores: () => 0.2,
};

function shadowRead(process: SimProcess, at = S + 2 * MINUTE) {
  return falco(at, 'Read sensitive file untrusted', { ...refOf(process), startTime: undefined }, 'high');
}

describe('when the security tooling is the spike', () => {
  it('says so in all three sentences, and the alert about the agent makes no suspect', () => {
    const host = hostWith([web, osqueryd], T0, AFTER);
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [shadowRead(osqueryd)], AFTER);
    expect(incident).toBeDefined();
    expect(incident?.culprit).toBeNull();
    expect(incident?.score).toBe(0);
    expect(incident?.severity).toBe('low');
    const { ops, security, business } = incident?.summary ?? { ops: '', security: '', business: '' };
    expect(ops).toMatch(
      /the security tooling itself is behind it: osqueryd \(pid 700, osquery\) accounts for \d+% of the rise/,
    );
    expect(security).toContain('The spike is the security tooling at work — osqueryd (pid 700, osquery)');
    expect(security).toContain(
      '“Read sensitive file untrusted” (high) about the tooling is its own work, not an attack',
    );
    expect(business).toContain('comes from its own security tooling (osquery), not from an attack');
    // The evidence is still listed for whoever reads the incident.
    expect(incident?.signals.map((s) => s.rule)).toEqual(['Read sensitive file untrusted']);
  });

  it('keeps other alerts apart: they did not come from the processes behind the spike', () => {
    const sudo: SimProcess = {
      pid: 9000,
      ppid: 1,
      name: 'sudo',
      exePath: '/usr/bin/sudo',
      commandLine: 'sudo tail /var/log/syslog',
      start: S + MINUTE,
      end: S + MINUTE + 1_500,
      cores: () => 0.01,
    };
    const host = hostWith([web, syscheck], T0, AFTER);
    const signals = [shadowRead(syscheck), falco(sudo.start + 100, 'Sudo Potential Privilege Escalation', refOf(sudo))];
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], signals, AFTER);
    expect(incident?.culprit).toBeNull();
    expect(incident?.score).toBeLessThan(0.5);
    expect(incident?.summary.ops).toContain('wazuh-syscheckd (pid 710, Wazuh)');
    expect(incident?.summary.security).toContain('security tooling at work');
    expect(incident?.summary.security).toContain(
      '“Sudo Potential Privilege Escalation” (critical) on web-01 did not come from',
    );
    expect(incident?.summary.business).toContain('security tooling (Wazuh)');
  });

  it('still finds a real attack during such a spike: a miner using a fifth of the rise beside a busy agent', () => {
    const miner: SimProcess = {
      pid: 4242,
      ppid: 1,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: '/tmp/.x/xmrig -o pool:3333',
      owner: 'www-data',
      start: S + 10_000,
      cores: () => 0.5,
    };
    const busy = agent('osqueryd', osqueryd.exePath, osqueryd.commandLine ?? '', 2.0);
    const host = hostWith([web, busy, miner], T0, AFTER);
    const alert = falco(S + 40_000, 'Detect crypto miners using the Stratum protocol', { pid: 4242, name: 'xmrig' });
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert, shadowRead(busy)], AFTER);
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.culprit?.['process.pid']).toBe(4242);
    expect(incident?.summary.ops).toMatch(
      /xmrig \(pid 4242\) accounts for 2\d% of the rise, beside the security tooling: osqueryd/,
    );
    expect(incident?.summary.business).toMatch(/^Likely cryptomining/);
  });

  it('lets no scrap of CPU become the cause because the agent took the rest', () => {
    const shell: SimProcess = {
      pid: 5100,
      ppid: 1,
      name: 'bash',
      exePath: '/usr/bin/bash',
      commandLine: 'bash -i',
      start: S + 30_000,
      cores: () => 0.09,
    };
    const host = hostWith([web, osqueryd, shell], T0, AFTER);
    const alert = falco(S + 60_000, 'Terminal shell in container', { pid: 5100, name: 'bash' }, 'high');
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.culprit).toBeNull();
    expect(incident?.score).toBeLessThan(0.5);
  });

  it('does not take a binary named like an agent in a temp directory for the agent', () => {
    const fake = { ...agent('falco', '/tmp/.cache/falco', '/tmp/.cache/falco --donate-level 1', 3), pid: 6600 };
    const host = hostWith([web, fake], T0, AFTER);
    const alert = falco(S + 30_000, 'Execution from /tmp', { pid: 6600, name: 'falco' });
    const { incident } = judgeEpisode(host, [spike(S, SPIKE_END)], [alert], AFTER);
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.culprit?.['process.executable.path']).toBe('/tmp/.cache/falco');
  });
});

describe('toolingProduct', () => {
  it.each([
    [{ name: 'falco', exePath: '/usr/bin/falco' }, 'Falco'],
    [{ name: 'falcoctl', exePath: '/usr/bin/falcoctl' }, 'Falco'],
    [{ name: 'tetragon', exePath: '/usr/bin/tetragon' }, 'Tetragon'],
    [{ name: 'wazuh-syscheckd', exePath: '/var/ossec/bin/wazuh-syscheckd' }, 'Wazuh'],
    [{ name: 'wazuh-modulesd' }, 'Wazuh'],
    [{ name: 'osqueryd', exePath: '/usr/bin/osqueryd' }, 'osquery'],
    [{ name: 'auditd', exePath: '/usr/sbin/auditd' }, 'auditd'],
    [{ name: 'otelcol-contrib', exePath: '/usr/bin/otelcol-contrib' }, 'the OpenTelemetry Collector'],
    [
      { name: 'node', exePath: '/usr/bin/node', commandLine: 'node /opt/lockstep/bin/lockstep.js agent' },
      "Lockstep's own agent",
    ],
  ])('recognizes %j as %s', (process, product) => {
    expect(toolingProduct(process)).toBe(product);
  });

  it.each([
    [{ name: 'osqueryd', exePath: '/tmp/osqueryd' }],
    [{ name: 'falco', exePath: '/dev/shm/falco' }],
    [{ name: 'auditd', exePath: '/usr/sbin/auditd (deleted)' }],
    [{ name: 'falco', exePath: '/usr/bin/xmrig' }],
    [{ name: 'node', exePath: '/usr/bin/node', commandLine: 'node server.js' }],
    [{ name: 'xmrig', commandLine: 'xmrig lockstep agent' }],
    [{}],
  ])('does not take %j for an agent', (process) => {
    expect(toolingProduct(process)).toBeUndefined();
  });
});
