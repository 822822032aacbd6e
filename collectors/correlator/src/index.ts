export { normalizeContainerId, sameContainer } from './model/container';
export { nanosToMillis, parseIsoMillis, toIso } from './model/time';
export type { ProcessAncestor, ProcessRef } from './model/process';
export type { NormalizeResult, Signal, SignalKind, Skipped } from './model/signal';
export { isSkipped } from './model/signal';
export type { ContainerCpuSample, HostCpuSample, LatencySample, MetricSample, ProcessCpuSample } from './model/samples';
export { Engine } from './engine/engine';
export type { EngineSink, EngineStats, Observation } from './engine/engine';
export { DEFAULT_ENGINE_OPTIONS, resolveEngineOptions } from './engine/options';
export type { EngineOptions } from './engine/options';
export { OtlpMetricsDecoder, decodeOtlpLogs } from './otlp';
export {
  AuditdAssembler,
  normalizeFalco,
  normalizeOsquery,
  normalizeSuricata,
  normalizeTetragon,
  parseAuthLine,
} from './normalize';
export { replay } from './replay/run';
export type { ReplayOptions, ReplayProgress, ReplayResult } from './replay/run';
export { readLineBatches } from './replay/lines';
export { FileSource, UnreadableInputError } from './replay/sources';
export type { SourceStats } from './replay/sources';
export { openStore, DATABASE_FILE } from './store/open';
export { SqliteStore } from './store/sqlite';
export type { Durability, SqliteStoreOptions } from './store/sqlite';
export { InvalidCursorError } from './store/cursor';
export { TooManyBucketsError } from './store/kpis';
export type {
  AnomalyQuery,
  EntityFilter,
  EntitySeen,
  IncidentQuery,
  IncidentStore,
  KpiQuery,
  Kpis,
  Page,
  PageRequest,
  SignalQuery,
  TimeRange,
} from './store/store';
export { DEFAULT_DETECTOR_OPTIONS, SpikeDetector, detectorOptionsFor } from './engine/detector';
export type { DetectorEvent, DetectorKind, DetectorOptions, ResolvedDetectorOptions } from './engine/detector';
