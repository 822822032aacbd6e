import type { SignalSeverity } from '@lockstep/contract';
import type { ProcessRef } from '../model/process';
import { attribute } from './attribution';
import { ContributorIndex } from './contributor-index';
import { linkSignal } from './evidence';
import { ProcessGroups } from './processes/groups';
import { HostProcesses } from './processes/registry';
import { judge } from './scoring';
import type { StoredSignal } from './signals';

const T0 = Date.parse('2026-11-23T03:00:00Z');
const INTERVAL = 10_000;
const SLACK = 2 * INTERVAL;
const MIN_SHARE = 0.25;

/** A host where `spiker` goes from idle to `cores` at T0 while a quiet `bystander` runs throughout. */
function hostWith(spiker: ProcessRef, cores: number, bystander: ProcessRef): HostProcesses {
  const registry = new HostProcesses('web-01', 1000);
  for (let t = T0 - 30 * INTERVAL; t <= T0 + 30 * INTERVAL; t += INTERVAL) {
    registry.observeSample({ kind: 'process-cpu', host: 'web-01', time: t, cores: 0.02, process: bystander }, INTERVAL);
    if (t > T0)
      registry.observeSample({ kind: 'process-cpu', host: 'web-01', time: t, cores, process: spiker }, INTERVAL);
  }
  return registry;
}

function alert(
  process: ProcessRef | undefined,
  severity: SignalSeverity = 'critical',
  extra: Partial<StoredSignal> = {},
): StoredSignal {
  return {
    seq: 1,
    time: T0 + 5_000,
    source: 'falco',
    kind: 'alert',
    rule: 'Some rule',
    severity,
    host: 'web-01',
    process,
    ...extra,
  };
}

function verdictFor(registry: HostProcesses, signals: StoredSignal[]): ReturnType<typeof judge> {
  const contributors = attribute(
    registry.instances(),
    { from: T0, to: T0 + 30 * INTERVAL },
    { from: T0 - 30 * INTERVAL, to: T0 },
    undefined,
  );
  const accounting = contributors.filter((c) => c.suspectShare >= MIN_SHARE);
  const index = new ContributorIndex(accounting, registry, new ProcessGroups(registry, SLACK), SLACK);
  const links = signals.flatMap(
    (s) => linkSignal(s, { processes: registry, contributors: index, slackMs: SLACK, onHost: true }) ?? [],
  );
  return judge(links, MIN_SHARE);
}

const miner: ProcessRef = {
  pid: 4242,
  name: 'xmrig',
  exePath: '/tmp/.x/xmrig',
  commandLine: '/tmp/.x/xmrig -o pool:3333',
  startTime: T0,
};
const sudo: ProcessRef = { pid: 5000, name: 'sudo', exePath: '/usr/bin/sudo', commandLine: 'sudo cat /etc/shadow' };
const backup: ProcessRef = {
  pid: 6000,
  name: 'tar',
  exePath: '/usr/bin/tar',
  commandLine: 'tar czf /backup/x.tgz /srv',
  startTime: T0,
};

describe('evidence and verdict', () => {
  it('names the spiking process when an alert carries its pid (process-level link)', () => {
    const registry = hostWith(miner, 3.5, sudo);
    const verdict = verdictFor(registry, [alert({ pid: 4242, name: 'xmrig' })]);
    expect(verdict.culprit?.instance.pid).toBe(4242);
    expect(verdict.culpritLinks[0]?.level).toBe('process');
    expect(verdict.score).toBeGreaterThanOrEqual(0.5);
  });

  it('names it from executable path and command line when the alert has no pid', () => {
    const registry = hostWith(miner, 3.5, sudo);
    const verdict = verdictFor(registry, [
      alert({ name: 'xmrig', exePath: '/tmp/.x/xmrig', commandLine: 'xmrig -o pool:3333' }, 'medium'),
    ]);
    expect(verdict.culprit?.instance.pid).toBe(4242);
    expect(verdict.culpritLinks[0]?.level).toBe('executable');
    expect(verdict.score).toBeGreaterThanOrEqual(0.5);
  });

  it.each<SignalSeverity>(['critical', 'low'])(
    'keeps a %s alert on a process that did not rise below the correlated threshold and out of the culprit',
    (severity) => {
      const registry = hostWith(backup, 2, sudo);
      registry.observeRef(sudo, T0 + 5_000);
      const verdict = verdictFor(registry, [alert(sudo, severity), alert(sudo, severity), alert(sudo, severity)]);
      expect(verdict.culprit).toBeUndefined();
      expect(verdict.score).toBeLessThan(0.5);
      expect(verdict.score).toBeGreaterThan(0);
    },
  );

  it('ties a low-severity shell alert to the compressor it launched (lineage)', () => {
    const shell: ProcessRef = { pid: 300, ppid: 200, name: 'sh', commandLine: 'sh -c gzip -9 /srv/dump' };
    const gzip: ProcessRef = {
      pid: 301,
      ppid: 300,
      name: 'gzip',
      exePath: '/usr/bin/gzip',
      commandLine: 'gzip -9 /srv/dump',
      startTime: T0,
    };
    const registry = hostWith(gzip, 1, { pid: 200, name: 'nginx' });
    registry.observeRef(shell, T0);
    const verdict = verdictFor(registry, [alert(shell, 'low', { rule: 'Run shell untrusted' })]);
    expect(verdict.culprit?.instance.name).toBe('gzip');
    expect(verdict.culpritLinks[0]?.level).toBe('lineage');
    expect(verdict.score).toBeGreaterThanOrEqual(0.5);
  });

  it('matches Falco short container ids against full ids from metrics (container-level link)', () => {
    const id = 'a'.repeat(64);
    const registry = hostWith({ ...miner, containerId: id }, 2, sudo);
    const verdict = verdictFor(registry, [
      alert({ name: 'bash', pid: 9999 }, 'critical', { containerId: id.slice(0, 12) }),
    ]);
    expect(verdict.culprit?.instance.pid).toBe(4242);
    expect(verdict.culpritLinks[0]?.level).toBe('container');
  });

  it('ignores context records as evidence', () => {
    const registry = hostWith(miner, 3.5, sudo);
    const verdict = verdictFor(registry, [
      alert({ pid: 4242, name: 'xmrig' }, 'info', { kind: 'context', rule: 'process_exec' }),
    ]);
    expect(verdict.score).toBe(0);
  });
});
