import type { AnomalyState } from './anomalies';
import type { SourceClock } from './clocks';
import type { Episode } from './episode';
import type { HostState } from './host-state';
import type { HostDirectory } from './hosts';
import type { ProcessInstance } from './processes/instance';
import type { Series } from './series';
import type { SignalStore } from './signals';

/**
 * What the engine holds in memory is bounded by count, whatever the input's cardinality: hosts (with everything
 * under them), metric series, process lifetimes (per host and in all) and security signals (per host and in all).
 * Past a bound the least recently seen entity goes first, and every eviction is counted by kind (`pending`:
 * observations that were still waiting in an evicted host's reorder buffer).
 */
export const EVICTION_KINDS = ['host', 'series', 'process', 'signal', 'pending'] as const;
export type EvictionKind = (typeof EVICTION_KINDS)[number];
export type EvictionCounts = Record<EvictionKind, number>;

export function emptyEvictionCounts(): EvictionCounts {
  return { host: 0, series: 0, process: 0, signal: 0, pending: 0 };
}

/**
 * Keys in order of their last touch, least recent first. A Map keeps insertion order, so a touch is a delete and a
 * set; the key touched last is remembered so that a run of observations of one host costs one comparison each.
 */
export class Recency<K> {
  private readonly order = new Map<K, true>();
  private last: K | undefined;

  get size(): number {
    return this.order.size;
  }

  touch(key: K): void {
    if (this.last === key && this.order.has(key)) return;
    this.order.delete(key);
    this.order.set(key, true);
    this.last = key;
  }

  delete(key: K): void {
    this.order.delete(key);
    if (this.last === key) this.last = undefined;
  }

  /** The least recently touched key other than `except`, or undefined. */
  oldest(except?: K): K | undefined {
    for (const key of this.order.keys()) if (key !== except) return key;
    return undefined;
  }
}

/**
 * Process lifetimes across all hosts, counted as the hosts' registries create and forget them, so the total
 * bound can be checked on every new process without walking the hosts.
 */
export class ProcessBudget {
  total = 0;
  evicted = 0;
}

/**
 * How many entities are dropped at once when a bound is passed: a sixteenth of it (at least one), so a flood of
 * new entities costs a sort every few thousand, not one per entity. The held count then sits between
 * 15/16 of the bound and the bound.
 */
export function evictionBatch(limit: number, excess: number): number {
  return excess + Math.max(1, Math.floor(limit / 16)) - 1;
}

/**
 * The engine's state the limiter trims; the engine owns it, the limiter only removes from it. Open episodes go
 * through `EvictionHooks.finishEpisode` (they are the EpisodeBook's: episodes.ts).
 */
export interface EngineState {
  clocks: Map<string, SourceClock>;
  hosts: Map<string, HostState>;
  series: Map<string, Series>;
  directory: HostDirectory;
  signals: SignalStore;
}

/** How the limiter ends what it evicts: open spikes and incidents are written in their final state first. */
export interface EvictionHooks {
  finishAnomaly(anomaly: AnomalyState, now: number): void;
  finishEpisode(episode: Episode, now: number): void;
  /** A host's data time (its clock's applied time). */
  now(host: string): number;
  /** Process lifetimes an open incident may still name (kept while others can go). */
  protectedProcesses(host: HostState): ReadonlySet<ProcessInstance>;
}

export interface LimitOptions {
  maxHosts: number;
  maxSeries: number;
  maxProcesses: number;
}

/**
 * Enforces the engine's count bounds, least recently seen first: a host's recency is its last observation (metric or
 * signal), a series' its last sample, a process's its last sighting, a signal store host key's its last signal.
 */
export class EngineLimiter {
  readonly counts = emptyEvictionCounts();
  readonly processes = new ProcessBudget();
  private readonly hostRecency = new Recency<string>();
  private readonly seriesRecency = new Recency<string>();

  constructor(
    private readonly options: LimitOptions,
    private readonly state: EngineState,
    private readonly hooks: EvictionHooks,
  ) {}

  /** Evictions so far by kind (processes and signals include those dropped by their per-host bounds). */
  evictions(): EvictionCounts {
    return {
      ...this.counts,
      process: this.counts.process + this.processes.evicted,
      signal: this.counts.signal + this.state.signals.evicted,
    };
  }

