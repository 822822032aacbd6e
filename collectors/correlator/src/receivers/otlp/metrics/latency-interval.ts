import type { ExponentialSnapshot, HistogramSnapshot } from './histogram-point';
import { MAX_BUCKETS } from './histogram-point';
import { Buckets } from './quantile';

/**
 * Widest index range of the merged exponential buckets. Attribute sets whose buckets lie far apart would
 * otherwise need a huge dense array; past this width the merge drops to a coarser scale (as the SDKs do), which
 * halves the range per step and stays exact about counts.
 */
const MAX_MERGED_RANGE = 4 * MAX_BUCKETS;

/**
 * Everything one service instance (one resource) observed for one latency metric over one interval, merged
 * across attribute sets (routes, methods, status codes). Explicit histograms that share a layout are summed
 * bucket by bucket; exponential ones are merged at the coarsest scale seen (exact: buckets nest); any other
 * layout is kept as its own buckets, which the quantile sweep handles.
 */
export class LatencyInterval {
  private bounds: number[] | undefined;
  private counts: number[] | undefined;
  private readonly other = new Buckets();
  private scale: number | undefined;
  /** Merged exponential counts: `dense[i]` is bucket `offset + i` at `scale`. */
  private offset = 0;
  private dense: number[] = [];
  private zeroCount = 0;
  private zeroThreshold = 0;
  /** Sum and count of the requests, while every merged point carried a sum. */
  private sum = 0;
  private count = 0;
  private summed = true;

  constructor(
    readonly time: number,
    readonly metric: string,
    /** Seconds per unit of the metric's values. */
    readonly secondsPerUnit: number,
  ) {}

  add(snapshot: HistogramSnapshot): void {
    if (snapshot.sum === undefined) this.summed = false;
    else this.sum += snapshot.sum;
    this.count += snapshot.total;
    if (snapshot.kind === 'exponential') return this.addExponential(snapshot);
    if (this.bounds === undefined || this.counts === undefined) {
      this.bounds = snapshot.bounds;
      this.counts = snapshot.counts.slice();
      return;
    }
    if (sameBounds(this.bounds, snapshot.bounds)) {
      const counts = this.counts;
      for (let i = 0; i < counts.length; i++) counts[i] = (counts[i] as number) + (snapshot.counts[i] as number);
      return;
    }
    addExplicitBuckets(this.other, snapshot.bounds, snapshot.counts, this.secondsPerUnit);
  }

  /**
   * Mean request duration in seconds (sum / count): exact whatever the bucket layout or the number of requests,
   * where a bucket quantile of a handful of requests can only name a bucket. Undefined when a point had no sum.
   */
  mean(): number | undefined {
    return this.summed && this.count > 0 ? (this.sum / this.count) * this.secondsPerUnit : undefined;
  }

  /** All buckets, in seconds. */
  buckets(): Buckets {
    const out = new Buckets();
    for (let i = 0; i < this.other.flat.length; i += 3) {
      out.add(this.other.flat[i] as number, this.other.flat[i + 1] as number, this.other.flat[i + 2] as number);
    }
    if (this.bounds !== undefined && this.counts !== undefined) {
      addExplicitBuckets(out, this.bounds, this.counts, this.secondsPerUnit);
    }
    if (this.scale !== undefined) {
      const unit = this.secondsPerUnit;
      out.add(0, this.zeroThreshold * unit, this.zeroCount);
      const step = 2 ** -this.scale;
      for (let i = 0; i < this.dense.length; i++) {
        const index = this.offset + i;
        // Merging far below the data model's scales can push an edge past the largest double: clamp, stay finite.
        const lower = Math.min(2 ** (index * step) * unit, Number.MAX_VALUE);
        const upper = Math.min(2 ** ((index + 1) * step) * unit, Number.MAX_VALUE);
        out.add(lower, upper, this.dense[i] as number);
      }
    }
    return out;
  }

  private addExponential(snapshot: ExponentialSnapshot): void {
    const n = snapshot.counts.length;
    this.zeroCount += snapshot.zeroCount;
    this.zeroThreshold = Math.max(this.zeroThreshold, snapshot.zeroThreshold);
    if (this.scale === undefined) {
      this.scale = snapshot.scale;
      this.offset = snapshot.offset;
    }
    if (snapshot.scale < this.scale) this.downscale(this.scale - snapshot.scale);
    if (n === 0) return;
    // The snapshot's buckets map onto ours by dividing their index by 2^(its scale - ours).
    let factor = 2 ** (snapshot.scale - this.scale);
    let first = Math.floor(snapshot.offset / factor);
    let last = Math.floor((snapshot.offset + n - 1) / factor);
    for (;;) {
      const low = this.dense.length === 0 ? first : Math.min(first, this.offset);
      const high = this.dense.length === 0 ? last : Math.max(last, this.offset + this.dense.length - 1);
      if (high - low < MAX_MERGED_RANGE) {
        this.cover(low, high);
        break;
      }
      this.downscale(1);
      factor *= 2;
      first = Math.floor(first / 2);
      last = Math.floor(last / 2);
    }
    const dense = this.dense;
    for (let i = 0; i < n; i++) {
      const count = snapshot.counts[i] as number;
      if (count === 0) continue;
      const j = Math.floor((snapshot.offset + i) / factor) - this.offset;
      dense[j] = (dense[j] as number) + count;
    }
  }

  /** Grows the dense array (zero-filled) to span bucket indexes low..high. */
  private cover(low: number, high: number): void {
    if (this.dense.length === 0) {
      this.offset = low;
      this.dense = new Array<number>(high - low + 1).fill(0);
      return;
    }
    if (low < this.offset) {
      this.dense = new Array<number>(this.offset - low).fill(0).concat(this.dense);
      this.offset = low;
    }
    while (this.offset + this.dense.length - 1 < high) this.dense.push(0);
  }

  /** Merges the buckets `by` scale steps coarser: bucket i becomes bucket floor(i / 2^by). */
  private downscale(by: number): void {
    if (this.scale === undefined) return;
    this.scale -= by;
    if (this.dense.length === 0) return;
    const factor = 2 ** by;
    const offset = Math.floor(this.offset / factor);
    const merged = new Array<number>(Math.floor((this.offset + this.dense.length - 1) / factor) - offset + 1).fill(0);
    for (let i = 0; i < this.dense.length; i++) {
      const j = Math.floor((this.offset + i) / factor) - offset;
      merged[j] = (merged[j] as number) + (this.dense[i] as number);
    }
    this.offset = offset;
    this.dense = merged;
  }
}

function sameBounds(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Explicit bucket i spans (bounds[i-1], bounds[i]]. Durations are never negative, so the first bucket starts at 0
 * (or is a point at its bound when that is 0 or below). The overflow bucket has no upper edge: it counts as a
 * point at the highest bound, as Prometheus reports quantiles that fall in its +Inf bucket.
 */
function addExplicitBuckets(out: Buckets, bounds: number[], counts: number[], unit: number): void {
  const n = bounds.length;
  for (let i = 0; i <= n; i++) {
    const count = counts[i] as number;
    if (!(count > 0)) continue;
    const upper = bounds[Math.min(i, n - 1)] as number;
    let lower: number;
    if (i === 0) lower = upper > 0 ? 0 : upper;
    else if (i === n) lower = upper;
    else lower = bounds[i - 1] as number;
    out.add(lower * unit, upper * unit, count);
  }
}
