import type { LabelledSeries } from './corpus/corpus';
import type { Family } from './cross-validate';
import { gridOf } from './cross-validate';

/**
 * The options tried per kind, on top of the kind's shipped defaults (the empty entry is always in the grid).
 * CPU is chosen on CPU series alone; latency on the latency-like and Microsoft series (every non-CPU series reaches
 * the engine as latency histograms and is scored with the latency options).
 */
export const FAMILIES: readonly Family[] = [
  {
    name: 'cpu',
    detectorKind: 'cpu-utilization',
    members: (s) => s.kind === 'cpu',
    tunedOn: (s) => s.kind === 'cpu',
    targetFpPerDay: 0.06,
    grid: [
      {},
      ...gridOf({
        maxRoutineSigmas: [0, 120],
        spreadQuantile: [0, 0.98],
        coarseClipSigmas: [5, 8],
        minRelativeRise: [0.25, 0.33],
        minRise: [0.0005, 0.002, 0.005],
        seasonal: [true, false],
      }),
    ],
  },
  {
    name: 'latency',
    detectorKind: 'latency',
    members: (s) => s.kind !== 'cpu',
    // Latency-like series and Microsoft's expert-labelled ones (windows built as for the latency series this
    // detector is for); the other rates and counts would choose for tweet volumes, and are reported apart.
    tunedOn: (s) => s.kind === 'latency-like' || s.source === 'microsoft',
    targetFpPerDay: 0.15,
    grid: [
      {},
      ...gridOf({
        maxRoutineSigmas: [0, 120],
        spreadQuantile: [0.9, 0.98],
        referenceSigmas: [2, 3],
        thresholdSigmas: [3, 5],
        coarseClipSigmas: [8, 12],
        seasonal: [true, false],
      }),
    ],
  },
];

export function familyOf(series: LabelledSeries): Family {
  return FAMILIES.find((f) => f.members(series)) as Family;
}
