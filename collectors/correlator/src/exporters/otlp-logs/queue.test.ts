import { BoundedQueue } from './queue';

describe('BoundedQueue', () => {
  it('pushes out the oldest items when full and counts them', () => {
    const queue = new BoundedQueue<number>(3);
    for (let i = 0; i < 10; i += 1) queue.push(i);
    expect(queue.length).toBe(3);
    expect(queue.dropped).toBe(7);
    expect(queue.take(2)).toEqual([7, 8]);
    expect(queue.take(5)).toEqual([9]);
    expect(queue.take(5)).toEqual([]);
  });

  it('keeps order across many pushes and takes', () => {
    const queue = new BoundedQueue<number>(5000);
    const out: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      queue.push(i);
      if (i % 3 === 0) out.push(...queue.take(2));
    }
    out.push(...queue.take(10_000));
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(queue.dropped).toBe(0);
  });

  it('counts what discard throws away as dropped', () => {
    const queue = new BoundedQueue<number>(10);
    queue.push(1);
    queue.push(2);
    expect(queue.discard()).toBe(2);
    expect(queue.dropped).toBe(2);
    expect(queue.length).toBe(0);
  });
});
