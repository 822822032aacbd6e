import type { Anomaly, Incident } from '@lockstep/contract';
import type { SimProcess } from './__fixtures__/spike-host';
import { falco, INTERVAL, MINUTE, scrape, step, T0 } from './__fixtures__/spike-host';
import { Engine } from './engine';
import { DEFAULT_ENGINE_OPTIONS } from './options';

const S = T0 + 20 * MINUTE;
const MINER_END = S + 8 * MINUTE;
const END = MINER_END + 10 * MINUTE;

/** A quiet host (with a little deterministic jitter) and a miner that takes three of its four cores for 8 min. */
function processes(): SimProcess[] {
  const jitter = (level: number, phase: number) => (t: number) => level * (1 + 0.1 * Math.sin(t / 37_000 + phase));
  return [
    { pid: 120, ppid: 1, name: 'nginx', exePath: '/usr/sbin/nginx', start: T0 - 3_600_000, cores: jitter(0.2, 0) },
    { pid: 130, ppid: 1, name: 'postgres', exePath: '/usr/bin/postgres', start: T0 - 3_600_000, cores: jitter(0.3, 2) },
    {
      pid: 4242,
      ppid: 1,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: '/tmp/.x/xmrig -o pool:3333',
      start: S - 5_000,
      end: MINER_END,
      cores: step(0, 3, S),
    },
  ];
}

interface Emitted<T> {
  value: T;
  final: boolean;
  /** Data time reached when it was emitted. */
  at: number;
}

function run(): { anomalies: Emitted<Anomaly>[]; incidents: Emitted<Incident>[] } {
  const anomalies: Emitted<Anomaly>[] = [];
  const incidents: Emitted<Incident>[] = [];
  let at = T0;
  const engine = new Engine(
    {
      anomaly: (value, final) => anomalies.push({ value, final, at }),
      incident: (value, final) => incidents.push({ value, final, at }),
    },
    { allowedLatenessMs: 0 },
  );
  const alert = falco(S + 15_000, 'Detect crypto miners using the Stratum protocol', { pid: 4242, name: 'xmrig' });
  const samples = scrape(processes(), T0, END);
  let alerted = false;
  for (const sample of samples) {
    if (!alerted && sample.time > alert.time) {
      engine.ingest(alert);
      alerted = true;
    }
    at = sample.time;
    engine.ingest(sample);
  }
  engine.flush();
  return { anomalies, incidents };
}

describe('contributors while a spike is open', () => {
  const { anomalies, incidents } = run();
  const cpu = anomalies.filter((a) => a.value.metric === 'cpu');
  const open = cpu.filter((a) => !a.final);
  const final = cpu.filter((a) => a.final);

  it('are reported from the moment the spike opens, naming the process behind it', () => {
    expect(open.length).toBeGreaterThan(1);
    expect(open[0]?.value.end).toBeNull();
    expect(open[0]?.value.contributors[0]?.process['process.executable.name']).toBe('xmrig');
    for (const update of open) expect(update.value.contributors.length).toBeGreaterThan(0);
  });

  it('are measured again at the stated cadence, not every sample', () => {
    const gaps = open.slice(1).map((a, i) => a.at - (open[i] as Emitted<Anomaly>).at);
    for (const gap of gaps)
      expect(gap).toBeGreaterThanOrEqual(Math.max(DEFAULT_ENGINE_OPTIONS.openRefreshMs, INTERVAL));
    const spikeSamples = (MINER_END - S) / INTERVAL;
    expect(open.length).toBeLessThanOrEqual(Math.ceil(spikeSamples / 3) + 1);
  });

  it('settle to final values once, at its end', () => {
    expect(final).toHaveLength(1);
    const settled = final[0]?.value;
    expect(settled?.end).not.toBeNull();
    expect(settled?.contributors[0]?.process['process.executable.name']).toBe('xmrig');
    expect(settled?.contributors[0]?.share).toBeGreaterThan(0.9);
    for (const update of open) expect(update.value.id).toBe(settled?.id);
  });

  it('show in the open incident, whose sentences name the process and its share while it is still rising', () => {
    const live = incidents.find((i) => !i.final && i.value.end === null);
    expect(live?.value.culprit?.['process.executable.name']).toBe('xmrig');
    expect(live?.value.summary.ops).toMatch(/ongoing for .*xmrig \(pid 4242\) accounts for \d+% of the rise/);
    expect(incidents.filter((i) => i.final)).toHaveLength(1);
  });
});
