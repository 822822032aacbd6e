/** A binary min-heap ordered by `time`, stable for equal times (insertion order), for the reorder buffer. */
export class TimeHeap<T extends { time: number }> {
  private readonly items: Array<{ item: T; seq: number }> = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peekTime(): number | undefined {
    return this.items[0]?.item.time;
  }

  push(item: T): void {
    this.items.push({ item, seq: this.seq++ });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.items.length && this.less(left, smallest)) smallest = left;
        if (right < this.items.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top.item;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as { item: T; seq: number };
    const y = this.items[b] as { item: T; seq: number };
    return x.item.time < y.item.time || (x.item.time === y.item.time && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const tmp = this.items[a] as { item: T; seq: number };
    this.items[a] = this.items[b] as { item: T; seq: number };
    this.items[b] = tmp;
  }
}
