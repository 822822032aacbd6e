import type { Incident } from '@lockstep/contract';
import type { Observation } from './engine';
import type { SimProcess } from './__fixtures__/spike-host';
import { falco, MINUTE, scrape, step, T0 } from './__fixtures__/spike-host';
import { Engine } from './engine';

/**
 * A fleet through the engine with its limits set low but above the fleet's size: 100 hosts of 8 processes scraped
 * every 10 s for 40 minutes, a miner on 5 of them with a Falco alert each, and 1,000 drive-by hosts that send one
 * alert each (scanners, a misconfigured sender) and push the host bound. The drive-bys are evicted as they go
 * quiet; the fleet, seen every scrape, is never evicted and is correlated as without limits.
 */
const HOSTS = 100;
const MINER_HOSTS = [7, 23, 42, 61, 88];
const DRIVE_BYS = 1_000;
const S = T0 + 20 * MINUTE;
const END = T0 + 40 * MINUTE;
const STRATUM = 'Detect crypto miners using the Stratum protocol';

function fleetProcesses(miner: boolean): SimProcess[] {
  const out: SimProcess[] = [];
  for (let p = 0; p < 8; p += 1) {
    const level = 0.05 + 0.02 * p;
    out.push({
      pid: 100 + p,
      ppid: 1,
      name: `svc-${p}`,
      exePath: `/usr/bin/svc-${p}`,
      start: T0 - 3_600_000,
      cores: (t) => level * (1 + 0.1 * Math.sin(t / 41_000 + p)),
    });
  }
  if (miner) {
    out.push({
      pid: 4242,
      ppid: 1,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: '/tmp/.x/xmrig -o pool:3333',
      start: S - 5_000,
      end: S + 8 * MINUTE,
      cores: step(0, 3, S),
    });
  }
  return out;
}

function observations(): Observation[] {
  const out: Observation[] = [];
  for (let h = 0; h < HOSTS; h += 1) {
    const host = `node-${h}`;
    const miner = MINER_HOSTS.includes(h);
    for (const sample of scrape(fleetProcesses(miner), T0, END)) out.push({ ...sample, host });
    if (miner) out.push({ ...falco(S + 15_000, STRATUM, { pid: 4242, name: 'xmrig' }), host });
  }
  for (let d = 0; d < DRIVE_BYS; d += 1) {
    const time = T0 + Math.floor((d * (END - T0)) / DRIVE_BYS);
    out.push({
      ...falco(time, 'Outbound connection to C2', { pid: 9000 + d, name: 'curl' }, 'high'),
      host: `scan-${d}`,
    });
  }
  // In time order, as a live fleet's data arrives.
  return out.sort((a, b) => a.time - b.time);
}

function run(limited: boolean): { incidents: Map<string, Incident>; engine: Engine } {
  const incidents = new Map<string, Incident>();
  const engine = new Engine(
    { anomaly: () => undefined, incident: (incident) => incidents.set(incident.id, incident) },
    limited ? { maxHosts: 150, maxSeries: 120, maxProcesses: 1_000, maxProcessesPerHost: 16, maxSignals: 500 } : {},
  );
  for (const observation of observations()) engine.ingest(observation);
  engine.flush();
  return { incidents, engine };
}

describe('a fleet within the limits', () => {
  it('is correlated as without limits while drive-by hosts are evicted', () => {
    const limited = run(true);
    const unlimited = run(false);
    const evictions = limited.engine.stats().evictions;
    expect(evictions.host).toBeGreaterThan(800);
    expect(evictions.series).toBe(0);
    const culprits = (incidents: Map<string, Incident>) =>
      [...incidents.values()]
        .filter((i) => i.culprit !== null)
        .map((i) => `${i.entity['host.name']} ${i.culprit?.['process.executable.name']}`)
        .sort();
    const expected = MINER_HOSTS.map((h) => `node-${h} xmrig`).sort();
    expect(culprits(limited.incidents)).toEqual(expected);
    expect(culprits(unlimited.incidents)).toEqual(expected);
    expect([...limited.incidents.values()].map((i) => [i.id, i.score, i.severity]).sort()).toEqual(
      [...unlimited.incidents.values()].map((i) => [i.id, i.score, i.severity]).sort(),
    );
    for (let h = 0; h < HOSTS; h += 1) {
      expect(limited.engine.timeline({ host: `node-${h}`, metric: 'cpu' })?.points.length).toBeGreaterThan(0);
    }
  });
});
