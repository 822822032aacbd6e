import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import type { ChangeEvent } from '../../model/change';
import type { Signal } from '../../model/signal';
import type { EngineOptions } from '../options';
import { Engine } from '../engine';
import type { Observation } from '../engine';
import type { SimProcess } from './spike-host';
import { HOST, MINUTE, scrape, step, T0 } from './spike-host';

/** When the spike starts: after 20 min of normal, so the detector has its baseline. */
export const SPIKE = T0 + 20 * MINUTE;
export const SPIKE_END = SPIKE + 8 * MINUTE;
export const RUN_END = SPIKE_END + 10 * MINUTE;

/** A quiet host whose `node` (or a miner, when `miner`) takes three of four cores for 8 minutes. */
export function busyHost(culprit: 'node' | 'miner'): SimProcess[] {
  const jitter = (level: number, phase: number) => (t: number) => level * (1 + 0.1 * Math.sin(t / 37_000 + phase));
  const quiet: SimProcess[] = [
    { pid: 120, ppid: 1, name: 'nginx', exePath: '/usr/sbin/nginx', start: T0 - 3_600_000, cores: jitter(0.2, 0) },
    { pid: 130, ppid: 1, name: 'postgres', exePath: '/usr/bin/postgres', start: T0 - 3_600_000, cores: jitter(0.3, 2) },
  ];
  if (culprit === 'node') {
    const node = (t: number) => (t >= SPIKE && t < SPIKE_END ? 3 : jitter(0.1, 1)(t));
    return [
      ...quiet,
      { pid: 1204, ppid: 1, name: 'node', exePath: '/usr/bin/node', start: T0 - 3_600_000, cores: node },
    ];
  }
  return [
    ...quiet,
    {
      pid: 4242,
      ppid: 1,
      name: 'xmrig',
      exePath: '/tmp/.x/xmrig',
      commandLine: '/tmp/.x/xmrig -o stratum+tcp://pool:3333',
      start: SPIKE - 5_000,
      end: SPIKE_END,
      cores: step(0, 3, SPIKE),
    },
  ];
}

export function deploy(time: number, overrides: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    kind: 'change',
    time,
    source: 'change',
    change: 'deploy',
    summary: 'checkout 1.4.2',
    actor: 'ci-bot',
    id: 'deploy-1842',
    host: HOST,
    ...overrides,
  };
}

export interface ChangeRunResult {
  anomalies: Anomaly[];
  incidents: Incident[];
  findings: Finding[];
}

/** Feeds the host's samples and `extra` observations in time order through an engine; the final results. */
export function runEngine(
  processes: SimProcess[],
  extra: Array<ChangeEvent | Signal>,
  options: Partial<EngineOptions> = {},
  end = RUN_END,
  /** The `service.name` of node's process samples (the service a change may name alone). */
  nodeService?: string,
): ChangeRunResult {
  const out: ChangeRunResult = { anomalies: [], incidents: [], findings: [] };
  const engine = new Engine(
    {
      anomaly: (a, final) => void (final && out.anomalies.push(a)),
      incident: (i, final) => void (final && out.incidents.push(i)),
      finding: (f) => void out.findings.push(f),
    },
    { allowedLatenessMs: 0, ...options },
  );
  const samples = scrape(processes, T0, end).map((sample) =>
    nodeService !== undefined && sample.kind === 'process-cpu' && sample.process.name === 'node'
      ? { ...sample, serviceName: nodeService }
      : sample,
  );
  const all: Observation[] = [...samples, ...extra];
  all.sort((a, b) => a.time - b.time);
  for (const observation of all) engine.ingest(observation);
  engine.flush();
  return out;
}
