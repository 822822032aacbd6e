/**
 * Memory of a series' recent excursions — runs where the CUSUM evidence left zero — so that what a series does
 * routinely (an hourly batch job, a job runner's bursts) stops counting as a spike after it has been seen.
 *
 * Two kinds are kept apart on purpose:
 * - an excursion that never opened a spike is normal by definition, so the largest one sets the bar;
 * - a spike that did open is evidence of normality only once it recurs, so only the second-largest opened
 *   spike sets the bar. One real incident must not make the next one invisible.
 *
 * The horizon is split into a fixed number of buckets, each remembering only its largest sizes, so memory is
 * constant however many excursions a series has; an excursion is forgotten when its bucket is reused, between
 * `horizonSamples - span` and `horizonSamples` samples after it ended.
 */

/** Buckets per horizon: more buckets forget more precisely; eight keep the error under an eighth of the horizon. */
const MEMORY_BUCKETS = 8;

export class ExcursionMemory {
  private readonly span: number;
  // -Infinity marks a bucket that holds nothing, whatever the current epoch.
  private readonly epochs = new Float64Array(MEMORY_BUCKETS).fill(Number.NEGATIVE_INFINITY);
  private readonly quiet = new Float64Array(MEMORY_BUCKETS);
  private readonly openedFirst = new Float64Array(MEMORY_BUCKETS);
  private readonly openedSecond = new Float64Array(MEMORY_BUCKETS);

  constructor(horizonSamples: number) {
    this.span = Math.max(1, Math.ceil(horizonSamples / MEMORY_BUCKETS));
  }

  /** Remembers an excursion of `size` that ended at sample number `sample`. */
  record(sample: number, size: number, opened: boolean): void {
    const bucket = this.bucketFor(sample);
    if (!opened) {
      this.quiet[bucket] = Math.max(this.quiet[bucket] as number, size);
    } else if (size > (this.openedFirst[bucket] as number)) {
      this.openedSecond[bucket] = this.openedFirst[bucket] as number;
      this.openedFirst[bucket] = size;
    } else if (size > (this.openedSecond[bucket] as number)) {
      this.openedSecond[bucket] = size;
    }
  }

  /** The size of excursion this series has shown to be routine within the horizon before sample `sample`; 0 if none. */
  routine(sample: number): number {
    const epoch = Math.floor(sample / this.span);
    let quiet = 0;
    let first = 0;
    let second = 0;
    for (let b = 0; b < MEMORY_BUCKETS; b += 1) {
      if ((this.epochs[b] as number) <= epoch - MEMORY_BUCKETS) continue;
      quiet = Math.max(quiet, this.quiet[b] as number);
      // Top two opened sizes over all buckets, from each bucket's own top two.
      const a = this.openedFirst[b] as number;
      const c = this.openedSecond[b] as number;
      if (a >= first) {
        second = Math.max(first, c);
        first = a;
      } else {
        second = Math.max(second, a);
      }
    }
    return Math.max(quiet, second);
  }

  clear(): void {
    this.epochs.fill(Number.NEGATIVE_INFINITY);
  }

  private bucketFor(sample: number): number {
    const epoch = Math.floor(sample / this.span);
    const bucket = epoch % MEMORY_BUCKETS;
    if (this.epochs[bucket] !== epoch) {
      this.epochs[bucket] = epoch;
      this.quiet[bucket] = 0;
      this.openedFirst[bucket] = 0;
      this.openedSecond[bucket] = 0;
    }
    return bucket;
  }
}
