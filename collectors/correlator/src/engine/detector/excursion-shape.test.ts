import { DURATIONS, ExcursionShape, LEVELS } from './excursion-shape';

describe('ExcursionShape', () => {
  it('measures the rise held over the last 1, 2, 4 … samples, and the most held so far', () => {
    const shape = new ExcursionShape();
    for (const rise of [1, 5, 4, 4, 2]) shape.push(rise);
    expect(shape.now[0]).toBe(2);
    expect(shape.now[1]).toBe(2);
    expect(shape.now[2]).toBe(2);
    expect(shape.now[3]).toBe(Number.NEGATIVE_INFINITY);
    expect(shape.most[0]).toBe(5);
    expect(shape.most[1]).toBe(4);
    expect(shape.most[2]).toBe(2);
    expect(shape.peak).toBe(5);
    expect(shape.length).toBe(5);
    // The mean of the last 1, 2, 4 rises: what materiality judges when materialOnMean asks for it.
    expect(shape.mean[0]).toBe(2);
    expect(shape.mean[1]).toBe(3);
    expect(shape.mean[2]).toBe(3.75);
    expect(shape.mean[3]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('keeps measuring past its longest duration with fixed memory', () => {
    const shape = new ExcursionShape();
    const longest = DURATIONS[LEVELS - 1] as number;
    for (let i = 0; i < 3 * longest; i += 1) shape.push(i < longest ? 1 : 3);
    expect(shape.now[LEVELS - 1]).toBe(3);
    expect(shape.most[LEVELS - 1]).toBe(3);
  });

  it('starts afresh on reset', () => {
    const shape = new ExcursionShape();
    shape.push(7);
    shape.reset();
    shape.push(1);
    expect(shape.peak).toBe(1);
    expect(shape.mean[0]).toBe(1);
    expect(shape.mean[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(shape.length).toBe(1);
  });
});
