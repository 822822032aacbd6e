/** Scale factor that makes the median absolute deviation estimate a normal distribution's standard deviation. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * The last `capacity` values of a series, kept both in arrival order (to know which value leaves next) and in
 * sorted order (so the median and the MAD need no sort per sample). A push costs one binary search and one
 * `copyWithin` of at most `capacity` doubles, which for the few hundred values a baseline holds is far cheaper
 * than re-sorting; the MAD walk is linear in the window but touches only half of it.
 */
export class SortedWindow {
  private readonly arrival: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`window capacity must be a positive integer, got ${capacity}`);
    this.arrival = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a value; once full, the oldest value leaves. */
  push(value: number): void {
    if (this.count === this.capacity) {
      this.removeSorted(this.arrival[this.head] as number);
      this.arrival[this.head] = value;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.arrival[(this.head + this.count) % this.capacity] = value;
      this.count += 1;
    }
    this.insertSorted(value);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** The largest value held; NaN when empty. */
  max(): number {
    return this.count === 0 ? Number.NaN : (this.sorted[this.count - 1] as number);
  }

  /** Median of the values held; NaN when empty. */
  median(): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const mid = n >> 1;
    const upper = this.sorted[mid] as number;
    return n % 2 === 1 ? upper : ((this.sorted[mid - 1] as number) + upper) / 2;
  }

  /** Median absolute deviation from `center` (the median). */
  mad(center: number = this.median()): number {
    return this.deviationQuantile(0.5, center);
  }

  /**
   * The q-quantile of the absolute deviations from `center` (nearest rank, the two middle ones averaged for the
   * median). The deviations below and above the center are each already sorted when read outward from it, so the
   * k smallest are found by merging the two outward walks — no second sort; the walk touches q of the window.
   */
  deviationQuantile(q: number, center: number = this.median()): number {
    const n = this.count;
    if (n === 0) return Number.NaN;
    const s = this.sorted;
    let below = lowerBound(s, n, center) - 1;
    let above = below + 1;
    const even = q === 0.5 && n % 2 === 0;
    const rank = q === 0.5 ? n >> 1 : Math.min(n - 1, Math.floor(q * n));
    let previous = 0;
    let current = 0;
    for (let taken = 0; taken <= rank; taken += 1) {
      previous = current;
      const down = below >= 0 ? center - (s[below] as number) : Number.POSITIVE_INFINITY;
      const up = above < n ? (s[above] as number) - center : Number.POSITIVE_INFINITY;
      if (down <= up) {
        current = down;
        below -= 1;
      } else {
        current = up;
        above += 1;
      }
    }
    return even ? (previous + current) / 2 : current;
  }

  private insertSorted(value: number): void {
    const at = lowerBound(this.sorted, this.count - 1, value);
    this.sorted.copyWithin(at + 1, at, this.count - 1);
    this.sorted[at] = value;
  }

  private removeSorted(value: number): void {
    const at = lowerBound(this.sorted, this.count, value);
    this.sorted.copyWithin(at, at + 1, this.count);
  }
}

/** First index in sorted[0, length) whose value is not less than `value`. */
function lowerBound(sorted: Float64Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
