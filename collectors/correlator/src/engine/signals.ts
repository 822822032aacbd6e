import type { Signal } from '../model/signal';
import { evictionBatch } from './limits';

/** A signal as the engine keeps it: with a sequence number (stable identity for folding and ids). */
export interface StoredSignal extends Signal {
  seq: number;
}

/**
 * Recent security signals per reported host name, in time order, bounded in count and age. Joins ask for a
 * host's signals in a time range; hosts are matched at join time because the metric host that a signal's
 * host name refers to may only become known later.
 */
export class SignalStore {
  /** Lists by host key, the key a signal was last added under last (Map order: least recent first). */
  private readonly byHost = new Map<string, StoredSignal[]>();
  private seq = 0;
  private total = 0;
  /** Dropped by the per-host bound. */
  dropped = 0;
  /** Dropped by either bound, or with their host (the engine's eviction count). */
  evicted = 0;

  constructor(
    private readonly maxPerHost: number,
    private readonly maxTotal: number = Number.POSITIVE_INFINITY,
  ) {}

  add(signal: Signal): StoredSignal {
    // Not a spread: under a mix of formats that gives each signal a hidden class of its own (see withStartTime in
    // receivers/otlp/metrics/emit.ts).
    const stored: StoredSignal = Object.assign({}, signal, { seq: this.seq++ });
    const key = signal.host ?? '';
    let list = this.byHost.get(key);
    if (list) this.byHost.delete(key);
    else list = [];
    this.byHost.set(key, list);
    let i = list.length;
    while (i > 0 && (list[i - 1] as StoredSignal).time > stored.time) i -= 1;
    list.splice(i, 0, stored);
    this.total += 1;
    if (list.length > this.maxPerHost) {
      list.shift();
      this.total -= 1;
      this.dropped += 1;
      this.evicted += 1;
    }
    if (this.total > this.maxTotal) this.evictOldest(key);
    return stored;
  }

  /** Forgets every signal reported under `hostKey` (its host was evicted); returns how many. */
  drop(hostKey: string): number {
    const list = this.byHost.get(hostKey);
    if (!list) return 0;
    this.byHost.delete(hostKey);
    this.total -= list.length;
    this.evicted += list.length;
    return list.length;
  }

  /** Back within the total bound: the oldest signals of the hosts whose signals came least recently go first. */
  private evictOldest(current: string): void {
    let excess = evictionBatch(this.maxTotal, this.total - this.maxTotal);
    for (const [key, list] of this.byHost) {
      if (excess <= 0) break;
      if (key === current) continue;
      const n = Math.min(excess, list.length);
      list.splice(0, n);
      if (list.length === 0) this.byHost.delete(key);
      this.total -= n;
      this.evicted += n;
      excess -= n;
    }
    if (excess > 0) {
      const list = this.byHost.get(current) as StoredSignal[];
      const n = Math.min(excess, list.length - 1);
      list.splice(0, n);
      this.total -= n;
      this.evicted += n;
    }
  }

  hostKeys(): Iterable<string> {
    return this.byHost.keys();
  }

  /** Signals reported under `hostKey` with time in [from, to]. */
  between(hostKey: string, from: number, to: number): StoredSignal[] {
    const list = this.byHost.get(hostKey);
    if (!list) return [];
    return list.filter((s) => s.time >= from && s.time <= to);
  }

  /**
   * Drops the signals reported under `hostKey` older than `before`, except alerts about a process (which may still
   * name it by identity, see EngineOptions.identityLookbackMs) from `alertsBefore` on; returns how many are left.
   */
  prune(hostKey: string, before: number, alertsBefore = before): number {
    const list = this.byHost.get(hostKey);
    if (!list) return 0;
    let old = 0;
    while (old < list.length && (list[old] as StoredSignal).time < before) old += 1;
    let kept = 0;
    for (let i = 0; i < old; i += 1) {
      const signal = list[i] as StoredSignal;
      if (signal.time >= alertsBefore && mayNameByIdentity(signal)) list[kept++] = signal;
    }
    const drop = old - kept;
    this.total -= drop;
    if (drop === list.length) {
      this.byHost.delete(hostKey);
      return 0;
    }
    if (drop > 0) list.splice(kept, drop);
    return list.length;
  }

  get size(): number {
    return this.total;
  }
}

/** An alert about a process: it may still explain that process's spike long after (EngineOptions.identityLookbackMs). */
export function mayNameByIdentity(signal: Signal): boolean {
  return signal.kind === 'alert' && signal.process !== undefined;
}
