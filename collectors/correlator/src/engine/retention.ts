import type { EngineChanges } from './changes/changes';
import type { SourceClock } from './clocks';
import type { EpisodeBook } from './episodes';
import type { HostState } from './host-state';
import type { EngineOptions } from './options';
import type { ProcessInstance } from './processes/instance';
import type { SignalStore } from './signals';

/** How often (data time) memory is trimmed of old processes and signals. */
const PRUNE_EVERY_MS = 60_000;

/** What retention trims, and the open episodes that keep what they may still name. */
export interface RetainedState {
  clocks: ReadonlyMap<string, SourceClock>;
  hosts: ReadonlyMap<string, HostState>;
  signals: SignalStore;
  changes: EngineChanges;
  episodes: EpisodeBook;
  options: EngineOptions;
}

/**
 * Time-based trimming of the engine's memory: a source's old processes and signals every PRUNE_EVERY_MS of its data
 * time, beyond `retentionMs`, except what the host's open incident may still name (its process lookback).
 */
export class Retention {
  /** When the shared change index was last pruned. */
  private changesPrunedAt: number | undefined;

  constructor(private readonly state: RetainedState) {}

  /** As the source's clock moves to `now`: trims its memory when due. */
  tick(clock: SourceClock, now: number): void {
    if (clock.lastPrune === undefined || now - clock.lastPrune >= PRUNE_EVERY_MS) this.prune(clock, now);
  }

  /**
   * The process lifetimes the host's open incident may still name: those seen since its lookback began, and those
   * its evidence was resolved to (however long ago they ended).
   */
  protectedProcesses(host: HostState): Set<ProcessInstance> {
    const keep = new Set<ProcessInstance>();
    if (host.episode) {
      const start = host.episode.start - this.state.options.processLookbackMs;
      for (const instance of host.processes.instances()) if (instance.lastSeen >= start) keep.add(instance);
      for (const instance of host.episode.linked) keep.add(instance);
    }
    return keep;
  }

  private prune(clock: SourceClock, now: number): void {
    const { hosts, signals, options } = this.state;
    clock.lastPrune = now;
    let before = now - options.retentionMs;
    const host = hosts.get(clock.key);
    const keep = host ? this.protectedProcesses(host) : new Set<ProcessInstance>();
    if (host?.episode) before = Math.min(before, host.episode.start - options.processLookbackMs);
    const alertsBefore = Math.min(before, now - options.identityLookbackMs);
    for (const key of clock.signalKeys) {
      if (signals.prune(key, before, alertsBefore) === 0) clock.signalKeys.delete(key);
    }
    host?.processes.prune(before, keep, alertsBefore);
    this.pruneChanges(now);
  }

  /**
   * Changes are shared by every host: kept while the host whose data time lags most may still list them. Pruned
   * once per PRUNE_EVERY_MS of any clock's data time, not once per clock (a fleet has a clock per host).
   */
  private pruneChanges(now: number): void {
    const { clocks, changes, episodes, options } = this.state;
    if (this.changesPrunedAt !== undefined && Math.abs(now - this.changesPrunedAt) < PRUNE_EVERY_MS) return;
    this.changesPrunedAt = now;
    let oldest = now - options.retentionMs;
    for (const clock of clocks.values()) {
      if (clock.applied !== undefined) oldest = Math.min(oldest, clock.applied - options.retentionMs);
    }
    oldest = Math.min(oldest, episodes.oldestStart() - options.processLookbackMs);
    changes.prune(oldest - options.changeWindowMs);
  }
}
