import type { Anomaly, Incident } from '@lockstep/contract';
import type { MetricSample } from '../model/samples';
import type { Signal } from '../model/signal';
import type { SimProcess } from './__fixtures__/spike-host';
import { falco, HOST, INTERVAL, MINUTE, scrape, step, T0 } from './__fixtures__/spike-host';
import type { EngineOptions } from './options';
import { Engine } from './engine';
import { evictionBatch, ProcessBudget, Recency } from './limits';
import { HostProcesses } from './processes/registry';
import { SignalStore } from './signals';

interface Run {
  engine: Engine;
  anomalies: Array<{ value: Anomaly; final: boolean }>;
  incidents: Array<{ value: Incident; final: boolean }>;
}

function engineWith(options: Partial<EngineOptions>): Run {
  const anomalies: Run['anomalies'] = [];
  const incidents: Run['incidents'] = [];
  const engine = new Engine(
    {
      anomaly: (value, final) => anomalies.push({ value, final }),
      incident: (value, final) => incidents.push({ value, final }),
    },
    { allowedLatenessMs: 0, ...options },
  );
  return { engine, anomalies, incidents };
}

function cpu(host: string, time: number, utilization = 0.1): MetricSample {
  return { kind: 'host-cpu', host, time, utilization, cpus: 4 };
}

function proc(host: string, pid: number, time: number): MetricSample {
  return { kind: 'process-cpu', host, time, cores: 0.1, process: { pid, name: `p${pid}`, startTime: T0 - MINUTE } };
}

describe('Recency', () => {
  it('orders keys by last touch, least recent first', () => {
    const recency = new Recency<string>();
    for (const key of ['a', 'b', 'c', 'a']) recency.touch(key);
    expect(recency.oldest()).toBe('b');
    expect(recency.oldest('b')).toBe('c');
    recency.delete('b');
    expect(recency.oldest()).toBe('c');
    expect(recency.size).toBe(2);
  });

  it('evicts in batches of a sixteenth of the bound', () => {
    expect(evictionBatch(3, 1)).toBe(1);
    expect(evictionBatch(1_600, 1)).toBe(100);
    expect(evictionBatch(1_600, 50)).toBe(149);
  });
});

describe('engine limits', () => {
  it('evicts the least recently seen host with its series and counts it', () => {
    const { engine } = engineWith({ maxHosts: 3 });
    engine.ingest(cpu('h1', T0));
    engine.ingest(cpu('h2', T0));
    engine.ingest(cpu('h3', T0));
    engine.ingest(cpu('h1', T0 + INTERVAL)); // h1 seen again: h2 is now the least recent
    engine.ingest(cpu('h4', T0 + INTERVAL));
    const stats = engine.stats();
    expect(stats.hosts).toBe(3);
    expect(stats.series).toBe(3);
    expect(stats.evictions).toEqual({ host: 1, series: 1, process: 0, signal: 0, pending: 0 });
    expect(engine.timeline({ host: 'h2', metric: 'cpu' })).toBeUndefined();
    for (const host of ['h1', 'h3', 'h4']) expect(engine.timeline({ host, metric: 'cpu' })).toBeDefined();
    // An evicted host that comes back starts afresh.
    engine.ingest(cpu('h2', T0 + 2 * INTERVAL));
    expect(engine.timeline({ host: 'h2', metric: 'cpu' })?.points).toHaveLength(1);
    expect(engine.stats().evictions.host).toBe(2);
    expect(engine.timeline({ host: 'h3', metric: 'cpu' })).toBeUndefined();
  });

  it('counts hosts that only send signals, and drops their signals with them', () => {
    const { engine } = engineWith({ maxHosts: 2 });
    const alert = (host: string, time: number): Signal => ({ ...falco(time, 'r', undefined), host });
    engine.ingest(alert('a', T0));
    engine.ingest(alert('a', T0 + 1));
    engine.ingest(alert('b', T0 + 2));
    engine.ingest(alert('c', T0 + 3));
    const stats = engine.stats();
    expect(stats.evictions.host).toBe(1);
    expect(stats.evictions.signal).toBe(2);
    expect(stats.signalsStored).toBe(2);
  });

  it('evicts the least recently updated series past maxSeries', () => {
    const { engine } = engineWith({ maxSeries: 2 });
    const container = (id: string, time: number): MetricSample => ({
      kind: 'container-cpu',
      host: 'h1',
      time,
      containerId: id,
      utilization: 0.1,
    });
    engine.ingest(container('c1', T0));
    engine.ingest(container('c2', T0));
    engine.ingest(container('c1', T0 + INTERVAL));
    engine.ingest(container('c3', T0 + INTERVAL));
    expect(engine.stats().series).toBe(2);
    expect(engine.stats().evictions.series).toBe(1);
    expect(engine.timeline({ host: 'h1', metric: 'cpu', container: 'c2' })).toBeUndefined();
    expect(engine.timeline({ host: 'h1', metric: 'cpu', container: 'c1' })).toBeDefined();
  });

  it('bounds processes per host and in all, least recently seen first', () => {
    const { engine } = engineWith({ maxProcessesPerHost: 4, maxProcesses: 6 });
    for (let pid = 1; pid <= 4; pid += 1) engine.ingest(proc('h1', pid, T0 + pid));
    engine.ingest(proc('h1', 1, T0 + INTERVAL)); // pid 1 seen again
    engine.ingest(proc('h1', 5, T0 + INTERVAL + 1)); // over 4 on h1: pid 2, the least recent, goes
    expect(engine.stats().processes).toBe(4);
    expect(engine.stats().evictions.process).toBe(1);
    for (let pid = 1; pid <= 3; pid += 1) engine.ingest(proc('h2', pid, T0 + 2 * INTERVAL + pid));
    // 7 in all, over 6: the least recent anywhere (h1's pid 3) goes.
    expect(engine.stats().processes).toBe(6);
    expect(engine.stats().evictions.process).toBe(2);
  });

  it("applies a host's oldest buffered observations at once past maxPendingPerHost", () => {
    const { engine } = engineWith({ allowedLatenessMs: 60_000, maxPendingPerHost: 3 });
    for (let i = 0; i < 5; i += 1) engine.ingest(cpu('h1', T0 + i * INTERVAL));
    // Within the lateness window nothing would be applied yet; the bound applied the two oldest.
    expect(engine.timeline({ host: 'h1', metric: 'cpu' })?.points).toHaveLength(2);
    expect(engine.ingest(cpu('h1', T0 + 5))).toBe('late');
  });

  it('writes the open spike and incident of an evicted host in their final state', () => {
    const { engine, anomalies, incidents } = engineWith({ maxHosts: 2 });
    const S = T0 + 20 * MINUTE;
    const processes: SimProcess[] = [
      { pid: 120, ppid: 1, name: 'nginx', exePath: '/usr/sbin/nginx', start: T0 - MINUTE, cores: () => 0.2 },
      { pid: 4242, ppid: 1, name: 'xmrig', exePath: '/tmp/xmrig', start: S - 5_000, cores: step(0, 3, S) },
    ];
    for (const sample of scrape(processes, T0, S + 3 * MINUTE)) {
      engine.ingest(sample);
      if (sample.time === S + 20_000 && sample.kind === 'host-cpu') {
        engine.ingest(
          falco(S + 20_000, 'Detect crypto miners using the Stratum protocol', { pid: 4242, name: 'xmrig' }),
        );
      }
    }
    expect(incidents.some((i) => !i.final)).toBe(true);
    expect(incidents.some((i) => i.final)).toBe(false);
    engine.ingest(cpu('other-1', S + 3 * MINUTE));
    engine.ingest(cpu('other-2', S + 3 * MINUTE)); // web-01 is the least recent of three
    expect(engine.stats().evictions.host).toBe(1);
    const final = incidents.filter((i) => i.final);
    expect(final).toHaveLength(1);
    expect(final[0]?.value.culprit?.['process.executable.name']).toBe('xmrig');
    expect(anomalies.filter((a) => a.final)).toHaveLength(1);
    expect(engine.stats().openEpisodes).toBe(0);
  });
});

