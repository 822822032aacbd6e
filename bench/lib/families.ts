import type { LabelledSeries } from './corpus/corpus';
import type { Family } from './cross-validate';
import { gridOf } from './cross-validate';

/**
 * The options tried per kind, on top of the kind's shipped defaults (the empty entry is always in the grid).
 * CPU is chosen on CPU series alone; latency on every other series, which reach the engine as latency histograms.
 */
export const FAMILIES: readonly Family[] = [
  {
    name: 'cpu',
    detectorKind: 'cpu-utilization',
    members: (s) => s.kind === 'cpu',
    targetFpPerDay: 0.06,
    grid: [
      {},
      ...gridOf({
        maxRoutineSigmas: [0, 120],
        spreadQuantile: [0, 0.9],
        minRelativeRise: [0.25, 0.33],
        minRise: [0.002, 0.005, 0.01],
        thresholdSigmas: [3, 5],
      }),
    ],
  },
  {
    name: 'latency',
    detectorKind: 'latency',
    members: (s) => s.kind !== 'cpu',
    targetFpPerDay: 0.15,
    grid: [
      {},
      ...gridOf({
        maxRoutineSigmas: [0, 120],
        spreadQuantile: [0.9, 0.95, 0.98],
        thresholdSigmas: [3, 4, 5],
        coarseClipSigmas: [8, 10],
        seasonal: [true, false],
      }),
    ],
  },
];

export function familyOf(series: LabelledSeries): Family {
  return FAMILIES.find((f) => f.members(series)) as Family;
}
