/**
 * A fixed-capacity first-in-first-out buffer of numbers. The detector holds the samples of the current excursion
 * here, out of the baseline, until it knows whether they are a spike; the capacity bounds that hold.
 */
export class ValueRing {
  private readonly values: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a value; when full, the oldest value leaves and is returned. */
  push(value: number): number | undefined {
    if (this.count < this.capacity) {
      this.values[(this.head + this.count) % this.capacity] = value;
      this.count += 1;
      return undefined;
    }
    const oldest = this.values[this.head] as number;
    this.values[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    return oldest;
  }

  /** Largest value held; -Infinity when empty. */
  max(): number {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.count; i += 1) max = Math.max(max, this.values[(this.head + i) % this.capacity] as number);
    return max;
  }

  /** Hands every value to `sink`, oldest first, and empties the ring. */
  drain(sink: (value: number) => void): void {
    for (let i = 0; i < this.count; i += 1) sink(this.values[(this.head + i) % this.capacity] as number);
    this.clear();
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
