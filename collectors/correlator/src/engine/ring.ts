/** Pairs a ring holds before its first growth: most process rings never need more (short-lived processes). */
const INITIAL_SLOTS = 16;

/**
 * A bounded ring of (time, value) pairs in time order, for per-series history. Bounded memory is the point: the
 * oldest pair is overwritten once the ring holds `capacity` pairs. Storage grows by doubling up to `capacity`, so
 * thousands of short-lived or newly seen processes cost a few hundred bytes each, not the full history.
 */
export class TimeValueRing {
  private times: Float64Array;
  private values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    const slots = Math.min(capacity, INITIAL_SLOTS);
    this.times = new Float64Array(slots);
    this.values = new Float64Array(slots);
  }

  get size(): number {
    return this.count;
  }

  push(time: number, value: number): void {
    if (this.count === this.times.length && this.count < this.capacity) this.grow();
    const slots = this.times.length;
    const index = (this.head + this.count) % slots;
    this.times[index] = time;
    this.values[index] = value;
    if (this.count < slots) this.count += 1;
    else this.head = (this.head + 1) % slots;
  }

  /** Doubles the storage (up to capacity), laying the pairs out oldest first. */
  private grow(): void {
    const slots = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(slots);
    const values = new Float64Array(slots);
    for (let i = 0; i < this.count; i += 1) {
      const index = (this.head + i) % this.times.length;
      times[i] = this.times[index] as number;
      values[i] = this.values[index] as number;
    }
    this.times = times;
    this.values = values;
    this.head = 0;
  }

  lastTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[(this.head + this.count - 1) % this.times.length];
  }

  firstTime(): number | undefined {
    return this.count === 0 ? undefined : this.times[this.head];
  }

  /** Sum of values whose time lies in (from, to]. */
  sumBetween(from: number, to: number): number {
    let total = 0;
    for (let i = this.count - 1; i >= 0; i -= 1) {
      const index = (this.head + i) % this.times.length;
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
      const index = (this.head + i) % this.times.length;
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
