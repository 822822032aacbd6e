import type { Entity, Finding } from '@lockstep/contract';
import type { ChangeEvent } from '../../model/change';
import type { MetricSample } from '../../model/samples';
import type { HostDirectory } from '../hosts';
import type { EngineOptions } from '../options';
import { changesBefore } from './attach';
import { Placements } from './placement';
import type { StoredChange } from './store';
import { ChangeStore } from './store';
import { TemporaryChanges } from './temporary';

/**
 * Everything the engine knows about changes: the recent ones (for the spikes they may explain), where services and
 * pods run (to place a change that names only those), and the temporary changes not yet reverted (findings).
 */
export class EngineChanges {
  private readonly store: ChangeStore;
  private readonly temporary: TemporaryChanges;
  readonly placements = new Placements();

  constructor(
    private readonly options: EngineOptions,
    private readonly directory: HostDirectory,
  ) {
    this.store = new ChangeStore(options.maxChanges);
    this.temporary = new TemporaryChanges(options.temporaryChangeWindowMs);
  }

  noteSample(sample: MetricSample): void {
    this.placements.note(sample);
  }

  /** A change applied in time order; returns the findings it closes. */
  add(change: ChangeEvent): Finding[] {
    this.store.add(change);
    const out: Finding[] = [];
    this.temporary.add(change, this.assetOf(change), out);
    return out;
  }

  /** Data time reached `now`: the findings whose window passed. */
  tick(now: number): Finding[] {
    const out: Finding[] = [];
    this.temporary.tick(now, out);
    return out;
  }

  /** The changes listed on a spike of `entity` whose run began at `start` and was detected at `openedAt`. */
  forSpike(entity: Entity, start: number, openedAt = start): StoredChange[] {
    return changesBefore(entity, start, openedAt, {
      changes: this.store,
      placements: this.placements,
      directory: this.directory,
      windowMs: this.options.changeWindowMs,
    });
  }

  /** Hosts a change applies to among `hosts` (to re-judge their open incidents). */
  hostsOf(change: ChangeEvent, hosts: Iterable<string>): string[] {
    const out: string[] = [];
    for (const host of hosts)
      if (this.placements.applies(change, { 'host.name': host }, this.directory)) out.push(host);
    return out;
  }

  prune(before: number): void {
    this.store.prune(before);
  }

  get stored(): number {
    return this.store.size;
  }

  get dropped(): number {
    return this.store.dropped + this.temporary.dropped;
  }

  get openFindings(): number {
    return this.temporary.openFindings;
  }

  /** The asset a temporary change is a finding on: its host, else its service or container, else the sole host. */
  private assetOf(change: ChangeEvent): Finding['asset'] | undefined {
    if (change.host !== undefined) return { kind: 'host', name: this.directory.resolve(change.host) ?? change.host };
    if (change.service !== undefined) return { kind: 'service', name: change.service };
    if (change.containerId !== undefined) return { kind: 'container', name: change.containerId };
    const sole = this.directory.resolve(undefined);
    return sole === undefined ? undefined : { kind: 'host', name: sole };
  }
}
