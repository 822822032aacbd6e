import type { ProcessRef } from '../../../model/process';
import type { CounterState } from './counter';
import { CounterTracker } from './counter';
import type { HistogramState } from './histogram-delta';
import type { Touched } from './series-store';
import { SeriesStore } from './series-store';
import { PRUNE_EVERY_MS, REWIND_MS, SAME_SCRAPE_MS, SERIES_IDLE_MS } from './timing';

/**
 * Series remembered at most, per kind of state. The engine's default bounds (2,000 hosts of 4 cpus: 64,000 host
 * counters in 8 states; 15,000 processes in 3 modes: 45,000) stay under it; at roughly 300 bytes a series (key,
 * state, the entity's last process) the worst case is about 35 MB. Past it new series are refused (see SeriesStore).
 */
const MAX_SERIES = 120_000;
/** Hosts remembered (logical cpu count, process scrape times): the engine's host bound, with room for churn. */
const MAX_HOSTS = 10_000;

/** What is remembered about a host across requests. */
export interface HostMemory extends Touched {
  /** Logical cpus, from the per-cpu breakdown of system.cpu.* or system.cpu.logical.count. */
  cpus: number | undefined;
  /** Time of the latest process.cpu.time scrape, and of the one before it. */
  processScrape: number | undefined;
  previousProcessScrape: number | undefined;
}

interface EmittedState extends Touched {
  time: number;
  /** The process the entity's last sample named (process samples only), handed out again while unchanged. */
  process?: ProcessRef;
}

/** All state the metrics decoder keeps between requests, bounded and pruned by data time. */
export class DecoderState {
  private readonly counterStore = new SeriesStore<CounterState>(MAX_SERIES);
  readonly counters = new CounterTracker(this.counterStore);
  readonly histograms = new SeriesStore<HistogramState>(MAX_SERIES);
  private readonly emitted = new SeriesStore<EmittedState>(MAX_SERIES);
  private readonly hosts = new SeriesStore<HostMemory>(MAX_HOSTS);
  private lastPrune: number | undefined;

  /** The host's memory (a throwaway one when the host table is full). */
  host(name: string, time: number): HostMemory {
    let memory = this.hosts.get(name);
    if (memory === undefined) {
      memory = { cpus: undefined, processScrape: undefined, previousProcessScrape: undefined, touched: time };
      this.hosts.set(name, memory);
    } else if (time > memory.touched || time < memory.touched - REWIND_MS) memory.touched = time;
    return memory;
  }

  /** Remembered cpus of a host, without creating it. */
  cpusOf(name: string): number | undefined {
    return this.hosts.get(name)?.cpus;
  }

  /** Whether a sample of this entity at this time is new (and remembers it if so). */
  claimSample(entity: string, time: number): boolean {
    const last = this.emitted.get(entity);
    if (last === undefined) {
      // A full table only loses the duplicate check; the sample itself is still worth emitting.
      this.emitted.set(entity, { time, touched: time });
      return true;
    }
    if (time < last.time + SAME_SCRAPE_MS && time >= last.time - REWIND_MS) return false;
    last.time = time;
    last.touched = time;
    return true;
  }

  /**
   * The ProcessRef the entity's previous sample carried when `ref` says the same thing, else `ref` (remembered
   * for next time). Call right after a successful `claimSample(entity, ...)`. Samples wait in the engine's
   * lateness window long enough to outlive the young generation, so a fresh ref per scrape (and its strings,
   * copies of the request's) would be promoted and die in the old one; an unchanged process costs nothing.
   * Refs are never mutated downstream (the engine copies their fields).
   */
  sameProcess(entity: string, ref: ProcessRef): ProcessRef {
    const last = this.emitted.get(entity);
    if (last === undefined) return ref;
    const previous = last.process;
    if (previous !== undefined && sameRef(previous, ref)) return previous;
    last.process = ref;
    return ref;
  }

  /** Prunes when data time has moved PRUNE_EVERY_MS past the last prune (or went backwards: a new replay). */
  maybePrune(dataTime: number): void {
    if (this.lastPrune === undefined || dataTime < this.lastPrune) this.lastPrune = dataTime;
    else if (dataTime - this.lastPrune >= PRUNE_EVERY_MS) this.prune(dataTime);
  }

  /** Forgets every series not updated within SERIES_IDLE_MS of `nowMs` (data time). */
  prune(nowMs: number): void {
    const olderThan = nowMs - SERIES_IDLE_MS;
    this.counterStore.prune(olderThan);
    this.histograms.prune(olderThan);
    this.emitted.prune(olderThan);
    this.hosts.prune(olderThan);
    this.lastPrune = nowMs;
  }
}

/**
 * Whether two refs say the same thing, field by field (refs hold only defined fields; `parent` and
 * `ancestorNames`, which `entityProcess` never sets, compare by identity).
 */
function sameRef(a: ProcessRef, b: ProcessRef): boolean {
  return (
    a.pid === b.pid &&
    a.ppid === b.ppid &&
    a.startTime === b.startTime &&
    a.name === b.name &&
    a.exePath === b.exePath &&
    a.commandLine === b.commandLine &&
    a.owner === b.owner &&
    a.containerId === b.containerId &&
    a.execId === b.execId &&
    a.parentExecId === b.parentExecId &&
    a.parent === b.parent &&
    a.ancestorNames === b.ancestorNames
  );
}

/** Notes a process scrape at `time` on the host. */
export function noteProcessScrape(host: HostMemory, time: number): void {
  if (host.processScrape !== undefined && time < host.processScrape - REWIND_MS) {
    host.previousProcessScrape = undefined;
    host.processScrape = time;
  } else if (host.processScrape === undefined || time > host.processScrape) {
    host.previousProcessScrape = host.processScrape;
    host.processScrape = time;
  }
}

/** The host's process scrape before the one at `time`, when `time` is its latest. */
export function processScrapeBefore(host: HostMemory, time: number): number | undefined {
  return time === host.processScrape ? host.previousProcessScrape : undefined;
}
