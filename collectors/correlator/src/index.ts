export { normalizeContainerId, sameContainer } from './model/container';
export { nanosToMillis, parseIsoMillis, toIso } from './model/time';
export type { ProcessAncestor, ProcessRef } from './model/process';
export type { NormalizeResult, Signal, SignalKind, Skipped } from './model/signal';
export { isSkipped } from './model/signal';
export type { ContainerCpuSample, HostCpuSample, LatencySample, MetricSample, ProcessCpuSample } from './model/samples';
