/**
 * The shape of a series over one period (a day, a week): for each phase bin, how far the series sits above or below
 * its own mean over the cycle, as the median over the last `cycles` complete cycles. The time of a sample is its
 * data time (epoch ms, UTC), so replay and the live service agree.
 *
 * Memory is fixed: `bins × cycles` offsets plus one cycle of running sums, whatever the sampling interval.
 */
export class SeasonalProfile {
  private readonly binMs: number;
  /** offsets[c * bins + b]: bin b's mean less its cycle's mean, for the c-th remembered cycle (ring); NaN = none. */
  private readonly offsets: Float64Array;
  /** Running sums of the cycle being filled. */
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  private currentCycle: number | undefined;
  private nextSlot = 0;
  private completed = 0;
  /** Medians per bin, recomputed when a cycle completes. */
  private readonly shape: Float64Array;

  constructor(
    readonly periodMs: number,
    readonly bins: number,
    readonly cycles: number,
  ) {
    this.binMs = periodMs / bins;
    this.offsets = new Float64Array(bins * cycles).fill(Number.NaN);
    this.sums = new Float64Array(bins);
    this.counts = new Uint32Array(bins);
    this.shape = new Float64Array(bins).fill(Number.NaN);
  }

  /** Complete cycles seen (capped at what is remembered). */
  get cyclesSeen(): number {
    return this.completed;
  }

  /** Learns a normal sample. */
  add(time: number, value: number): void {
    const cycle = Math.floor(time / this.periodMs);
    if (this.currentCycle !== cycle) {
      if (this.currentCycle !== undefined) this.closeCycle();
      this.currentCycle = cycle;
    }
    const bin = this.binOf(time);
    this.sums[bin] = (this.sums[bin] as number) + value;
    this.counts[bin] = (this.counts[bin] as number) + 1;
  }

  /** The series' expected offset from its mean at `time`; 0 until two cycles agree on it. */
  offset(time: number): number {
    const value = this.shape[this.binOf(time)] as number;
    return Number.isNaN(value) ? 0 : value;
  }

  clear(): void {
    this.offsets.fill(Number.NaN);
    this.shape.fill(Number.NaN);
    this.sums.fill(0);
    this.counts.fill(0);
    this.currentCycle = undefined;
    this.completed = 0;
  }

  private binOf(time: number): number {
    const phase = time - Math.floor(time / this.periodMs) * this.periodMs;
    return Math.min(this.bins - 1, Math.floor(phase / this.binMs));
  }

  /** Stores the finished cycle's offsets, when it covered most of its bins, and refreshes the shape. */
  private closeCycle(): void {
    const { bins } = this;
    let filled = 0;
    let total = 0;
    for (let b = 0; b < bins; b += 1) {
      const n = this.counts[b] as number;
      if (n > 0) {
        filled += 1;
        total += (this.sums[b] as number) / n;
      }
    }
    // A cycle with most bins empty (a gap, the first partial day) says little about the shape.
    if (filled >= bins * MIN_COVERAGE) {
      const mean = total / filled;
      const base = this.nextSlot * bins;
      for (let b = 0; b < bins; b += 1) {
        const n = this.counts[b] as number;
        this.offsets[base + b] = n > 0 ? (this.sums[b] as number) / n - mean : Number.NaN;
      }
      this.nextSlot = (this.nextSlot + 1) % this.cycles;
      this.completed = Math.min(this.completed + 1, this.cycles);
      this.refreshShape();
    }
    this.sums.fill(0);
    this.counts.fill(0);
  }

  private refreshShape(): void {
    const { bins, cycles } = this;
    const column: number[] = [];
    for (let b = 0; b < bins; b += 1) {
      column.length = 0;
      for (let c = 0; c < cycles; c += 1) {
        const value = this.offsets[c * bins + b] as number;
        if (!Number.isNaN(value)) column.push(value);
      }
      this.shape[b] = column.length >= MIN_AGREEING_CYCLES ? median(column) : Number.NaN;
    }
  }
}

/** Share of a cycle's bins that must hold samples for the cycle to count. */
const MIN_COVERAGE = 0.75;
/** Cycles that must have seen a bin before its offset is trusted: one day could be anything. */
const MIN_AGREEING_CYCLES = 2;

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}
