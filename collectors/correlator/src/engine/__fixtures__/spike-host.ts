import type { Anomaly, Incident, SignalSeverity } from '@lockstep/contract';
import type { ProcessRef } from '../../model/process';
import type { MetricSample } from '../../model/samples';
import type { Signal } from '../../model/signal';
import { AnomalyState } from '../anomalies';
import type { Evaluation } from '../correlate';
import { evaluate } from '../correlate';
import { Engine } from '../engine';
import { Episode } from '../episode';
import { HostState } from '../host-state';
import { HostDirectory } from '../hosts';
import type { EngineOptions } from '../options';
import { resolveEngineOptions } from '../options';
import { SignalStore } from '../signals';

/**
 * Hand-built hosts for engine tests: processes with a CPU load over time, scraped like the hostmetrics receiver
 * (one sample per live process per interval, start time known), and security signals. The join is driven on
 * spikes built here too, so these tests say what attribution and scoring do whatever the detector decides.
 */

export const HOST = 'web-01';
export const T0 = Date.parse('2026-11-23T03:00:00Z');
export const INTERVAL = 10_000;
export const MINUTE = 60_000;

export interface SimProcess {
  pid: number;
  ppid: number;
  name: string;
  exePath: string;
  commandLine?: string;
  owner?: string;
  containerId?: string;
  start: number;
  /** Exclusive: not scraped at or after this time. */
  end?: number;
  /** Cores used at a time. */
  cores: (time: number) => number;
}

/** `base` cores, `peak` from `from` until `to`. */
export function step(base: number, peak: number, from: number, to = Number.POSITIVE_INFINITY): (t: number) => number {
  return (t) => (t >= from && t < to ? peak : base);
}

export function refOf(p: SimProcess): ProcessRef {
  const ref: ProcessRef = { pid: p.pid, ppid: p.ppid, name: p.name, exePath: p.exePath, startTime: p.start };
  if (p.commandLine !== undefined) ref.commandLine = p.commandLine;
  if (p.owner !== undefined) ref.owner = p.owner;
  if (p.containerId !== undefined) ref.containerId = p.containerId;
  return ref;
}

/** Process and host CPU samples from `from` to `to`, in time order, as an engine consumes them. */
export function scrape(processes: readonly SimProcess[], from: number, to: number, cpus = 4): MetricSample[] {
  const out: MetricSample[] = [];
  for (let time = from; time <= to; time += INTERVAL) {
    let busy = 0.04 * cpus;
    for (const p of processes) {
      if (p.start > time || (p.end !== undefined && p.end <= time)) continue;
      const cores = p.cores(time);
      busy += cores;
      out.push({ kind: 'process-cpu', host: HOST, time, cores, process: refOf(p) });
    }
    out.push({ kind: 'host-cpu', host: HOST, time, utilization: Math.min(0.99, busy / cpus), cpus });
  }
  return out;
}

const jitter = (level: number, phase: number) => (t: number) => level * (1 + 0.1 * Math.sin(t / 37_000 + phase));

/** The host's ordinary load: nginx and postgres, running for an hour before T0, each wobbling by a tenth. */
export function ordinaryProcesses(): SimProcess[] {
  return [
    { pid: 120, ppid: 1, name: 'nginx', exePath: '/usr/sbin/nginx', start: T0 - 3_600_000, cores: jitter(0.2, 0) },
    { pid: 130, ppid: 1, name: 'postgres', exePath: '/usr/bin/postgres', start: T0 - 3_600_000, cores: jitter(0.3, 2) },
  ];
}

/** What an Engine emitted over a run (runEngine). */
export interface EngineRun {
  /** CPU spikes in their final state. */
  spikes: Anomaly[];
  /** Incidents in their final state, in the order they were emitted. */
  finals: Incident[];
  /** Every incident emitted, in its last state (one that never reached a final state included). */
  latest: Incident[];
}

/**
 * A whole Engine over the processes' scrapes from T0 to `end` (no lateness window), each signal ingested just before
 * the first sample later than it.
 */
export function runEngine(
  processes: readonly SimProcess[],
  signals: readonly Signal[],
  end: number,
  options: Partial<EngineOptions> = {},
): EngineRun {
  const pending = [...signals].sort((a, b) => a.time - b.time);
  const latest = new Map<string, Incident>();
  const finals: Incident[] = [];
  const spikes: Anomaly[] = [];
  const engine = new Engine(
    {
      anomaly: (a, final) => void (final && a.metric === 'cpu' && spikes.push(a)),
      incident: (i, final) => {
        latest.set(i.id, i);
        if (final) finals.push(i);
      },
    },
    { allowedLatenessMs: 0, ...options },
  );
  for (const sample of scrape(processes, T0, end)) {
    while (pending.length > 0 && (pending[0] as Signal).time < sample.time) engine.ingest(pending.shift() as Signal);
    engine.ingest(sample);
  }
  engine.flush();
  return { spikes, finals, latest: [...latest.values()] };
}

/** A host whose process registry has been fed `processes` from `from` to `to`. */
export function hostWith(processes: readonly SimProcess[], from: number, to: number, cpus = 4): HostState {
  const host = new HostState(HOST, 10_000);
  host.cpus = cpus;
  for (const sample of scrape(processes, from, to, cpus)) {
    if (sample.kind === 'host-cpu') host.noteSampleTime(sample.time);
    else if (sample.kind === 'process-cpu') host.processes.observeSample(sample, host.intervalMs);
  }
  return host;
}

export function falco(
  time: number,
  rule: string,
  process: ProcessRef | undefined,
  severity: SignalSeverity = 'critical',
): Signal {
  const signal: Signal = { time, source: 'falco', kind: 'alert', rule, severity, host: HOST };
  if (process !== undefined) signal.process = process;
  return signal;
}

let sequence = 0;

/** A CPU spike on the host from `start` to `end` (open when undefined). */
export function spike(start: number, end: number | undefined, baseline = 0.1, peak = 0.9): AnomalyState {
  sequence += 1;
  const anomaly = new AnomalyState(
    `an_${sequence}`,
    'host-cpu',
    { 'host.name': HOST },
    'cpu',
    '1',
    start,
    baseline,
    peak,
  );
  if (end !== undefined) {
    anomaly.end = end;
    anomaly.closed = true;
  }
  return anomaly;
}

/** The join over `spikes` (one episode) with `signals`, at data time `now`, with the engine's default options. */
export function judgeEpisode(host: HostState, spikes: AnomalyState[], signals: Signal[], now: number): Evaluation {
  const store = new SignalStore(10_000);
  const directory = new HostDirectory();
  directory.add(HOST);
  for (const signal of signals) {
    store.add(signal);
    if (signal.process) host.processes.observeRef(signal.process, signal.time, signal.lifecycle);
  }
  const [first, ...rest] = spikes;
  if (first === undefined) throw new Error('an episode has at least one spike');
  const episode = new Episode(HOST, first);
  episode.anomalies.push(...rest);
  episode.resolved = spikes.every((s) => !s.open);
  return evaluate(episode, { host, signals: store, directory, options: resolveEngineOptions(), now });
}
