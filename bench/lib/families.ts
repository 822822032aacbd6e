import type { LabelledSeries } from './corpus/corpus';
import { inCpuPool } from './corpus/views';
import type { Family } from './cross-validate';
import { gridOf } from './cross-validate';

/**
 * The options tried per kind, on top of the kind's shipped defaults (the empty entry is always in the grid).
 * - CPU is chosen on the CPU pool (every NAB series at 5- to 10-minute steps, non-CPU ones scaled to a CPU range,
 *   see views.ts), leaving out one series at a time: six CPU series are too few to choose on, and a choice made
 *   without the series it is scored on is the figure a new host would get. False positives are averaged per series,
 *   so the long tweet series do not outweigh the fortnight-long CloudWatch ones.
 * - Latency is chosen on the latency-like and Microsoft series, in folds (every non-CPU series reaches the engine
 *   as latency histograms and is scored with the latency options; the other rates and counts would choose for
 *   tweet volumes, and are reported apart).
 */
export const FAMILIES: readonly Family[] = [
  {
    name: 'cpu',
    detectorKind: 'cpu-utilization',
    members: (s) => s.kind === 'cpu',
    scoredOn: inCpuPool,
    tunedOn: inCpuPool,
    validation: 'leave-one-series-out',
    fpPerSeries: true,
    // The bar is 0.10 per series-day on unseen hosts. Aiming at 0.08 bought no held-out recall on the pool (41/60
    // either way) and cost 0.088 false positives per day against 0.063 (docs/detection.md), so the aim stays 0.06.
    // marginSigmas is a rule, not tuned here: a noisy host's recurring job must stay routine (docs/detection.md).
    targetFpPerDay: 0.06,
    grid: [
      {},
      ...gridOf({
        marginFraction: [0.25, 0.5],
        durationSlack: [0.35, 0.5],
        referenceSigmas: [1.5, 2],
        baselineSamples: [120, 288],
        spreadQuantile: [0.75, 0.9],
      }),
    ],
  },
  {
    name: 'latency',
    detectorKind: 'latency',
    members: (s) => s.kind !== 'cpu',
    scoredOn: (s) => s.kind !== 'cpu',
    // Latency-like series and Microsoft's expert-labelled ones (windows built as for the latency series this
    // detector is for).
    tunedOn: (s) => s.kind === 'latency-like' || s.source === 'microsoft',
    validation: 'folds',
    fpPerSeries: false,
    targetFpPerDay: 0.15,
    grid: [
      {},
      ...gridOf({
        referenceSigmas: [3.5, 4, 4.5],
        thresholdSigmas: [2, 3, 4],
        baselineSamples: [120, 168],
        // 0 is the detector without the new-high rule; 1.5 is the shipped one.
        newHighFactor: [0, 1.5],
      }),
    ],
  },
];

export function familyOf(series: LabelledSeries): Family {
  return FAMILIES.find((f) => f.members(series)) as Family;
}
