import { ExcursionMemory } from './excursion-memory';
import { LEVELS } from './excursion-shape';

/** An excursion that held `heights[l]` for DURATIONS[l] samples (missing durations: it never lasted that long). */
function shape(...heights: number[]): Float64Array {
  const out = new Float64Array(LEVELS).fill(Number.NEGATIVE_INFINITY);
  heights.forEach((h, l) => (out[l] = h));
  return out;
}

function routine(memory: ExcursionMemory, sample: number): number[] {
  return [...memory.routine(sample, new Float64Array(LEVELS))];
}

describe('ExcursionMemory', () => {
  it('holds the tallest quiet excursion per duration at once, and nothing for durations never reached', () => {
    const memory = new ExcursionMemory(800);
    memory.record(10, shape(0.5, 0.2), false);
    memory.record(20, shape(0.3, 0.3, 0.1), false);
    expect(routine(memory, 30)).toEqual([0.5, 0.3, 0.1, 0, 0, 0, 0]);
  });

  it.each<[string, number, number]>([
    ['no opened spike', 0, 0],
    ['one opened spike', 1, 0],
    ['two opened spikes', 2, 0.6],
    ['three opened spikes', 3, 0.7],
  ])('counts opened spikes only once they recur: %s', (_label, opened, expected) => {
    const memory = new ExcursionMemory(800);
    const heights = [0.6, 0.8, 0.7];
    for (let i = 0; i < opened; i += 1) memory.record(10 + i, shape(heights[i] as number), true);
    expect(routine(memory, 50)[0]).toBeCloseTo(expected);
  });

  it('finds the second tallest opened spike across buckets', () => {
    const memory = new ExcursionMemory(800);
    memory.record(10, shape(0.9), true);
    memory.record(150, shape(0.4), true);
    memory.record(350, shape(0.7), true);
    expect(routine(memory, 400)[0]).toBeCloseTo(0.7);
  });

  it('forgets an excursion once the horizon has passed, and not before', () => {
    const memory = new ExcursionMemory(800);
    memory.record(5, shape(1), false);
    expect(routine(memory, 700)[0]).toBe(1);
    expect(routine(memory, 900)[0]).toBe(0);
  });

  it('counts a negative held rise as no height', () => {
    const memory = new ExcursionMemory(800);
    memory.record(5, shape(0.4, -0.1), false);
    expect(routine(memory, 6).slice(0, 2)).toEqual([0.4, 0]);
  });

  it('forgets everything on clear', () => {
    const memory = new ExcursionMemory(800);
    memory.record(5, shape(1, 1), false);
    memory.clear();
    expect(routine(memory, 6)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
