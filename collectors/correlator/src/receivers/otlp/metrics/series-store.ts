/** Per-series state stamped with the data time it was last updated at. */
export interface Touched {
  touched: number;
}

/**
 * A bounded map of per-series state. When full, new series are refused (their points yield no rate) rather than
 * evicting live ones: eviction would silently turn every rate into a "first point" under a flood of junk series.
 * `prune` frees series whose data went quiet.
 */
export class SeriesStore<T extends Touched> {
  private readonly map = new Map<string, T>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  /** Stores the state; false when the key is new and the store is full. */
  set(key: string, value: T): boolean {
    if (this.map.size >= this.limit && !this.map.has(key)) return false;
    this.map.set(key, value);
    return true;
  }

  /** Drops every series last touched before `olderThan` (epoch ms of data time). */
  prune(olderThan: number): void {
    for (const [key, value] of this.map) if (value.touched < olderThan) this.map.delete(key);
  }
}
