import { HttpError, TOO_MANY_REQUESTS } from '../../http/errors';

/**
 * Bytes of request bodies held at once across all requests (decompressed, while read and decoded), charged as
 * they arrive — never what a client merely declares, so slow uploads that announce 16 MiB and send a byte hold a
 * byte. A request is refused with 429 + Retry-After when the budget is already spent, or as soon as its own bytes
 * would take the total past the limit, so a burst of large uploads costs a bounded amount of memory.
 */
export class InFlightBytes {
  private held = 0;

  constructor(
    private readonly limit: number,
    private readonly retryAfterSeconds: number,
  ) {}

  get bytes(): number {
    return this.held;
  }

  /** Refuses a new request while the budget is spent. */
  admit(): void {
    if (this.held >= this.limit) throw this.refusal();
  }

  /** Charges `delta` more bytes of a request being read, or refuses it when they would not fit. */
  add(delta: number): void {
    if (this.held > 0 && this.held + delta > this.limit) throw this.refusal();
    this.held += delta;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  private refusal(): HttpError {
    return new HttpError(
      TOO_MANY_REQUESTS,
      `the service is reading ${this.held} bytes of other requests; retry later`,
      this.retryAfterSeconds,
    );
  }
}
