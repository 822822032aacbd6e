import { quoteProblem } from '../problems';

/**
 * What went wrong while decoding one request: counts, plus the first few distinct sentences that name the field
 * at fault. Messages are short and fixed in shape so that a flood of one bad point repeats nothing.
 */
export class DecodeReport {
  rejected = 0;
  unsupported = 0;
  readonly errors: string[] = [];

  /** Counts `count` rejected items and remembers the message if it is new and there is room. */
  reject(message: string, count = 1): void {
    this.rejected += count;
    this.note(message);
  }

  /** Remembers a message without counting a rejection (e.g. a whole request that is not OTLP). */
  note(message: string): void {
    quoteProblem(this.errors, message);
  }
}
