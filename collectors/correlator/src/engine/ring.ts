/**
 * A fixed-capacity ring of (time, value) pairs in time order, for per-series history. Bounded memory is the
 * point: the oldest pair is overwritten once the ring is full.
 */
export class TimeValueRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(time: number, value: number): void {
    const index = (this.head + this.count) % this.capacity;
    this.times[index] = time;
    this.values[index] = value;
    if (this.count < this.capacity) this.count += 1;
    else this.head = (this.head + 1) % this.capacity;
  }

  lastTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[(this.head + this.count - 1) % this.capacity];
  }

  firstTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[this.head];
  }

  /** Sum of values whose time lies in (from, to]. */
  sumBetween(from: number, to: number): number {
    let total = 0;
    for (let i = this.count - 1; i >= 0; i -= 1) {
      const index = (this.head + i) % this.capacity;
      const t = this.times[index] as number;
      if (t <= from) break;
      if (t <= to) total += this.values[index] as number;
    }
    return total;
  }

  /** Pairs with time in (from, to], oldest first. */
  between(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.count; i += 1) {
      const index = (this.head + i) % this.capacity;
      const t = this.times[index] as number;
      if (t > from && t <= to) out.push([t, this.values[index] as number]);
    }
    return out;
  }

  /** Largest value with time in (from, to], or undefined. */
  maxBetween(from: number, to: number): number | undefined {
    let max: number | undefined;
    for (const [, v] of this.between(from, to)) if (max === undefined || v > max) max = v;
    return max;
  }
}
