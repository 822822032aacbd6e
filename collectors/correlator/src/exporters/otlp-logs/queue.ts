/**
 * Records waiting to be sent, at most `capacity` of them. When full, the oldest record makes room for the newest:
 * an incident's latest state supersedes its earlier ones, and a backend that was down for a while wants to learn
 * what is happening now. Every record pushed out is counted, never lost silently.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private droppedCount = 0;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  push(item: T): void {
    if (this.length >= this.capacity) {
      this.head += 1;
      this.droppedCount += 1;
    }
    this.items.push(item);
    this.compact();
  }

  /** Removes and returns up to `max` of the oldest items. */
  take(max: number): T[] {
    const batch = this.items.slice(this.head, this.head + max);
    this.head += batch.length;
    this.compact();
    return batch;
  }

  /** Empties the queue, counting what it held as dropped (used when shutdown runs out of time). */
  discard(): number {
    const count = this.length;
    this.droppedCount += count;
    this.items = [];
    this.head = 0;
    return count;
  }

  // Shifting an array is O(n); a moving head with an occasional copy keeps push and take O(1) amortized.
  private compact(): void {
    if (this.head > 0 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
