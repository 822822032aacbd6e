import { SampleRing } from './sample-ring';

function drained(ring: SampleRing, last?: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  ring.drain((time, value) => out.push([time, value]), last);
  return out;
}

describe('SampleRing', () => {
  it('keeps the newest samples in order and hands the evicted ones on', () => {
    const ring = new SampleRing(3);
    const evicted: Array<[number, number]> = [];
    for (let i = 1; i <= 5; i += 1) ring.push(i, i * 10, (t, v) => evicted.push([t, v]));
    expect(evicted).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(ring.max()).toBe(50);
    expect(drained(ring)).toEqual([
      [3, 30],
      [4, 40],
      [5, 50],
    ]);
    expect(ring.size).toBe(0);
    expect(ring.max()).toBe(Number.NEGATIVE_INFINITY);
  });

  it('drains only the newest samples when asked, and empties all the same', () => {
    const ring = new SampleRing(4);
    for (let i = 1; i <= 6; i += 1) ring.push(i, i);
    expect(drained(ring, 2)).toEqual([
      [5, 5],
      [6, 6],
    ]);
    expect(ring.size).toBe(0);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new SampleRing(0)).toThrow('ring capacity must be a positive integer, got 0');
  });
});
