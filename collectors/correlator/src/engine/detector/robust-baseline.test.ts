import { RobustBaseline } from './robust-baseline';

const floors = { minRise: 0.01, minRelativeRise: 0.1, referenceSigmas: 2 };

describe('RobustBaseline', () => {
  it.each<[string, number[], number, number]>([
    // MAD of [1,2,3,4,100] is 1: the outlier moves neither level nor scale.
    ['a noisy series, by its MAD', [1, 2, 3, 4, 100], 3, 1.4826],
    // Flat at 5: the relative floor, 10 % of 5, divided by the reference.
    ['a flat series, by its relative floor', [5, 5, 5, 5], 5, 0.25],
    // Flat at 0: the absolute floor divided by the reference.
    ['a flat series at zero, by its absolute floor', [0, 0, 0], 0, 0.005],
  ])('scales %s', (_label, values, level, scale) => {
    const baseline = new RobustBaseline(10, floors);
    values.forEach((v) => baseline.add(v));
    expect(baseline.current().level).toBe(level);
    expect(baseline.current().scale).toBeCloseTo(scale, 10);
  });

  it('recomputes after every change, and forgets on clear', () => {
    const baseline = new RobustBaseline(3, floors);
    [1, 1, 1].forEach((v) => baseline.add(v));
    expect(baseline.current().level).toBe(1);
    [7, 7].forEach((v) => baseline.add(v));
    expect(baseline.current().level).toBe(7);
    baseline.clear();
    expect(baseline.size).toBe(0);
    expect(baseline.current().level).toBeNaN();
  });
});
