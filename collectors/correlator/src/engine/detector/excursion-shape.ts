/**
 * Durations, in samples, at which an excursion is measured: how high it stayed for 1, 2, 4, … 64 samples in a row.
 * Doubling steps keep the comparison cheap and bounded while covering a blip, a burst and a plateau alike.
 */
export const DURATIONS: readonly number[] = [1, 2, 4, 8, 16, 32, 64];
export const LEVELS = DURATIONS.length;
const LONGEST = DURATIONS[LEVELS - 1] as number;

/**
 * The shape of the current excursion: for each duration d, its rise now sustained over the last d samples (the
 * smallest of the last d rises) and the most it has sustained over any d samples so far. A tall one-sample blip
 * and a modest rise that holds for an hour are then told apart by height at the durations where they differ.
 *
 * Memory is fixed: the last LONGEST rises and two numbers per duration.
 */
export class ExcursionShape {
  private readonly rises = new Float64Array(LONGEST);
  private head = 0;
  private count = 0;
  /** now[l]: the smallest of the last DURATIONS[l] rises; -Infinity until that many were seen. */
  readonly now = new Float64Array(LEVELS).fill(Number.NEGATIVE_INFINITY);
  /** mean[l]: the mean of the last DURATIONS[l] rises; -Infinity until that many were seen. */
  readonly mean = new Float64Array(LEVELS).fill(Number.NEGATIVE_INFINITY);
  /** most[l]: the largest `now[l]` this excursion reached. */
  readonly most = new Float64Array(LEVELS).fill(Number.NEGATIVE_INFINITY);

  /** The largest single rise of the excursion. */
  get peak(): number {
    return this.most[0] as number;
  }

  get length(): number {
    return this.count;
  }

  push(rise: number): void {
    this.rises[this.head] = rise;
    this.head = (this.head + 1) % LONGEST;
    this.count += 1;
    const seen = Math.min(this.count, LONGEST);
    let low = Number.POSITIVE_INFINITY;
    let sum = 0;
    let level = 0;
    for (let back = 1; back <= seen && level < LEVELS; back += 1) {
      const past = this.rises[(this.head - back + LONGEST) % LONGEST] as number;
      low = Math.min(low, past);
      sum += past;
      if (back === DURATIONS[level]) {
        this.now[level] = low;
        this.mean[level] = sum / back;
        if (low > (this.most[level] as number)) this.most[level] = low;
        level += 1;
      }
    }
  }

  reset(): void {
    this.head = 0;
    this.count = 0;
    this.now.fill(Number.NEGATIVE_INFINITY);
    this.mean.fill(Number.NEGATIVE_INFINITY);
    this.most.fill(Number.NEGATIVE_INFINITY);
  }
}
