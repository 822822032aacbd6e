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
// The protobuf wire reading and the events decoder on their own, for the fuzz tests (test/fuzz/).
export { readLogsRequest, readMetricsRequest } from './receivers/otlp/protobuf/read-request';
export { WireReader } from './receivers/otlp/protobuf/wire-reader';
export { EventDecoder } from './receivers/events/decoder';
export {
  AuditdAssembler,
  AuthLogReader,
  BRUTE_FORCE_FAILURES,
  BRUTE_FORCE_RULE,
  BRUTE_FORCE_WINDOW_MS,
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
export { PostgresStore, DEFAULT_LEASE_MS } from './exporters/store/postgres/postgres';
export type { PostgresStoreOptions } from './exporters/store/postgres/postgres';
export { StoreUnavailableError } from './exporters/store/unavailable';
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
export { DEFAULT_DETECTOR_OPTIONS, SpikeDetector, detectorOptionsFor } from './engine/detector';
export type { DetectorEvent, DetectorKind, DetectorOptions, ResolvedDetectorOptions } from './engine/detector';
export { METRIC_ROLES } from './receivers/otlp/metrics/metric-names';
export { INPUT_FORMATS } from './receivers/formats';
export type { Format } from './receivers/formats';
export {
  ConfigError,
  ConfigSchema,
  DEFAULT_CONFIG,
  ENVIRONMENT,
  jsonLogger,
  loadConfig,
  silentLogger,
  startService,
} from './service';
export type {
  Config,
  ConfigFlags,
  LoadedConfig,
  Logger,
  RawConfig,
  RouteRegistrar,
  RunningService,
  ServiceOptions,
} from './service';
export { API_PREFIX, buildOpenApi, registerQueryApi } from './api';
export type { QueryApiDeps, TimelinePoints, TimelineQuery, TimelineSource } from './api';
export { VERSION } from './version';
/** The `lockstep` command (the bin runs the built copy of it): argv after the command name → exit code. */
export { main as runLockstepCommand } from './cli/main';
