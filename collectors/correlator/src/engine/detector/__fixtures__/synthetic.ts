import type { DetectorEvent, DetectorOptions } from '../index';
import { SpikeDetector } from '../index';
import { uniform } from '../../../__fixtures__/uniform';

/** A fixed start time, so event times in failures read as dates. */
export const T0 = Date.UTC(2025, 0, 1);
export const TEN_SECONDS = 10_000;
export const FIVE_MINUTES = 300_000;

export { uniform };

/** Deterministic standard normal numbers (Box–Muller over `uniform`). */
export function normal(seed: number): () => number {
  const next = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

export interface Segment {
  samples: number;
  level: number;
}

/** Piecewise-constant levels plus Gaussian noise of `noise` (standard deviation), clamped at zero like a real metric. */
export function series(segments: readonly Segment[], noise: number, seed = 1): number[] {
  const gauss = normal(seed);
  const out: number[] = [];
  for (const { samples, level } of segments) {
    for (let i = 0; i < samples; i += 1) out.push(Math.max(0, level + noise * gauss()));
  }
  return out;
}

export interface Run {
  events: DetectorEvent[];
  detector: SpikeDetector;
  /** Time of sample i. */
  timeOf(i: number): number;
}

/** Feeds `values` at a fixed interval from T0 and collects every event. */
export function feed(options: DetectorOptions, values: readonly number[], intervalMillis: number): Run {
  const detector = new SpikeDetector(options);
  const timeOf = (i: number): number => T0 + i * intervalMillis;
  const events = values.flatMap((value, i) => detector.push(timeOf(i), value));
  return { events, detector, timeOf };
}

export function ofType<K extends DetectorEvent['type']>(
  events: readonly DetectorEvent[],
  type: K,
): Array<Extract<DetectorEvent, { type: K }>> {
  return events.filter((e): e is Extract<DetectorEvent, { type: K }> => e.type === type);
}
