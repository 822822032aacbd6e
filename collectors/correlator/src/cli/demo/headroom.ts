import { detectorOptionsFor } from '../../engine/detector';
import { RobustBaseline } from '../../engine/detector/robust-baseline';

/** How far (in the detector's robust sigmas) the miner's CPU must stand above the host's normal for the demo to go. */
export const STAND_OUT_SIGMAS = 5;

export interface Headroom {
  /** The host's normal CPU (median utilization, 0..1). */
  level: number;
  /** Its spread, as the spike detector measures it (robust sigma, floored). */
  scale: number;
  /** How many sigmas above normal the host would be with the miner running. */
  sigmas: number;
}

/**
 * Whether a burner taking `share` of the host's CPU (1 = every core) would stand out of these recent samples, by
 * the spike detector's own baseline statistics (median and MAD over its baseline window, with its floors). On a
 * host already busy, or swinging between busy and idle, it would not, and the demo waits rather than fail.
 */
export function headroom(samples: readonly number[], share: number): Headroom {
  const options = detectorOptionsFor('cpu-utilization');
  const baseline = new RobustBaseline(options.baselineSamples, options);
  for (const value of samples.slice(-options.baselineSamples)) baseline.add(value);
  const { level, scale } = baseline.current();
  const peak = Math.min(1, level + share);
  return { level, scale, sigmas: (peak - level) / scale };
}
