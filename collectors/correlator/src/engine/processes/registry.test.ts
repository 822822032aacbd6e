import type { ProcessCpuSample } from '../../model/samples';
import { HostProcesses } from './registry';

const T0 = Date.parse('2026-11-23T03:00:00Z');
const INTERVAL = 10_000;

function sample(
  time: number,
  pid: number,
  name: string,
  cores: number,
  extra: Partial<ProcessCpuSample['process']> = {},
): ProcessCpuSample {
  return {
    kind: 'process-cpu',
    host: 'web-01',
    time,
    cores,
    process: { pid, name, exePath: `/usr/bin/${name}`, ...extra },
  };
}

describe('HostProcesses', () => {
  it('keeps one lifetime while pid, start time and name agree, accumulating cpu-seconds', () => {
    const registry = new HostProcesses('web-01', 100);
    for (let i = 1; i <= 6; i += 1)
      registry.observeSample(sample(T0 + i * INTERVAL, 42, 'nginx', 0.5, { startTime: T0 - 60_000 }), INTERVAL);
    const all = [...registry.instances()];
    expect(all).toHaveLength(1);
    expect(all[0]?.meanCores(T0, T0 + 6 * INTERVAL)).toBeCloseTo(0.5, 6);
  });

  it('ties alerts that fall between two scrapes to the scraped process instead of splitting it', () => {
    const registry = new HostProcesses('web-01', 100);
    const start = T0 - 3_000;
    const ref = { startTime: start, exePath: '/tmp/.x/xmrig', commandLine: '/tmp/.x/xmrig -o pool:3333' };
    for (let i = 1; i <= 12; i += 1) {
      registry.observeSample(sample(T0 + i * INTERVAL, 777, 'xmrig', 3.9, ref), INTERVAL);
      // A repeated Falco alert 4 s after each scrape, without start time (Falco does not print one).
      registry.observeRef({ pid: 777, name: 'xmrig', exePath: '/tmp/.x/xmrig' }, T0 + i * INTERVAL + 4_000);
    }
    const all = [...registry.instances()];
    expect(all).toHaveLength(1);
    expect(all[0]?.meanCores(T0, T0 + 12 * INTERVAL)).toBeCloseTo(3.9, 6);
    expect(all[0]?.exitTime).toBeUndefined();
  });

  it('starts a new lifetime when a pid comes back with a different start time (pid reuse)', () => {
    const registry = new HostProcesses('web-01', 100);
    registry.observeSample(sample(T0 + INTERVAL, 42, 'worker', 0.1, { startTime: T0 }), INTERVAL);
    registry.observeSample(sample(T0 + 30 * INTERVAL, 42, 'worker', 2, { startTime: T0 + 25 * INTERVAL }), INTERVAL);
    const all = [...registry.instances()];
    expect(all).toHaveLength(2);
    expect(all[0]?.exitTime).toBeDefined();
  });

  it('does not let an alert on an earlier process of the same pid resolve to the later one', () => {
    const registry = new HostProcesses('web-01', 100);
    const alertTime = T0 + 5 * INTERVAL;
    registry.observeRef({ pid: 4242, name: 'python3', commandLine: 'python3 fetch.py' }, alertTime);
    // Minutes later the pid belongs to a new python3 whose start time the metrics carry.
    const later = T0 + 30 * INTERVAL;
    registry.observeSample(
      sample(later, 4242, 'python3', 1.9, { startTime: later - 5_000, commandLine: 'python3 fetch.py' }),
      INTERVAL,
    );
    const resolutions = registry.resolve({ pid: 4242, name: 'python3' }, alertTime, 2 * INTERVAL);
    expect(resolutions).toHaveLength(1);
    expect(resolutions[0]?.instance.hasMetrics).toBe(false);
  });

  it('adopts a process first known from an exec alert when its first scrape follows shortly', () => {
    const registry = new HostProcesses('web-01', 100);
    registry.observeRef({ pid: 777, name: 'xmrig', exePath: '/tmp/.x/xmrig' }, T0);
    registry.observeSample(
      sample(T0 + INTERVAL, 777, 'xmrig', 3, { exePath: '/tmp/.x/xmrig', startTime: T0 - 50 }),
      INTERVAL,
    );
    expect([...registry.instances()]).toHaveLength(1);
  });

  it('resolves a signal without pid by executable path, and by name with compatible arguments', () => {
    const registry = new HostProcesses('web-01', 100);
    registry.observeSample(
      sample(T0 + INTERVAL, 900, 'xmrig', 3, { exePath: '/tmp/.x/xmrig', commandLine: '/tmp/.x/xmrig -o pool:3333' }),
      INTERVAL,
    );
    registry.observeSample(sample(T0 + INTERVAL, 901, 'sshd', 0.01), INTERVAL);
    const byPath = registry.resolve({ exePath: '/tmp/.x/xmrig' }, T0 + INTERVAL, 2 * INTERVAL);
    expect(byPath.map((r) => [r.instance.pid, r.level])).toEqual([[900, 'executable']]);
    const byName = registry.resolve({ name: 'xmrig', commandLine: 'xmrig -o pool:3333' }, T0 + INTERVAL, 2 * INTERVAL);
    expect(byName.map((r) => r.instance.pid)).toEqual([900]);
    const wrongArgs = registry.resolve({ name: 'xmrig', commandLine: 'xmrig --other' }, T0 + INTERVAL, 2 * INTERVAL);
    expect(wrongArgs).toEqual([]);
  });

  it('walks the parent chain by ppid and by Tetragon exec ids, stopping at init and container runtimes', () => {
    const registry = new HostProcesses('web-01', 100);
    registry.observeRef({ pid: 1, name: 'systemd' }, T0);
    registry.observeRef({ pid: 100, ppid: 1, name: 'nginx', startTime: T0 - 1000 }, T0);
    registry.observeRef(
      { pid: 200, ppid: 100, name: 'sh', startTime: T0 + 1000, execId: 'e-sh', parentExecId: 'e-nginx' },
      T0 + 1000,
    );
    registry.observeRef(
      {
        pid: 300,
        name: 'gzip',
        startTime: T0 + 2000,
        execId: 'e-gz',
        parent: { pid: 200, execId: 'e-sh', name: 'sh' },
      },
      T0 + 2000,
    );
    const gzip = registry.resolve({ execId: 'e-gz' }, T0 + 3000, INTERVAL)[0]?.instance;
    expect(gzip).toBeDefined();
    const names = registry.ancestors(gzip!, INTERVAL).map((p) => p.name);
    expect(names).toEqual(['sh', 'nginx']);
  });

  it('stays within its size bound when pruning', () => {
    const registry = new HostProcesses('web-01', 10);
    for (let pid = 1000; pid < 1050; pid += 1) registry.observeSample(sample(T0 + pid, pid, `p${pid}`, 0.01), INTERVAL);
    registry.prune(T0 - 1, new Set());
    expect(registry.size).toBeLessThanOrEqual(10);
  });
});
