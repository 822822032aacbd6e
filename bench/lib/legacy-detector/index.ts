import type { StreamingDetector } from '../detectors';
import { detectorOptionsFor } from './options';
import { SpikeDetector } from './spike-detector';

/** Today's (pre-#10) detector with the options the engine gave it: CPU utilization, or latency. */
export function legacyDetector(cpu: boolean): StreamingDetector {
  return new SpikeDetector(detectorOptionsFor(cpu ? 'cpu-utilization' : 'latency'));
}
