import { Buckets, quantiles } from './quantile';

function buckets(...triples: [number, number, number][]): Buckets {
  const b = new Buckets();
  for (const [lower, upper, count] of triples) b.add(lower, upper, count);
  return b;
}

describe('quantiles from buckets', () => {
  it.each([
    // 10 in [0, .1], 20 in [.1, .2], 60 in [.2, .5], 10 in [.5, 1]: rank 50 is 20/60 into the third bucket.
    ['adjacent buckets', buckets([0, 0.1, 10], [0.1, 0.2, 20], [0.2, 0.5, 60], [0.5, 1, 10]), [0.3, 0.75]],
    ['one bucket', buckets([1, 3, 4]), [2, 2.9]],
    ['a point mass', buckets([0.25, 0.25, 7]), [0.25, 0.25]],
    ['a point mass above a ramp', buckets([0, 1, 10], [2, 2, 10]), [1, 2]],
    // Two identical layouts merged by the sweep equal one layout with doubled counts.
    ['overlapping identical buckets', buckets([0, 1, 5], [1, 2, 5], [0, 1, 5], [1, 2, 5]), [1, 1.9]],
  ])('%s', (_label, input, expected) => {
    const [p50, p95] = quantiles(input, [0.5, 0.95]) ?? [];
    expect(p50).toBeCloseTo(expected[0] as number, 9);
    expect(p95).toBeCloseTo(expected[1] as number, 9);
  });

  it('interpolates across differently shaped, overlapping buckets', () => {
    // Uniform density 10/s on [0, 1] plus 10/s on [0.5, 1.5]: half of the 20 lies below 0.75.
    const [median] = quantiles(buckets([0, 1, 10], [0.5, 1.5, 10]), [0.5]) ?? [];
    expect(median).toBeCloseTo(0.75, 9);
  });

  it('has no quantile for empty buckets', () => {
    expect(quantiles(buckets([0, 1, 0]), [0.5])).toBeUndefined();
  });
});
