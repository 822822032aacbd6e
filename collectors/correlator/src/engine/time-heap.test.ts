import { TimeHeap } from './time-heap';

describe('TimeHeap', () => {
  it('pops in time order and keeps insertion order for equal times', () => {
    const heap = new TimeHeap<{ time: number; id: string }>();
    const items = [5, 1, 3, 1, 9, 3, 0].map((time, i) => ({ time, id: `${time}-${i}` }));
    for (const item of items) heap.push(item);
    const out: string[] = [];
    while (heap.size > 0) out.push(heap.pop()!.id);
    expect(out).toEqual(['0-6', '1-1', '1-3', '3-2', '3-5', '5-0', '9-4']);
  });
});
