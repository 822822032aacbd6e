import { LEVELS } from './excursion-shape';

/**
 * Memory of how high a series' recent excursions stayed, duration by duration (see ExcursionShape), so that what
 * a series does routinely — an hourly batch job, a job runner's bursts, a noisy host's wiggles — stops counting as
 * a spike once seen, while a rise taller than any of them *for as long* is news at once. Height and duration are
 * judged together: a thousand one-sample blips to 30 % say nothing about 25 % held for an hour.
 *
 * Two kinds are kept apart on purpose:
 * - an excursion that never opened a spike is normal by definition: the tallest sets the bar;
 * - a spike that did open is evidence of normality only once it recurs, so only the second tallest opened spike
 *   sets the bar. One real incident must not make the next one invisible.
 *
 * The horizon is split into a fixed number of buckets, each holding per-duration maxima, so memory is constant
 * however many excursions a series has; an excursion is forgotten when its bucket is reused, between
 * `horizonSamples - span` and `horizonSamples` samples after it ended.
 */

/** Buckets per horizon: more buckets forget more precisely; eight keep the error under an eighth of the horizon. */
const MEMORY_BUCKETS = 8;

export class ExcursionMemory {
  private readonly span: number;
  // -Infinity marks a bucket that holds nothing, whatever the current epoch.
  private readonly epochs = new Float64Array(MEMORY_BUCKETS).fill(Number.NEGATIVE_INFINITY);
  /** Per bucket and duration: the tallest quiet excursion, and the two tallest opened spikes. */
  private readonly quiet = new Float64Array(MEMORY_BUCKETS * LEVELS);
  private readonly first = new Float64Array(MEMORY_BUCKETS * LEVELS);
  private readonly second = new Float64Array(MEMORY_BUCKETS * LEVELS);

  constructor(horizonSamples: number) {
    this.span = Math.max(1, Math.ceil(horizonSamples / MEMORY_BUCKETS));
  }

  /** Remembers an excursion that ended at sample number `sample`, by the heights it sustained per duration. */
  record(sample: number, most: Float64Array, opened: boolean): void {
    const base = this.bucketFor(sample) * LEVELS;
    for (let l = 0; l < LEVELS; l += 1) {
      const height = Math.max(0, most[l] as number);
      const at = base + l;
      if (!opened) {
        this.quiet[at] = Math.max(this.quiet[at] as number, height);
      } else if (height >= (this.first[at] as number)) {
        this.second[at] = this.first[at] as number;
        this.first[at] = height;
      } else {
        this.second[at] = Math.max(this.second[at] as number, height);
      }
    }
  }

  /** The height per duration this series has shown to be routine within the horizon before `sample`, into `out`. */
  routine(sample: number, out: Float64Array): Float64Array {
    const epoch = Math.floor(sample / this.span);
    out.fill(0);
    for (let l = 0; l < LEVELS; l += 1) {
      let quiet = 0;
      let first = 0;
      let second = 0;
      for (let b = 0; b < MEMORY_BUCKETS; b += 1) {
        if ((this.epochs[b] as number) <= epoch - MEMORY_BUCKETS) continue;
        const at = b * LEVELS + l;
        quiet = Math.max(quiet, this.quiet[at] as number);
        const top = this.first[at] as number;
        if (top >= first) {
          second = Math.max(second, first, this.second[at] as number);
          first = top;
        } else {
          second = Math.max(second, top);
        }
      }
      out[l] = Math.max(quiet, second);
    }
    return out;
  }

  clear(): void {
    this.epochs.fill(Number.NEGATIVE_INFINITY);
  }

  private bucketFor(sample: number): number {
    const epoch = Math.floor(sample / this.span);
    const index = epoch % MEMORY_BUCKETS;
    if (this.epochs[index] !== epoch) {
      this.epochs[index] = epoch;
      this.quiet.fill(0, index * LEVELS, (index + 1) * LEVELS);
      this.first.fill(0, index * LEVELS, (index + 1) * LEVELS);
      this.second.fill(0, index * LEVELS, (index + 1) * LEVELS);
    }
    return index;
  }
}
