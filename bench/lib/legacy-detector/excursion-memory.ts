/**
 * Memory of a series' recent excursions — runs where the CUSUM evidence left zero — so that what a series does
 * routinely (an hourly batch job, a job runner's bursts) stops counting as a spike after it has been seen.
 *
 * Each excursion is remembered by its size (the evidence it accumulated) and its height (its largest rise above
 * the baseline, in the series' unit). Only excursions about as tall as the current one make it routine: a long,
 * mild drift accumulates as much evidence as a tall burst, but it says nothing about a rise ten times higher.
 *
 * Two kinds are kept apart on purpose:
 * - an excursion that never opened a spike is normal by definition, so the largest one sets the bar;
 * - a spike that did open is evidence of normality only once it recurs, so only the second-largest opened
 *   spike sets the bar. One real incident must not make the next one invisible.
 *
 * The horizon is split into a fixed number of buckets, each remembering a few excursions, so memory is constant
 * however many excursions a series has; an excursion is forgotten when its bucket is reused, between
 * `horizonSamples - span` and `horizonSamples` samples after it ended.
 */

/** Buckets per horizon: more buckets forget more precisely; eight keep the error under an eighth of the horizon. */
const MEMORY_BUCKETS = 8;
/** Excursions kept per bucket; when full, the smallest is forgotten first. */
const PER_BUCKET = 6;
/**
 * An excursion is routine for a new one only if it rose at least 1/HEIGHT_FACTOR as high: recurring jobs vary in
 * height from run to run, but a rise twice as high as anything seen before is something new.
 */
export const HEIGHT_FACTOR = 2;

interface Excursion {
  size: number;
  height: number;
  opened: boolean;
}

export class ExcursionMemory {
  private readonly span: number;
  // -Infinity marks a bucket that holds nothing, whatever the current epoch.
  private readonly epochs = new Float64Array(MEMORY_BUCKETS).fill(Number.NEGATIVE_INFINITY);
  private readonly buckets: Excursion[][] = Array.from({ length: MEMORY_BUCKETS }, () => []);

  constructor(horizonSamples: number) {
    this.span = Math.max(1, Math.ceil(horizonSamples / MEMORY_BUCKETS));
  }

  /** Remembers an excursion of `size` and `height` that ended at sample number `sample`. */
  record(sample: number, size: number, opened: boolean, height = Number.POSITIVE_INFINITY): void {
    const bucket = this.bucketFor(sample);
    bucket.push({ size, height, opened });
    if (bucket.length > PER_BUCKET) {
      let smallest = 0;
      for (let i = 1; i < bucket.length; i += 1) {
        if ((bucket[i] as Excursion).size < (bucket[smallest] as Excursion).size) smallest = i;
      }
      bucket.splice(smallest, 1);
    }
  }

  /**
   * The size of excursion this series has shown to be routine, within the horizon before sample `sample`, for an
   * excursion that has risen `height` so far; 0 if none.
   */
  routine(sample: number, height = 0): number {
    const epoch = Math.floor(sample / this.span);
    let quiet = 0;
    let first = 0;
    let second = 0;
    for (let b = 0; b < MEMORY_BUCKETS; b += 1) {
      if ((this.epochs[b] as number) <= epoch - MEMORY_BUCKETS) continue;
      for (const excursion of this.buckets[b] as Excursion[]) {
        if (excursion.height * HEIGHT_FACTOR < height) continue;
        if (!excursion.opened) {
          quiet = Math.max(quiet, excursion.size);
        } else if (excursion.size >= first) {
          second = first;
          first = excursion.size;
        } else {
          second = Math.max(second, excursion.size);
        }
      }
    }
    return Math.max(quiet, second);
  }

  clear(): void {
    this.epochs.fill(Number.NEGATIVE_INFINITY);
  }

  private bucketFor(sample: number): Excursion[] {
    const epoch = Math.floor(sample / this.span);
    const index = epoch % MEMORY_BUCKETS;
    const bucket = this.buckets[index] as Excursion[];
    if (this.epochs[index] !== epoch) {
      this.epochs[index] = epoch;
      bucket.length = 0;
    }
    return bucket;
  }
}
