import { ExcursionMemory, HEIGHT_FACTOR } from './excursion-memory';

const HORIZON = 80;

describe('ExcursionMemory', () => {
  it('treats the largest quiet excursion as routine at once', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(1, 4, false);
    memory.record(2, 7, false);
    memory.record(3, 5, false);
    expect(memory.routine(4)).toBe(7);
  });

  it.each<[string, number[], number]>([
    ['no opened spike', [], 0],
    ['one opened spike', [30], 0],
    ['two opened spikes', [30, 20], 20],
    ['three opened spikes', [30, 20, 25], 25],
  ])('counts opened spikes only once they recur: %s', (_label, sizes, routine) => {
    const memory = new ExcursionMemory(HORIZON);
    // Spread over buckets, so the top two are found across them and not only within one.
    sizes.forEach((size, i) => memory.record(i * 15, size, true));
    expect(memory.routine(50)).toBe(routine);
  });

  it('forgets an excursion once the horizon has passed, and not before', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(5, 9, false);
    expect(memory.routine(5 + HORIZON - HORIZON / 8)).toBe(9);
    expect(memory.routine(5 + HORIZON + 1)).toBe(0);
  });

  it('holds a new excursion only to excursions about as tall as it', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(1, 100, false, 0.05); // a long, mild drift
    memory.record(2, 10, false, 0.5); // a short, tall burst
    expect(memory.routine(3, 0.05)).toBe(100);
    expect(memory.routine(3, 0.05 * HEIGHT_FACTOR + 0.01)).toBe(10);
    expect(memory.routine(3, 0.5 * HEIGHT_FACTOR + 0.01)).toBe(0);
  });

  it('keeps a bounded number of excursions per bucket, forgetting the smallest', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(1, 50, false, 1);
    for (let i = 0; i < 20; i += 1) memory.record(1, 1 + i / 100, false, 1);
    expect(memory.routine(2, 1)).toBe(50);
  });

  it('forgets everything on clear', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(1, 9, false);
    memory.record(2, 9, true);
    memory.record(3, 9, true);
    memory.clear();
    expect(memory.routine(4)).toBe(0);
  });
});
