import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerQueryApi } from '../api';
import { openConfiguredStore } from '../exporters/store/select';
import type { IncidentStore } from '../exporters/store/store';
import type { Catalog } from '../engine/catalog';
import type { ListenAddress } from './config/listen';
import type { Config } from './config/schema';
import type { RouteRegistrar } from './listeners/api-server';
import { startIncidentExport } from './exporter-wiring';
import { tuneHeapForService } from './v8-heap';
import { createApiServer } from './listeners/api-server';
import { InFlightBytes } from './listeners/in-flight';
import { Pipeline } from './pipeline/pipeline';
import { createOtlpServer } from './listeners/ingest-server';
import { ChangeMetrics } from '../exporters/prometheus/change-metrics';
import { CorrelationMetrics } from '../exporters/prometheus/correlation-metrics';
import { IngestMetrics } from '../exporters/prometheus/ingest-metrics';
import type { Logger } from './log';
import { jsonLogger } from './log';

export interface ServiceOptions {
  /**
   * Routes on the API listener beside /metrics and the health checks. By default the query API (`registerQueryApi`)
   * over this service's store and engine, with `api.token`; a caller passing its own replaces it.
   */
  routes?: (context: { store: IncidentStore; pipeline: Pipeline }) => RouteRegistrar;
  log?: Logger;
  /** Wall clock (ms) for idle advance, retention and store latency; injectable for tests. */
  getNow?: () => number;
  /** How often idle advance is checked and seen entities are written, ms. */
  tickMs?: number;
  /**
   * The incident store; by default the one `store.url` names (SQLite in `data_dir` when empty, else PostgreSQL). The
   * service closes it on shutdown either way.
   */
  store?: IncidentStore;
  /** The service catalogue (`catalog` in the config, read by loadConfig). */
  catalog?: Catalog;
}

export interface RunningService {
  /** Base URL of the OTLP/events listener, e.g. http://127.0.0.1:4318. */
  otlpUrl: string;
  /** Base URL of the API listener (metrics, health, query API). */
  apiUrl: string;
  store: IncidentStore;
  pipeline: Pipeline;
  /** The two listeners' fastify apps, for in-process requests (`inject`, as the fuzz tests send them). */
  apps: { otlp: FastifyInstance; api: FastifyInstance };
  /** Stops accepting (503), drains, writes every open incident in its final state, closes the store. Safe twice. */
  close(): Promise<void>;
}

const DEFAULT_TICK_MS = 1_000;
const LINT_FAILING_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];
const RETENTION_EVERY_MS = 60 * 60 * 1000;
/** The asset gauges judge what was seen in the last day of data. */
const ASSET_RANGE_MS = 24 * 60 * 60 * 1000;
/** Assets read for the gauges (the unmanaged ones come first; the per-asset gauge folds past max_host_series). */
const MAX_ASSET_SERIES = 10_000;

/**
 * `lockstep serve` as a function: opens the store, starts the pipeline and both listeners, and returns once they
 * listen. The command, the tests and the ingest benchmark all start the service through here.
 */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  // Sized before the service allocates anything: a start that builds the store, the engine and the listeners runs
  // full collections that would otherwise grow the young generation past its cap for good (V8 does not shrink it
  // back), the process's resident set 16 MiB larger for the rest of its life.
  const releaseHeapTuning = tuneHeapForService();
  try {
    return await start(config, options, releaseHeapTuning);
  } catch (error) {
    releaseHeapTuning();
    throw error;
  }
}

