import { ValueRing } from './value-ring';

describe('ValueRing', () => {
  it('returns the oldest value once full, and drains oldest first', () => {
    const ring = new ValueRing(3);
    expect([1, 2, 3].map((v) => ring.push(v))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.max()).toBe(4);
    const drained: number[] = [];
    ring.drain((v) => drained.push(v));
    expect(drained).toEqual([2, 3, 4]);
    expect(ring.size).toBe(0);
    expect(ring.max()).toBe(Number.NEGATIVE_INFINITY);
  });

  it.each([0, 2.5])('rejects a capacity of %p', (capacity) => {
    expect(() => new ValueRing(capacity)).toThrow(/positive integer/);
  });
});