  /** A host key (clock or host state) was seen; past `maxHosts` the least recently seen other host goes. */
  touchHost(key: string): void {
    this.hostRecency.touch(key);
  }

  /** Called where evicting is safe (before an observation is buffered): brings hosts back within the bound. */
  enforceHosts(current: string): void {
    const { clocks, hosts } = this.state;
    const limit = this.options.maxHosts;
    if (clocks.size <= limit && hosts.size <= limit) return;
    let drop = evictionBatch(limit, Math.max(clocks.size, hosts.size) - limit);
    while (drop > 0) {
      const victim = this.hostRecency.oldest(current);
      if (victim === undefined) break;
      this.evictHost(victim);
      drop -= 1;
    }
  }

  touchSeries(key: string): void {
    this.seriesRecency.touch(key);
  }

  /** Brings series back within `maxSeries`, never evicting `current` (the one being written). */
  enforceSeries(current: string): void {
    const limit = this.options.maxSeries;
    if (this.state.series.size <= limit) return;
    let drop = evictionBatch(limit, this.state.series.size - limit);
    while (drop > 0) {
      const victim = this.seriesRecency.oldest(current);
      if (victim === undefined) break;
      const series = this.state.series.get(victim);
      if (series) this.evictSeries(series);
      else this.seriesRecency.delete(victim);
      drop -= 1;
    }
  }

  /**
   * Brings process lifetimes back within `maxProcesses` in all: the least recently seen across hosts go first,
   * those an open incident may name last.
   */
  enforceProcesses(): void {
    const limit = this.options.maxProcesses;
    if (this.processes.total <= limit) return;
    const drop = evictionBatch(limit, this.processes.total - limit);
    const candidates: Array<{ host: HostState; instance: ProcessInstance; kept: boolean }> = [];
    for (const host of this.state.hosts.values()) {
      const keep = this.hooks.protectedProcesses(host);
      for (const instance of host.processes.instances()) {
        candidates.push({ host, instance, kept: keep.has(instance) });
      }
    }
    candidates.sort((a, b) => Number(a.kept) - Number(b.kept) || a.instance.lastSeen - b.instance.lastSeen);
    const byHost = new Map<HostState, Set<ProcessInstance>>();
    for (const { host, instance } of candidates.slice(0, drop)) {
      let set = byHost.get(host);
      if (!set) byHost.set(host, (set = new Set()));
      set.add(instance);
    }
    for (const [host, set] of byHost) host.processes.evict(set);
  }

  /** Forgets a host and everything under it; its open spikes and incident are written in their final state. */
  evictHost(key: string): void {
    const { clocks, hosts, directory, signals } = this.state;
    const now = this.hooks.now(key);
    const host = hosts.get(key);
    if (host) {
      for (const seriesKey of [...host.seriesKeys]) {
        const series = this.state.series.get(seriesKey);
        if (series) this.dropSeries(series, now);
        this.counts.series += 1;
      }
      if (host.episode) this.hooks.finishEpisode(host.episode, now);
      host.processes.evict(new Set(host.processes.instances()));
      hosts.delete(key);
      directory.remove(key);
    }
    const clock = clocks.get(key);
    if (clock) {
      // Observations still waiting out the lateness window go with their host.
      this.counts.pending += clock.pending.size;
      for (const signalKey of clock.signalKeys) signals.drop(signalKey);
      clocks.delete(key);
    }
    this.hostRecency.delete(key);
    this.counts.host += 1;
  }

  private evictSeries(series: Series): void {
    this.dropSeries(series, this.hooks.now(series.spec.host));
    this.counts.series += 1;
  }

  /** Ends the series' open spike (written final, marked ended now) and forgets the series. */
  private dropSeries(series: Series, now: number): void {
    const anomaly = series.anomaly;
    if (anomaly) {
      anomaly.end ??= Math.max(anomaly.start, now);
      anomaly.closed = true;
      series.anomaly = undefined;
      this.hooks.finishAnomaly(anomaly, now);
    }
    this.state.series.delete(series.key);
    this.seriesRecency.delete(series.key);
    const host = this.state.hosts.get(series.spec.host);
    if (host) {
      host.seriesKeys.delete(series.key);
      if (host.cpuSeries === series) host.cpuSeries = undefined;
      if (host.episode) host.episode.dirty = true;
    }
  }
}