async function start(config: Config, options: ServiceOptions, releaseHeapTuning: () => void): Promise<RunningService> {
  const log = options.log ?? jsonLogger();
  const getNow = options.getNow ?? Date.now;
  const store =
    options.store ??
    (await openConfiguredStore({
      url: config.store.url,
      dataDir: config.data_dir,
      maxConnections: config.store.max_connections,
      leaseMs: config.store.lease_seconds * 1000,
      onWarning: (what, error) => log('warn', `store: ${what} failed`, { error: errorText(error) }),
      onSwept: (swept) =>
        log('info', 'store: ended the open incidents of shards whose lease expired', {
          incidents: swept.incidents,
          anomalies: swept.anomalies,
        }),
    }));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // These three are gauges named like counters, which `promtool check metrics` rejects; the rest of the process
  // metrics (memory, CPU, event loop lag, GC) stay.
  for (const name of LINT_FAILING_DEFAULT_METRICS) registry.removeSingleMetric(name);
  const correlation = new CorrelationMetrics(registry, config.metrics.max_host_series);
  const inventory = {
    metricsSilentMs: config.assets.metrics_silent_ms,
    signalsSilentMs: config.assets.signals_silent_ms,
  };
  const pipelineRef: { current?: Pipeline } = {};
  const changeMetrics = new ChangeMetrics(registry, {
    maxSeries: config.metrics.max_host_series,
    temporaryWindowMs: config.engine.temporary_change_window_ms,
    getNow,
    // Assets seen in the last day of data: a host gone silent on one side is still in it, a decommissioned one leaves.
    inventory: async () => {
      const to = (pipelineRef.current?.newestDataTime ?? getNow()) + 1;
      return store.listAssets({ from: to - ASSET_RANGE_MS, to, limit: MAX_ASSET_SERIES, inventory });
    },
  });
  const incidentExport = startIncidentExport(config, registry, log);
  // The ingest metrics read the engine's gauges, so they are made after the pipeline they observe.
  const metrics: { ingest?: IngestMetrics } = {};
  const live = new Pipeline(store, {
    engine: {
      allowedLatenessMs: config.engine.allowed_lateness_ms,
      quietPeriodMs: config.engine.quiet_period_ms,
      culpritHoldMs: config.engine.culprit_hold_ms,
      changeWindowMs: config.engine.change_window_ms,
      temporaryChangeWindowMs: config.engine.temporary_change_window_ms,
      catalog: options.catalog,
      maxPastMs: config.engine.max_past_ms,
      maxHosts: config.engine.max_hosts,
      maxSeries: config.engine.max_series,
      maxProcesses: config.engine.max_processes,
      maxProcessesPerHost: config.engine.max_processes_per_host,
      maxSignals: config.engine.max_signals,
      maxSignalsPerHost: config.engine.max_signals_per_host,
      maxPendingPerHost: config.engine.max_pending_per_host,
    },
    idleAdvanceMs: config.engine.idle_advance_ms,
    maxFutureMs: config.engine.max_future_ms,
    getNow,
    listener: {
      anomaly: (anomaly, final) => correlation.anomaly(anomaly, final),
      incident: (incident, final) => {
        correlation.incident(incident, final);
        incidentExport?.incident(incident);
      },
      finding: (finding) => changeMetrics.finding(finding),
    },
    observeWriteLatency: (seconds) => metrics.ingest?.writeSeconds.observe(seconds),
    onStoreError: (error) => {
      metrics.ingest?.writeFailures.inc();
      log('error', 'store write failed', { error: errorText(error) });
    },
    onStoreUnavailable: (reason) => {
      log('error', 'store cannot commit: ingest answers 503 until it can; writes are kept and retried', { reason });
    },
    onStoreRecovered: (downMs) => log('info', 'store commits again: ingest resumed', { down_ms: downMs }),
  });
  pipelineRef.current = live;
  metrics.ingest = new IngestMetrics(registry, live.engine, () => live.writer);
  const lifecycle = { draining: false };
  const receiverTicks: Array<(now: number) => void> = [];
  const context = {
    pipeline: live,
    metrics: metrics.ingest,
    limits: config.limits,
    inFlight: new InFlightBytes(config.limits.max_in_flight_bytes, config.limits.retry_after_seconds),
    lifecycle,
    log,
    getNow,
    ticks: receiverTicks,
  };

  const otlp = createOtlpServer(context);
  const api = await createApiServer({
    registry,
    notReady: () => (lifecycle.draining ? 'the service is shutting down' : live.writer.unavailable?.message),
    log,
    limits: config.limits,
    routes:
      options.routes?.({ store, pipeline: live }) ??
      ((app) =>
        registerQueryApi(app, {
          store,
          timeline: live.engine,
          token: config.api.token,
          log,
          inventory,
        })),
  });
  let otlpUrl: string;
  let apiUrl: string;
  try {
    otlpUrl = await listen(otlp, config.otlp.listen);
    apiUrl = await listen(api, config.api.listen);
  } catch (error) {
    await Promise.allSettled([otlp.close(), api.close()]);
    await store.close();
    throw error;
  }

  const tick = setInterval(() => {
    // Receivers first (auditd events whose records stopped coming), so the idle advance sees what they emit.
    for (const task of receiverTicks) task(getNow());
    live.tick();
  }, options.tickMs ?? DEFAULT_TICK_MS);
  const retention = setInterval(() => prune(store, config, getNow, log), RETENTION_EVERY_MS);
  tick.unref();
  retention.unref();
  prune(store, config, getNow, log);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      lifecycle.draining = true;
      const deadline = getNow() + config.shutdown_timeout_ms;
      clearInterval(tick);
      clearInterval(retention);
      const drained = await withinTimeout(config.shutdown_timeout_ms, async () => {
        await otlp.close();
        for (const task of receiverTicks) task(Number.POSITIVE_INFINITY);
        await live.flush();
      });
      if (!drained) {
        log('warn', 'shutdown timed out; writes not yet committed are lost', {
          timeout_ms: config.shutdown_timeout_ms,
        });
        otlp.server.closeAllConnections();
      }
      live.writer.stop();
      // The exporter gets what is left of the budget for the incident records still queued.
      await incidentExport?.exporter.shutdown(Math.max(0, deadline - getNow()));
      live.writer.stop();
      await store.close();
      await api.close();
    })().finally(releaseHeapTuning);
    return closing;
  };
  return { otlpUrl, apiUrl, store, pipeline: live, apps: { otlp, api }, close };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function listen(app: FastifyInstance, address: ListenAddress): Promise<string> {
  await app.listen({ host: address.host, port: address.port });
  const bound = app.server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return `http://${host}:${bound.port}`;
}

function prune(store: IncidentStore, config: Config, getNow: () => number, log: Logger): void {
  const olderThan = getNow() - config.store.retention_hours * 60 * 60 * 1000;
  Promise.resolve()
    .then(() => store.prune(olderThan))
    .then((rows) => {
      if (rows > 0) log('info', 'retention: deleted old anomalies and incidents', { rows });
    })
    .catch((error: unknown) => log('error', 'retention prune failed', { error: String(error) }));
}

/** Runs `work`; true when it finished within `ms`. */
async function withinTimeout(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