describe('HostProcesses bound', () => {
  it('evicts the least recently seen lifetimes as new ones arrive, and keeps the budget', () => {
    const budget = new ProcessBudget();
    const processes = new HostProcesses('h', 3, budget);
    const ref = (pid: number) => ({ pid, name: `p${pid}`, startTime: T0 });
    processes.observeRef(ref(1), T0 + 1);
    processes.observeRef(ref(2), T0 + 2);
    processes.observeRef(ref(3), T0 + 3);
    processes.observeRef(ref(1), T0 + 4);
    processes.observeRef(ref(4), T0 + 5);
    expect(processes.size).toBe(3);
    expect(budget).toEqual({ total: 3, evicted: 1 });
    expect(processes.resolve(ref(2), T0 + 5, 0)).toEqual([]);
    expect(processes.resolve(ref(1), T0 + 5, 0)).toHaveLength(1);
  });
});

describe('SignalStore bound in all', () => {
  it('drops the oldest signals of the host whose signals came least recently', () => {
    const store = new SignalStore(10, 4);
    const at = (host: string, time: number): Signal => ({ ...falco(time, 'r', undefined), host });
    store.add(at('a', 1));
    store.add(at('a', 2));
    store.add(at('b', 3));
    store.add(at('c', 4));
    store.add(at('b', 5)); // a is now the least recent host key
    expect(store.size).toBe(4);
    expect(store.evicted).toBe(1);
    expect(store.between('a', 0, 10).map((s) => s.time)).toEqual([2]);
  });
});

describe('SignalStore prune by age', () => {
  it('keeps alerts about a process past `before` until `alertsBefore`, and nothing else', () => {
    const store = new SignalStore(10);
    const miner = { pid: 4269, name: 'sysupdate', startTime: 0 };
    store.add(falco(1, 'about a process, too old', miner));
    store.add(falco(2, 'no process', undefined));
    store.add({ ...falco(3, 'context', miner), kind: 'context' });
    store.add(falco(4, 'about a process', miner));
    store.add(falco(6, 'recent', undefined));
    expect(store.prune(HOST, 5, 2)).toBe(2);
    expect(store.between(HOST, 0, 10).map((s) => s.rule)).toEqual(['about a process', 'recent']);
    expect(store.size).toBe(2);
    // Without an alert horizon, everything before `before` goes.
    expect(store.prune(HOST, 5)).toBe(1);
    expect(store.size).toBe(1);
  });
});
