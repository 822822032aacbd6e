import { DEFAULT_OTLP_LOGS_CONFIG, OtlpLogsConfigSchema } from '../../exporters/otlp-logs/config';
import { z } from 'zod';
import { DEFAULT_ENGINE_OPTIONS } from '../../engine/options';
import { storeUrlProblem } from '../../exporters/store/select';
import { parseListen } from './listen';

/**
 * The service's configuration file (YAML, snake_case keys). Unknown keys are errors, so a typo never silently
 * falls back to a default. Every limit has a default that is safe on a small host; see `lockstep serve --help`.
 */

const listen = z.string().transform((text, ctx) => {
  const parsed = parseListen(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const storeUrl = z.string().superRefine((text, ctx) => {
  const problem = storeUrlProblem(text);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const ConfigSchema = z.strictObject({
  data_dir: z.string().min(1),
  otlp: z.strictObject({ listen }),
  api: z.strictObject({
    listen,
    /** Bearer token for the query API; empty means no authentication (loopback deployments). */
    token: z.string(),
  }),
  limits: z.strictObject({
    /** Bytes of one request body after decompression; larger bodies get 413 and are never inflated past it. */
    max_body_bytes: positiveInt,
    /** Bytes of all request bodies being read and decoded at once; past it requests get 429 + Retry-After. */
    max_in_flight_bytes: positiveInt,
    /** Store writes waiting to commit; past it ingest requests get 503 + Retry-After. */
    max_pending_store_writes: positiveInt,
    /** Events (lines) in one /v1/events request; more gets 413. */
    max_lines_per_request: positiveInt,
    /** Seconds a client is asked to wait (Retry-After) when the service is under pressure. */
    retry_after_seconds: positiveInt,
    /** Time to receive a request's headers; past it the client gets 408 and the connection is closed. */
    header_timeout_ms: positiveInt,
    /** Time to receive a whole request, body included (408 past it): a trickled upload cannot hold memory for long. */
    request_timeout_ms: positiveInt,
    /** Time without a byte of a body being read (408 past it): a stalled upload, or a Content-Length longer than what was sent. */
    body_idle_timeout_ms: positiveInt,
    /** Open connections on each listener; more are closed at once. */
    max_connections: positiveInt,
    /** Open connections from one remote address on the ingest listener; more get 429 and are closed. */
    max_connections_per_client: positiveInt,
  }),
  engine: z.strictObject({
    /** How long (data time) the engine waits for stragglers before acting on a time; later samples are dropped and counted. */
    allowed_lateness_ms: nonNegativeInt,
    /** An incident resolves once its spikes ended and the host stayed quiet this long (data time). */
    quiet_period_ms: positiveInt,
    /** An incident whose culprit still runs stays open this long past its last spike, for a spike by that same process to join (data time); 0 turns it off. */
    culprit_hold_ms: nonNegativeInt,
    /** With no data for this long (wall clock), data time is moved on by the time that passed, so quiet incidents resolve; 0 turns it off. */
    idle_advance_ms: nonNegativeInt,
    /** A change on a spike's entity up to this long before the spike is listed with it and may explain it (data time). */
    change_window_ms: positiveInt,
    /** A firewall or access change not reverted within this long becomes an open finding on its asset (data time). */
    temporary_change_window_ms: positiveInt,
    /** Data dated more than this after the correlator's clock is rejected per item (reason `future`). */
    max_future_ms: nonNegativeInt,
    /** Data dated more than this before its host's newest data is rejected per item (reason `past`). */
    max_past_ms: positiveInt,
    /** Hosts held in memory (metric hosts and hosts signals name); the least recently seen is evicted past it. */
    max_hosts: positiveInt,
    /** Metric series held (host CPU, container CPU, service latency); the least recently updated go past it. */
    max_series: positiveInt,
    /** Process lifetimes held in all; the least recently seen go past it. */
    max_processes: positiveInt,
    /** Process lifetimes held per host; the host's least recently seen go past it. */
    max_processes_per_host: positiveInt,
    /** Security signals held in memory for joins, in all; the oldest of the least recent hosts go past it. */
    max_signals: positiveInt,
    /** Security signals held per host; the host's oldest go past it. */
    max_signals_per_host: positiveInt,
    /** Observations of one host waiting out the lateness window; past it the oldest are applied at once. */
    max_pending_per_host: positiveInt,
  }),
  /** The service catalogue (YAML) naming what services mean to the business; empty: none. */
  catalog: z.string(),
  assets: z.strictObject({
    /** An asset whose metrics stopped this long before its last security signal is unmanaged (operations lost it). */
    metrics_silent_ms: positiveInt,
    /** An asset whose security telemetry stopped this long before its last metrics is unmanaged (security lost it). */
    signals_silent_ms: positiveInt,
  }),
  store: z.strictObject({
    /** Anomalies and incidents that ended longer ago than this are deleted (hourly). */
    retention_hours: positiveInt,
    /** Empty: SQLite in data_dir. `postgresql://user:password@host:port/database`: PostgreSQL, shared by shards. */
    url: storeUrl,
    /** PostgreSQL only: connections this process opens, at most (writes take one; queries share the rest). */
    max_connections: positiveInt,
    /** PostgreSQL only: a shard silent this long is taken for dead and its open incidents are ended (docs/scale.md). */
    lease_seconds: positiveInt,
  }),
  metrics: z.strictObject({
    /** Hosts given their own `host` label on per-host gauges; the rest share host="_other". */
    max_host_series: positiveInt,
  }),
  export: z.strictObject({
    otlp_logs: OtlpLogsConfigSchema,
  }),
  /** Time given to drain requests, flush the engine and close the store on SIGTERM/SIGINT. */
  shutdown_timeout_ms: positiveInt,
});

/** The configuration as written (snake_case), before validation. */
export type RawConfig = z.input<typeof ConfigSchema>;
/** The validated configuration. */
export type Config = z.output<typeof ConfigSchema>;

export const DEFAULT_CONFIG: RawConfig = {
  data_dir: './data',
  otlp: { listen: '127.0.0.1:4318' },
  api: { listen: '127.0.0.1:8480', token: '' },
  limits: {
    // The OpenTelemetry Collector's default batch is 8192 points, a few MB of JSON; 16 MiB leaves headroom.
    max_body_bytes: 16 << 20,
    max_in_flight_bytes: 128 << 20,
    max_pending_store_writes: 10_000,
    max_lines_per_request: 100_000,
    retry_after_seconds: 5,
    header_timeout_ms: 10_000,
    // 16 MiB at 3 Mbit/s takes 45 s; a slower sender should send smaller batches.
    request_timeout_ms: 60_000,
    body_idle_timeout_ms: 10_000,
    max_connections: 1_024,
    // A Collector's exporter keeps up to 10 connections (num_consumers); a gateway in front of many agents a few
    // times that.
    max_connections_per_client: 128,
  },
  engine: {
    allowed_lateness_ms: 30_000,
    quiet_period_ms: 120_000,
    culprit_hold_ms: 60 * 60_000,
    idle_advance_ms: 60_000,
    change_window_ms: 30 * 60_000,
    temporary_change_window_ms: 4 * 60 * 60_000,
    // NTP keeps clocks within milliseconds; five minutes forgives a host without it, not a clock in another year.
    max_future_ms: 5 * 60_000,
    max_past_ms: 24 * 3_600_000,
    // Sized so that 10,000 hosts, 100,000 processes and 10,000 more alerting hosts stay under 256 MiB RSS
    // (bench/memory.ts); see docs/service.md for what each costs.
    max_hosts: DEFAULT_ENGINE_OPTIONS.maxHosts,
    max_series: DEFAULT_ENGINE_OPTIONS.maxSeries,
    max_processes: DEFAULT_ENGINE_OPTIONS.maxProcesses,
    max_processes_per_host: DEFAULT_ENGINE_OPTIONS.maxProcessesPerHost,
    max_signals: DEFAULT_ENGINE_OPTIONS.maxSignals,
    max_signals_per_host: DEFAULT_ENGINE_OPTIONS.maxSignalsPerHost,
    max_pending_per_host: DEFAULT_ENGINE_OPTIONS.maxPendingPerHost,
  },
  catalog: '',
  assets: { metrics_silent_ms: 15 * 60_000, signals_silent_ms: 24 * 60 * 60_000 },
  store: { retention_hours: 24 * 30, url: '', max_connections: 8, lease_seconds: 30 },
  metrics: { max_host_series: 500 },
  export: {
    otlp_logs: DEFAULT_OTLP_LOGS_CONFIG,
  },
  shutdown_timeout_ms: 10_000,
};
