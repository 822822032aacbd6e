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
export { OtlpMetricsDecoder, decodeOtlpLogs } from './receivers/otlp';
export {
  AuditdAssembler,
  normalizeFalco,
  normalizeOsquery,
  normalizeSuricata,
  normalizeTetragon,
  parseAuthLine,
} from './receivers/events';
export { replay } from './replay/run';
export type { ReplayOptions, ReplayProgress, ReplayResult } from './replay/run';
export { readLineBatches } from './replay/lines';
export { FileSource, UnreadableInputError } from './replay/sources';
export type { SourceStats } from './replay/sources';
export { openStore, DATABASE_FILE } from './exporters/store/open';
export { SqliteStore } from './exporters/store/sqlite';
export type { Durability, SqliteStoreOptions } from './exporters/store/sqlite';
export { InvalidCursorError } from './exporters/store/cursor';
export { TooManyBucketsError } from './exporters/store/kpis';
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
} from './exporters/store/store';
