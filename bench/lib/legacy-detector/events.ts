/** What a SpikeDetector reports. Times are the epoch milliseconds the samples came with. */
export type DetectorEvent =
  /** Spike confirmed at `time`; `start` is its first anomalous sample, `baseline` the level it rose from. */
  | { type: 'open'; time: number; start: number; baseline: number; value: number }
  /** A new peak while open. */
  | { type: 'update'; time: number; peak: number }
  /** Back to normal (or accepted as the new normal); `end` is the last anomalous sample. */
  | { type: 'close'; time: number; end: number; peak: number };
