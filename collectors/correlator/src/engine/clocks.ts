import type { Observation } from './engine';
import { TimeHeap } from './time-heap';

/**
 * What the engine did with one observation. `late`: a metric sample behind its source's applied time (its series
 * moved on); `future`: dated past the bound the driver gave (the service: the receiving side's clock plus
 * `max_future_ms`); `past`: older than its source's newest time by more than `maxPastMs`; `invalid`: a time no
 * Date can hold. Only `accepted` observations move a clock.
 */
export type IngestVerdict = 'accepted' | 'late' | 'future' | 'past' | 'invalid';

/**
 * One source's data time: the observations of one host (its metrics, and the signals that name it) are put in
 * time order and applied in a reorder buffer of their own. Each host has its own clock, so a host whose clock is
 * wrong, or a record with a wild timestamp, moves only that host's time: every other host's samples are judged
 * against their own.
 */
export class SourceClock {
  readonly pending = new TimeHeap<Observation>();
  /** Newest accepted time. */
  maxSeen: number | undefined;
  /** Newest applied time: the source's "now". */
  applied: number | undefined;
  lastPrune: number | undefined;
  /** When the newest observation arrived, in the driver's clock (the service's wall clock). */
  arrival: number | undefined;
  /** Host names the source's signals were reported under (the signal store's keys), to trim them with it. */
  readonly signalKeys = new Set<string>();

  constructor(readonly key: string) {}

  /** Notes an accepted observation's time. */
  note(time: number): void {
    if (this.maxSeen === undefined || time > this.maxSeen) this.maxSeen = time;
  }
}

export type VerdictCounts = Record<IngestVerdict, number>;

export function emptyVerdictCounts(): VerdictCounts {
  return { accepted: 0, late: 0, future: 0, past: 0, invalid: 0 };
}
