/**
 * A fixed-capacity first-in-first-out buffer of (time, value) samples. The detector holds the samples of the
 * current excursion here, out of the baseline, until it knows whether they are a spike; the capacity bounds that
 * hold.
 */
export class SampleRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a sample; when full, the oldest sample leaves and is handed to `evicted`. */
  push(time: number, value: number, evicted?: (time: number, value: number) => void): void {
    if (this.count < this.capacity) {
      const at = (this.head + this.count) % this.capacity;
      this.times[at] = time;
      this.values[at] = value;
      this.count += 1;
      return;
    }
    const oldTime = this.times[this.head] as number;
    const oldValue = this.values[this.head] as number;
    this.times[this.head] = time;
    this.values[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    evicted?.(oldTime, oldValue);
  }

  /** Largest value held; -Infinity when empty. */
  max(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.count; i += 1) max = Math.max(max, this.values[(this.head + i) % this.capacity] as number);
    return max;
  }

  /**
   * Time of the oldest sample of the newest run of samples whose values all pass `test`; undefined when the newest
   * sample does not.
   */
  runStart(test: (value: number) => boolean): number | undefined {
    let start: number | undefined;
    for (let i = this.count - 1; i >= 0; i -= 1) {
      const at = (this.head + i) % this.capacity;
      if (!test(this.values[at] as number)) break;
      start = this.times[at] as number;
    }
    return start;
  }

  /** Hands the newest `last` samples (all by default) to `sink`, oldest first, and empties the ring. */
  drain(sink: (time: number, value: number) => void, last = this.count): void {
    for (let i = Math.max(0, this.count - last); i < this.count; i += 1) {
      const at = (this.head + i) % this.capacity;
      sink(this.times[at] as number, this.values[at] as number);
    }
    this.clear();
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
