import { ExcursionMemory } from './excursion-memory';

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

  it('forgets everything on clear', () => {
    const memory = new ExcursionMemory(HORIZON);
    memory.record(1, 9, false);
    memory.record(2, 9, true);
    memory.record(3, 9, true);
    memory.clear();
    expect(memory.routine(4)).toBe(0);
  });
});
