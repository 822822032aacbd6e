import { uniform } from './__fixtures__/synthetic';
import { SortedWindow } from './sorted-window';

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

describe('SortedWindow', () => {
  it.each([1, 2, 3, 7, 8, 120])('matches a sort-based median and MAD over the last %i values', (capacity) => {
    const window = new SortedWindow(capacity);
    const next = uniform(capacity);
    const pushed: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      // Rounded values so that ties, which the removal must handle, are common.
      const value = Math.round(next() * 20) / 4;
      window.push(value);
      pushed.push(value);
      const held = pushed.slice(-capacity);
      const m = median(held);
      expect(window.size).toBe(held.length);
      expect(window.median()).toBe(m);
      expect(window.mad()).toBeCloseTo(median(held.map((v) => Math.abs(v - m))), 12);
    }
  });

  it('is empty after clear, and reports NaN statistics when empty', () => {
    const window = new SortedWindow(4);
    window.push(1);
    window.push(2);
    window.clear();
    expect(window.size).toBe(0);
    expect(window.median()).toBeNaN();
    expect(window.mad()).toBeNaN();
    window.push(3);
    expect(window.median()).toBe(3);
    expect(window.mad()).toBe(0);
  });

  it.each([0, -1, 1.5])('rejects a capacity of %p', (capacity) => {
    expect(() => new SortedWindow(capacity)).toThrow(/positive integer/);
  });
});
