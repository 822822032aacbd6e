import type { ExplicitSnapshot, ExponentialSnapshot, HistogramPoint, HistogramSnapshot } from './histogram-point';
import type { SeriesStore, Touched } from './series-store';
import { MIN_RATE_INTERVAL_MS, REWIND_MS } from './timing';

export interface HistogramState extends Touched {
  time: number;
  start: number;
  snapshot: HistogramSnapshot;
}

/** What a cumulative histogram point gives next to its predecessor; `first` also covers resets and restarts. */
export type HistogramStep = HistogramSnapshot | 'first' | 'stale' | 'untracked';

/**
 * The observations between the previous cumulative point of a series and this one, bucket by bucket. A changed
 * start time, a rewound clock, a changed layout, or any bucket going down is a reset: the series starts over with no interval
 * (never a negative count). Exponential histograms may lower their scale as their range grows (the SDK
 * "downscales"), so an older snapshot is merged down to the newer scale before subtracting.
 */
export function histogramInterval(
  store: SeriesStore<HistogramState>,
  key: string,
  point: HistogramPoint,
): HistogramStep {
  const previous = store.get(key);
  if (previous === undefined) {
    const state = { time: point.time, start: point.start, snapshot: point.snapshot, touched: point.time };
    return store.set(key, state) ? 'first' : 'untracked';
  }
  const rewound = point.time < previous.time - REWIND_MS;
  if (!rewound && point.time - previous.time < MIN_RATE_INTERVAL_MS) return 'stale';
  const restarted = rewound || (point.start !== previous.start && point.start !== 0 && previous.start !== 0);
  const delta = restarted ? undefined : subtract(point.snapshot, previous.snapshot);
  previous.time = point.time;
  previous.start = point.start;
  previous.snapshot = point.snapshot;
  previous.touched = point.time;
  return delta ?? 'first';
}

function subtract(current: HistogramSnapshot, previous: HistogramSnapshot): HistogramSnapshot | undefined {
  if (current.kind === 'explicit')
    return previous.kind === 'explicit' ? subtractExplicit(current, previous) : undefined;
  return previous.kind === 'exponential' ? subtractExponential(current, previous) : undefined;
}

function subtractExplicit(current: ExplicitSnapshot, previous: ExplicitSnapshot): ExplicitSnapshot | undefined {
  const n = current.counts.length;
  if (previous.counts.length !== n) return undefined;
  for (let i = 0; i < current.bounds.length; i++) if (current.bounds[i] !== previous.bounds[i]) return undefined;
  const counts = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = (current.counts[i] as number) - (previous.counts[i] as number);
    if (d < 0) return undefined;
    counts[i] = d;
  }
  const out: ExplicitSnapshot = {
    kind: 'explicit',
    bounds: current.bounds,
    counts,
    total: current.total - previous.total,
  };
  const sum = subtractSum(current.sum, previous.sum);
  if (sum !== undefined) out.sum = sum;
  return out;
}

function subtractExponential(
  current: ExponentialSnapshot,
  previous: ExponentialSnapshot,
): ExponentialSnapshot | undefined {
  if (previous.scale < current.scale) return undefined; // a cumulative series never gains resolution
  const prior = downscale(previous, previous.scale - current.scale);
  const zeroCount = current.zeroCount - previous.zeroCount;
  if (zeroCount < 0) return undefined;
  const counts = current.counts.slice();
  for (let i = 0; i < prior.counts.length; i++) {
    const count = prior.counts[i] as number;
    if (count === 0) continue;
    const j = prior.offset + i - current.offset;
    if (j < 0 || j >= counts.length) return undefined;
    const d = (counts[j] as number) - count;
    if (d < 0) return undefined;
    counts[j] = d;
  }
  const total = current.total - previous.total;
  const out: ExponentialSnapshot = { ...current, counts, zeroCount, total };
  delete out.sum;
  const sum = subtractSum(current.sum, previous.sum);
  if (sum !== undefined) out.sum = sum;
  return out;
}

/** The interval's sum from two cumulative sums; none when either lacks one (floating error may dip below 0). */
function subtractSum(current: number | undefined, previous: number | undefined): number | undefined {
  if (current === undefined || previous === undefined) return undefined;
  return Math.max(0, current - previous);
}

/** The same counts at `by` fewer scale steps: bucket i becomes bucket floor(i / 2^by). */
export function downscale(snapshot: ExponentialSnapshot, by: number): ExponentialSnapshot {
  if (by === 0) return snapshot;
  const factor = 2 ** by;
  const n = snapshot.counts.length;
  const offset = Math.floor(snapshot.offset / factor);
  const last = n > 0 ? Math.floor((snapshot.offset + n - 1) / factor) : offset;
  const counts = new Array<number>(last - offset + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const j = Math.floor((snapshot.offset + i) / factor) - offset;
    counts[j] = (counts[j] as number) + (snapshot.counts[i] as number);
  }
  return { ...snapshot, scale: snapshot.scale - by, offset, counts };
}
