export type { DetectorEvent } from './events';
export { SpikeDetector } from './spike-detector';
export type { DetectorKind, DetectorOptions, ResolvedDetectorOptions } from './options';
export { DEFAULT_DETECTOR_OPTIONS, detectorOptionsFor } from './options';
