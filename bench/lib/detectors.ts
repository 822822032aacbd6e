import type { DetectorOptions } from '../../collectors/correlator/src/engine/detector';
import { SpikeDetector } from '../../collectors/correlator/src/engine/detector';
import type { Point } from './nab-csv';

/**
 * What the benchmark scores: a whole series in, the start times of the anomalies found out. Anything that can turn
 * points into start times fits — the detector alone today, the full replay path (OTLP points through the engine)
 * later.
 */
export type Detect = (points: readonly Point[]) => number[];

/** Lockstep's SpikeDetector, fed `value * scale` (NAB CPU series are percent; the CPU path takes a 0..1 fraction). */
export function spikeDetection(options: DetectorOptions, scale = 1): Detect {
  return (points) => {
    const detector = new SpikeDetector(options);
    const starts: number[] = [];
    for (const { time, value } of points) {
      for (const event of detector.push(time, value * scale)) if (event.type === 'open') starts.push(event.start);
    }
    return starts;
  };
}

/** Trailing samples for the Gaussian baseline: one day at NAB's 5-minute steps. */
export const GAUSSIAN_WINDOW_SAMPLES = 288;
/** Samples the Gaussian needs before it judges anything, as the SpikeDetector's warm-up. */
const GAUSSIAN_MIN_SAMPLES = 20;

/**
 * The comparison baseline: a windowed Gaussian. A sample is anomalous above mean + `sigmas` standard deviations of
 * the previous `windowSamples` samples (anomalous ones included, as the simple method does); each run of anomalous
 * samples is one anomaly, starting at its first sample.
 */
export function windowedGaussian(windowSamples = GAUSSIAN_WINDOW_SAMPLES, sigmas = 3): Detect {
  return (points) => {
    const starts: number[] = [];
    let wasAnomalous = false;
    points.forEach(({ time, value }, i) => {
      // Recomputed per sample rather than as running sums, which lose precision on large values (bytes, counts).
      const window = points.slice(Math.max(0, i - windowSamples), i);
      let anomalous = false;
      if (window.length >= GAUSSIAN_MIN_SAMPLES) {
        const mean = window.reduce((total, p) => total + p.value, 0) / window.length;
        const variance = window.reduce((total, p) => total + (p.value - mean) ** 2, 0) / window.length;
        anomalous = value > mean + sigmas * Math.sqrt(variance);
      }
      if (anomalous && !wasAnomalous) starts.push(time);
      wasAnomalous = anomalous;
    });
    return starts;
  };
}
