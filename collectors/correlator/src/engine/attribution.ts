import type { ProcessInstance } from './processes/instance';

export interface Window {
  from: number;
  to: number;
}

export interface Share {
  instance: ProcessInstance;
  /** Mean cores over the spike window minus over the window before it. */
  riseCores: number;
  beforeCores: number;
  duringCores: number;
  /** Fraction of the rise this process accounts for, 0..1. */
  share: number;
}

/** Rises smaller than this (in cores) are scheduler noise, not an explanation of a spike. */
const NOISE_CORES = 0.02;
/** Contributors reported per anomaly. */
export const MAX_CONTRIBUTORS = 5;

/**
 * Which processes account for a rise: each process's mean CPU (cores) during the spike against before it,
 * as a share of the larger of (a) the sum of all per-process rises and (b) the entity's own measured rise.
 * (b) keeps shares honest when only some processes are reported (top-N agents); (a) when the entity's
 * measure is coarser than the per-process one. Processes born during the spike count from zero.
 */
export function attribute(
  processes: Iterable<ProcessInstance>,
  during: Window,
  before: Window,
  entityRiseCores: number | undefined,
): Share[] {
  const rows: Share[] = [];
  let positive = 0;
  for (const instance of processes) {
    if (!instance.hasMetrics) continue;
    const duringCores = instance.meanCores(during.from, during.to);
    if (duringCores <= 0) continue;
    const beforeCores = instance.meanCores(before.from, before.to);
    const riseCores = duringCores - beforeCores;
    if (riseCores > NOISE_CORES) positive += riseCores;
    rows.push({ instance, riseCores, beforeCores, duringCores, share: 0 });
  }
  const denominator = Math.max(positive, entityRiseCores ?? 0);
  if (denominator <= NOISE_CORES) return [];
  for (const row of rows) row.share = row.riseCores > NOISE_CORES ? Math.min(1, row.riseCores / denominator) : 0;
  return rows.filter((row) => row.share > 0).sort((a, b) => b.share - a.share);
}
