import { hostname } from 'node:os';
import { logs } from '@opentelemetry/api-logs';
import { metrics } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { envDetector, hostDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { AgentConfig } from './config';
import { IndicatorLogs } from './otel/indicator-logs';
import { registerInstruments } from './otel/instruments';
import { createMetricReader } from './otel/metric-reader';
import { registerTailMetrics } from './otel/tail-metrics';
import type { Sample } from './sample/sampler';
import { Sampler } from './sample/sampler';
import type { ExportTally } from './tail/delivery';
import { ScopedProcessor, TAIL_SCOPE, TallyingExporter, tailProcessor } from './tail/delivery';
import { startTailing } from './tail/tailers';
import type { Tailing } from './tail/tailers';

export interface AgentLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The host agent: every interval it samples /proc, then flushes host and per-process CPU (metrics) and any new
 * suspicious-process indicators (logs) over OTLP/HTTP, through the OpenTelemetry Node SDK. Optionally tails
 * security logs into OTLP log records marked `lockstep.format`, on the same SDK, endpoint and resource.
 */
export class Agent {
  private sdk: NodeSDK | undefined;
  private reader: PeriodicExportingMetricReader | undefined;
  private timer: NodeJS.Timeout | undefined;
  private latest: Sample | undefined;
  private tailing: Tailing | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private warnedHidden = false;
  private cycle: Promise<void> = Promise.resolve();
  private readonly sampler: Sampler;

  constructor(
    private readonly config: AgentConfig,
    private readonly log: AgentLog,
  ) {
    this.sampler = new Sampler({ procRoot: config.procRoot, topProcesses: config.topProcesses });
  }

  async start(): Promise<void> {
    this.reader = createMetricReader(
      new OTLPMetricExporter({ url: `${this.config.endpoint}/v1/metrics`, headers: this.config.headers }),
      () => this.latest,
    );
    const logExporter = (): OTLPLogExporter =>
      new OTLPLogExporter({ url: `${this.config.endpoint}/v1/logs`, headers: this.config.headers });
    const indicators = new ScopedProcessor(
      new BatchLogRecordProcessor({ exporter: logExporter(), scheduledDelayMillis: 1000 }),
      (scope) => scope !== TAIL_SCOPE,
    );
    // Tailed lines have a processor of their own, flushed by the tail, so it knows when its lines are acknowledged.
    const tailExporter = new TallyingExporter(logExporter());
    const tailLogs = tailProcessor(tailExporter);
    this.sdk = new NodeSDK({
      // Not the process detector: it would stamp the agent's own pid on every resource. Detected attributes win
      // over the resource given here, so the host detector runs only when no host name is configured.
      resourceDetectors: this.config.hostName ? [envDetector] : [envDetector, hostDetector],
      resource: resourceFromAttributes({
        'service.name': 'lockstep-agent',
        ...(this.config.hostName ? { 'host.name': this.config.hostName } : {}),
      }),
      metricReaders: [this.reader],
      logRecordProcessors: [indicators, tailLogs],
      spanProcessors: [],
      instrumentations: [],
    });
    this.sdk.start();
    registerInstruments(metrics.getMeter('lockstep-agent'), () => this.latest);
    // The same name the host detector puts on the resource.
    const host = this.config.hostName ?? hostname();
    const indicatorLogs = new IndicatorLogs(logs.getLogger('lockstep-agent'), host);
    if (this.config.tail.length > 0) {
      const flush = async (): Promise<ExportTally> => {
        await tailLogs.forceFlush();
        return tailExporter.take();
      };
      const tailing = await startTailing(this.config, logs.getLogger(TAIL_SCOPE), flush, this.log);
      this.tailing = tailing;
      registerTailMetrics(metrics.getMeter('lockstep-agent'), () => tailing.stats);
      if (this.config.statusEverySeconds > 0) {
        this.statusTimer = setInterval(() => this.log.info(tailing.status()), this.config.statusEverySeconds * 1000);
      }
    }

    const tick = (): void => {
      this.cycle = this.cycle
        .then(() => this.runCycle(indicatorLogs))
        .catch((error: unknown) => {
          this.log.warn(`sampling failed: ${error instanceof Error ? error.message : String(error)}`);
        });
    };
    tick();
    this.timer = setInterval(tick, this.config.intervalSeconds * 1000);
    this.log.info(
      `sampling ${this.config.procRoot} every ${this.config.intervalSeconds} s, sending OTLP to ${this.config.endpoint}`,
    );
  }

  /** Stops sampling, flushes what was gathered and shuts the SDK down. Safe to call twice or before start. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
    await this.cycle;
    const tailing = this.tailing;
    this.tailing = undefined;
    if (tailing) {
      await tailing.stop();
      this.log.info(tailing.status());
    }
    const sdk = this.sdk;
    this.sdk = undefined;
    if (sdk) {
      await sdk.shutdown();
      // The SDK registered global providers; let a later agent in the same process register its own.
      metrics.disable();
      logs.disable();
    }
  }

  private async runCycle(indicatorLogs: IndicatorLogs): Promise<void> {
    const sample = await this.sampler.sample();
    this.latest = sample;
    if (sample.hiddenExe > 0 && !this.warnedHidden) {
      this.warnedHidden = true;
      this.log.warn(
        `running without full visibility: the executables of ${sample.hiddenExe} of ${sample.seen} processes are ` +
          'hidden (other users\u2019 processes); run as root or grant CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH to see them',
      );
    }
    indicatorLogs.emit(sample);
    await this.reader?.forceFlush();
  }
}
