import type { DetectorKind, DetectorOptions } from '@lockstep/correlator';
import type { LabelledSeries } from './corpus/corpus';
import type { Score } from './scoring';
import { falsePositivesPerDay, sumScores } from './scoring';

/** Options tried for one kind of series, on top of that kind's shipped defaults. */
export interface Family {
  name: string;
  detectorKind: DetectorKind;
  members(series: LabelledSeries): boolean;
  /** The members the options are chosen on (the rest are scored with them, as robustness checks). */
  tunedOn(series: LabelledSeries): boolean;
  /** False positives per series-day the selection aims under: above it, recall is paid for dearly. */
  targetFpPerDay: number;
  grid: DetectorOptions[];
}

/**
 * What selection maximizes on the training series: window recall, less three times any false positives per
 * series-day above the target. Below the target, fewer false positives only break ties (a tenth as much).
 */
export function objective(score: Score, targetFpPerDay: number): number {
  const recall = score.windows > 0 ? score.detected / score.windows : 0;
  const fp = falsePositivesPerDay(score);
  return recall - 3 * Math.max(0, fp - targetFpPerDay) - 0.1 * Math.min(fp, targetFpPerDay);
}

/** The grid entry with the best objective over the given series; `scores[c][i]` is entry c on series i. */
export function select(family: Family, scores: readonly Score[][], series: readonly number[]): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  scores.forEach((perSeries, c) => {
    const value = objective(sumScores(series.map((i) => perSeries[i] as Score)), family.targetFpPerDay);
    if (value > bestValue + 1e-12) {
      best = c;
      bestValue = value;
    }
  });
  return best;
}

/** Every combination of the listed values, as option objects. */
export function gridOf(axes: { [K in keyof DetectorOptions]?: ReadonlyArray<DetectorOptions[K]> }): DetectorOptions[] {
  let out: DetectorOptions[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    out = out.flatMap((partial) => (values as unknown[]).map((value) => ({ ...partial, [key]: value })));
  }
  return out;
}

export function describeOptions(options: DetectorOptions): string {
  return Object.entries(options)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
