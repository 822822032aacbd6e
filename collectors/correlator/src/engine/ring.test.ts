import { TimeValueRing } from './ring';

describe('TimeValueRing', () => {
  it('keeps every pair in order while it grows, then only the newest `capacity` pairs', () => {
    const ring = new TimeValueRing(100);
    for (let t = 1; t <= 70; t++) ring.push(t, t * 10);
    expect(ring.size).toBe(70);
    expect(ring.between(0, 1000).map(([t]) => t)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    for (let t = 71; t <= 250; t++) ring.push(t, t * 10);
    expect(ring.size).toBe(100);
    expect(ring.firstTime()).toBe(151);
    expect(ring.lastTime()).toBe(250);
    expect(ring.sumBetween(240, 250)).toBe((241 + 250) * 5 * 10);
    expect(ring.between(0, 1000)).toHaveLength(100);
  });

  it('evicts the oldest pair once full, even below its first growth size', () => {
    const ring = new TimeValueRing(3);
    for (let t = 1; t <= 5; t++) ring.push(t, t);
    expect(ring.between(0, 10)).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });
});
