import type { Point } from './nab-csv';

/**
 * What the benchmark scores: a whole series in, the start times of the anomalies found out. Anything that can turn
 * points into start times fits — a baseline here, the detector on the engine's values, or the full replay path.
 */
export type Detect = (points: readonly Point[]) => number[];

/** The streaming detector interface both Lockstep detectors (today's and the one before) offer. */
export interface StreamingDetector {
  push(time: number, value: number): ReadonlyArray<{ type: string; start?: number }>;
}

/** A fresh streaming detector per series; the starts of the spikes it opens. */
export function streamingDetection(create: () => StreamingDetector): Detect {
  return (points) => {
    const detector = create();
    const starts: number[] = [];
    for (const { time, value } of points) {
      for (const event of detector.push(time, value)) {
        if (event.type === 'open' && event.start !== undefined) starts.push(event.start);
      }
    }
    return starts;
  };
}

/** Trailing samples for the baselines: one day at NAB's 5-minute steps. */
export const BASELINE_WINDOW_SAMPLES = 288;
/** Samples a baseline needs before it judges anything. */
const MIN_SAMPLES = 20;
/**
 * Alert debouncing for the baselines: a run of anomalous samples is one alert, and a run that starts within this
 * many samples of the previous run's end continues that alert, as an alerting rule's `for`/resolve delay would.
 */
export const DEBOUNCE_SAMPLES = 6;

/** Turns per-sample verdicts into debounced alert starts. */
function debounced(points: readonly Point[], anomalous: (i: number) => boolean): number[] {
  const starts: number[] = [];
  let lastAnomalous = Number.NEGATIVE_INFINITY;
  points.forEach(({ time, value }, i) => {
    if (!Number.isFinite(value) || !anomalous(i)) return;
    if (i - lastAnomalous > DEBOUNCE_SAMPLES) starts.push(time);
    lastAnomalous = i;
  });
  return starts;
}

/** The finite values among the `window` points before index i. */
function trailing(points: readonly Point[], i: number, window: number): number[] {
  const out: number[] = [];
  for (let j = Math.max(0, i - window); j < i; j += 1) {
    const v = (points[j] as Point).value;
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * Baseline 1, a windowed Gaussian: a sample is anomalous above mean + `sigmas` standard deviations of the
 * previous `windowSamples` samples (anomalous ones included, as the simple method does).
 */
export function windowedGaussian(windowSamples = BASELINE_WINDOW_SAMPLES, sigmas = 3): Detect {
  return (points) =>
    debounced(points, (i) => {
      const window = trailing(points, i, windowSamples);
      if (window.length < MIN_SAMPLES) return false;
      const mean = window.reduce((total, v) => total + v, 0) / window.length;
      const variance = window.reduce((total, v) => total + (v - mean) ** 2, 0) / window.length;
      return (points[i] as Point).value > mean + sigmas * Math.sqrt(variance);
    });
}

/**
 * Baseline 2, a robust MAD detector: a sample is anomalous when its modified z-score, (x − median) / (1.4826 ·
 * MAD) over the previous `windowSamples` samples, exceeds `sigmas` (3.5, Iglewicz and Hoaglin's cut-off). Where
 * the MAD is zero (a quantized or mostly constant window) the mean absolute deviation × 1.2533 stands in, the
 * usual fallback, so a flat series does not alarm on every wiggle.
 */
export function robustMad(windowSamples = BASELINE_WINDOW_SAMPLES, sigmas = 3.5): Detect {
  return (points) =>
    debounced(points, (i) => {
      const window = trailing(points, i, windowSamples).sort((a, b) => a - b);
      if (window.length < MIN_SAMPLES) return false;
      const median = middle(window);
      const deviations = window.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
      let scale = 1.4826 * middle(deviations);
      if (scale === 0) scale = (1.2533 * deviations.reduce((t, d) => t + d, 0)) / deviations.length;
      if (scale === 0) return (points[i] as Point).value > median;
      return ((points[i] as Point).value - median) / scale > sigmas;
    });
}

function middle(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
