import type { Signal } from '../model/signal';

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
  private readonly byHost = new Map<string, StoredSignal[]>();
  private seq = 0;
  dropped = 0;

  constructor(private readonly maxPerHost: number) {}

  add(signal: Signal): StoredSignal {
    const stored: StoredSignal = { ...signal, seq: this.seq++ };
    const key = signal.host ?? '';
    let list = this.byHost.get(key);
    if (!list) {
      list = [];
      this.byHost.set(key, list);
    }
    let i = list.length;
    while (i > 0 && (list[i - 1] as StoredSignal).time > stored.time) i -= 1;
    list.splice(i, 0, stored);
    if (list.length > this.maxPerHost) {
      list.shift();
      this.dropped += 1;
    }
    return stored;
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

  /** Drops the signals reported under `hostKey` older than `before`; returns how many are left. */
  prune(hostKey: string, before: number): number {
    const list = this.byHost.get(hostKey);
    if (!list) return 0;
    let drop = 0;
    while (drop < list.length && (list[drop] as StoredSignal).time < before) drop += 1;
    if (drop === list.length) {
      this.byHost.delete(hostKey);
      return 0;
    }
    if (drop > 0) list.splice(0, drop);
    return list.length;
  }

  get size(): number {
    let total = 0;
    for (const list of this.byHost.values()) total += list.length;
    return total;
  }
}
