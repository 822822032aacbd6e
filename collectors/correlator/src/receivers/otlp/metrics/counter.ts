import type { SeriesStore, Touched } from './series-store';
import { MIN_RATE_INTERVAL_MS, REWIND_MS } from './timing';

export interface CounterState extends Touched {
  time: number;
  start: number;
  value: number;
}

/**
 * What one cumulative point means next to its predecessor:
 * - `ok`: a rate is available (`delta` over `intervalMs`);
 * - `first`: no predecessor; `restart`: the series start time changed (a new process, a restarted exporter)
 *   or the data clock went back by more than REWIND_MS;
 * - `reset`: the value went down with the same start (a counter reset): both start over without a rate;
 * - `stale`: a duplicate, out-of-order or too-close point, ignored;
 * - `untracked`: a new series while the store is full.
 */
export type CounterStep = 'ok' | 'first' | 'restart' | 'reset' | 'stale' | 'untracked';

/** Rates from consecutive cumulative points. Read `delta` and `intervalMs` right after an `ok` step. */
export class CounterTracker {
  delta = 0;
  intervalMs = 0;

  constructor(private readonly store: SeriesStore<CounterState>) {}

  step(key: string, time: number, start: number, value: number): CounterStep {
    const previous = this.store.get(key);
    if (previous === undefined) {
      return this.store.set(key, { time, start, value, touched: time }) ? 'first' : 'untracked';
    }
    const rewound = time < previous.time - REWIND_MS;
    if (!rewound && time - previous.time < MIN_RATE_INTERVAL_MS) return 'stale';
    let step: CounterStep = 'ok';
    // A start time of 0 means "unknown" in OTLP; only two known, different starts prove a new series.
    if (rewound || (start !== previous.start && start !== 0 && previous.start !== 0)) step = 'restart';
    else if (value < previous.value) step = 'reset';
    else {
      this.delta = value - previous.value;
      this.intervalMs = time - previous.time;
    }
    previous.time = time;
    previous.start = start;
    previous.value = value;
    previous.touched = time;
    return step;
  }
}
