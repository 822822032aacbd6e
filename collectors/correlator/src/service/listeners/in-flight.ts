import { HttpError, TOO_MANY_REQUESTS } from '../../http/errors';

/**
 * Bytes of request bodies held at once across all requests (decompressed, while read and decoded). A request
 * that would take the total past the limit is refused with 429 + Retry-After before its body is read, so a
 * burst of large uploads costs a bounded amount of memory.
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

  /** Reserves `expected` bytes (the Content-Length, when sent) or refuses the request. */
  admit(expected: number): void {
    if (this.held > 0 && this.held + expected > this.limit) {
      throw new HttpError(
        TOO_MANY_REQUESTS,
        `the service is reading ${this.held} bytes of other requests; retry later`,
        this.retryAfterSeconds,
      );
    }
    this.held += expected;
  }

  add(delta: number): void {
    this.held += delta;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}
