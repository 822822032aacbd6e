import type { ExponentialSnapshot, HistogramSnapshot } from './histogram-point';
import { Buckets } from './quantile';

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
  private readonly exponential = new Map<number, number>();
  private zeroCount = 0;
  private zeroThreshold = 0;

  constructor(
    readonly time: number,
    readonly metric: string,
    /** Seconds per unit of the metric's values. */
    readonly secondsPerUnit: number,
  ) {}

  add(snapshot: HistogramSnapshot): void {
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
      for (const [index, count] of this.exponential)
        out.add(2 ** (index * step) * unit, 2 ** ((index + 1) * step) * unit, count);
    }
    return out;
  }

  private addExponential(snapshot: ExponentialSnapshot): void {
    if (this.scale === undefined) this.scale = snapshot.scale;
    if (snapshot.scale < this.scale) {
      const by = this.scale - snapshot.scale;
      const merged = [...this.exponential];
      this.exponential.clear();
      for (const [index, count] of merged) this.addBucket(Math.floor(index / 2 ** by), count);
      this.scale = snapshot.scale;
    }
    const factor = 2 ** (snapshot.scale - this.scale);
    for (let i = 0; i < snapshot.counts.length; i++) {
      const count = snapshot.counts[i] as number;
      if (count > 0) this.addBucket(Math.floor((snapshot.offset + i) / factor), count);
    }
    this.zeroCount += snapshot.zeroCount;
    this.zeroThreshold = Math.max(this.zeroThreshold, snapshot.zeroThreshold);
  }

  private addBucket(index: number, count: number): void {
    this.exponential.set(index, (this.exponential.get(index) ?? 0) + count);
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
