import type { AnomalyState } from './anomalies';
import type { Share } from './attribution';
import { spikeWindows } from './contributors';
import type { HostState } from './host-state';
import type { EngineOptions } from './options';

/** Below this (cores) a culprit's CPU during a spike is noise: it did not take part. */
const NOISE_CORES = 0.02;
/**
 * A culprit takes part in a spike when its CPU during that spike, above its level before the first one, is at
 * least this fraction of its rise over them all: a miner's latency spike counts, a wobble before it started does
 * not, and neither does a dip in a busy process it did not drive.
 */
const PART_OF_RISE = 0.25;

/**
 * The spikes of an episode the culprit took part in, in their order. An episode folds spikes that follow each
 * other within the quiet period; one the culprit was absent from (a 13 % → 16 % wobble before a miner started)
 * must not stretch the incident the culprit explains.
 */
export function spikesTakenPartIn(
  culprit: Share,
  anomalies: readonly AnomalyState[],
  start: number,
  host: HostState,
  options: EngineOptions,
  now: number,
): AnomalyState[] {
  const { before } = spikeWindows(start, now, host, options);
  const level = sum(culprit, (m) => m.meanCores(before.from, before.to));
  const bar = Math.max(NOISE_CORES, PART_OF_RISE * culprit.riseCores);
  return anomalies.filter((anomaly) => {
    const { during } = spikeWindows(anomaly.riseFrom, anomaly.end ?? now, host, options);
    return sum(culprit, (m) => m.meanCores(during.from, during.to)) - level >= bar;
  });
}

function sum(share: Share, of: (member: Share['instance']) => number): number {
  let total = 0;
  for (const member of share.members) total += of(member);
  return total;
}
