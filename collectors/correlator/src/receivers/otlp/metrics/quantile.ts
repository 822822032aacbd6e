/**
 * Quantiles of a distribution known only as buckets, by linear interpolation inside the bucket where the rank
 * falls (what Prometheus' histogram_quantile does for classic buckets).
 *
 * Buckets are given flattened as `[lower, upper, count, lower, upper, count, ...]`. They may overlap (several
 * attribute sets of one service with different layouts, or explicit and exponential histograms merged), so
 * the cumulative count is built as a sum of per-bucket ramps and swept once in order of position: each bucket
 * adds `count / (upper - lower)` to the slope over its span; a bucket with `lower === upper` is a point mass.
 * For non-overlapping buckets this is exactly the textbook interpolation.
 */
export class Buckets {
  readonly flat: number[] = [];
  total = 0;

  add(lower: number, upper: number, count: number): void {
    if (!(count > 0)) return;
    this.flat.push(lower, upper, count);
    this.total += count;
  }
}

/** Values at the given quantiles (ascending, each in 0..1); undefined when the buckets hold nothing. */
export function quantiles(buckets: Buckets, qs: readonly number[]): number[] | undefined {
  const flat = buckets.flat;
  if (buckets.total <= 0 || flat.length === 0) return undefined;
  // Events: position, slope change, jump. Sorted through an index permutation to avoid per-event objects.
  const positions: number[] = [];
  const slopes: number[] = [];
  const jumps: number[] = [];
  for (let i = 0; i < flat.length; i += 3) {
    const lower = flat[i] as number;
    const upper = flat[i + 1] as number;
    const count = flat[i + 2] as number;
    if (upper > lower) {
      const slope = count / (upper - lower);
      positions.push(lower, upper);
      slopes.push(slope, -slope);
      jumps.push(0, 0);
    } else {
      positions.push(lower);
      slopes.push(0);
      jumps.push(count);
    }
  }
  const order = positions.map((_, i) => i).sort((a, b) => (positions[a] as number) - (positions[b] as number));

  const targets = qs.map((q) => q * buckets.total);
  const out: number[] = [];
  let cdf = 0;
  let slope = 0;
  let previous = positions[order[0] as number] as number;
  let k = 0;
  while (k < order.length && out.length < targets.length) {
    const x = positions[order[k] as number] as number;
    if (slope > 0 && x > previous) {
      const gain = slope * (x - previous);
      while (out.length < targets.length && cdf + gain >= (targets[out.length] as number)) {
        out.push(previous + ((targets[out.length] as number) - cdf) / slope);
      }
      cdf += gain;
    }
    // Every event at this position: point masses first, then slope changes.
    let jump = 0;
    for (; k < order.length && positions[order[k] as number] === x; k++) {
      const e = order[k] as number;
      jump += jumps[e] as number;
      slope += slopes[e] as number;
    }
    while (jump > 0 && out.length < targets.length && cdf + jump >= (targets[out.length] as number)) out.push(x);
    cdf += jump;
    previous = x;
  }
  // Rounding can leave the top target a hair above the final cumulative count: it sits at the last edge.
  while (out.length < targets.length) out.push(previous);
  return out;
}
