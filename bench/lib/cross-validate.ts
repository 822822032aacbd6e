import type { DetectorKind, DetectorOptions } from '@lockstep/correlator';
import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
import type { LabelledSeries } from './corpus/corpus';
import { streamingDetection } from './detectors';
import type { Point } from './nab-csv';
import type { Score } from './scoring';
import { falsePositivesPerDay, scoreSeries, sumScores } from './scoring';

/** Options tried for one kind of series, on top of that kind's shipped defaults. */
export interface Family {
  name: string;
  detectorKind: DetectorKind;
  /** The series whose reported figure comes from this family's options. */
  members(series: LabelledSeries): boolean;
  /** The series every grid entry is scored on (in the family's view, see nab.ts). */
  scoredOn(series: LabelledSeries): boolean;
  /** Of those, the series the options are chosen on. */
  tunedOn(series: LabelledSeries): boolean;
  /** Across-series validation: every series left out once, or the stratified folds. */
  validation: 'leave-one-series-out' | 'folds';
  /** Judge false positives as the mean of the series' rates, rather than pooled over all series-days. */
  fpPerSeries: boolean;
  /** False positives per series-day the selection aims under: above it, recall is paid for dearly. */
  targetFpPerDay: number;
  grid: DetectorOptions[];
}

/**
 * What selection maximizes on the training series: window recall, less three times any false positives per
 * series-day above the target. Below the target, fewer false positives only break ties (a tenth as much).
 */
export function objective(score: Score, targetFpPerDay: number, fpPerDay = falsePositivesPerDay(score)): number {
  const recall = score.windows > 0 ? score.detected / score.windows : 0;
  const fp = fpPerDay;
  return recall - 3 * Math.max(0, fp - targetFpPerDay) - 0.1 * Math.min(fp, targetFpPerDay);
}

/** The grid entry with the best objective over the given series; `scores[c][i]` is entry c on series i. */
export function select(family: Family, scores: readonly Score[][], series: readonly number[]): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  scores.forEach((perSeries, c) => {
    const scores = series.map((i) => perSeries[i] as Score);
    const meanFp = scores.reduce((total, s) => total + falsePositivesPerDay(s), 0) / Math.max(1, scores.length);
    const fp = family.fpPerSeries ? meanFp : undefined;
    const value = objective(sumScores(scores), family.targetFpPerDay, fp);
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

/**
 * Every grid entry of `family` scored on every series it is scored on (`scores[c][i]`; series it is not scored
 * on get an empty score), each fed `valuesOf(i)`. Selection then only sums these.
 */
export function scoreGrid(
  family: Family,
  corpus: readonly LabelledSeries[],
  valuesOf: (i: number) => readonly Point[],
): Score[][] {
  const empty: Score = { windows: 0, detected: 0, falsePositives: 0, scoredDays: 0 };
  return family.grid.map((extra) =>
    corpus.map((s, i) => {
      if (!family.scoredOn(s)) return empty;
      const detect = streamingDetection(
        () => new SpikeDetector({ ...detectorOptionsFor(family.detectorKind), ...extra }),
      );
      return scoreSeries(s.points, s.windows, detect(valuesOf(i)));
    }),
  );
}
