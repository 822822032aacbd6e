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
import type { Sample } from './sample/sampler';
import { Sampler } from './sample/sampler';
import { startTailers } from './tail/tailers';
import type { Tailers } from './tail/tailers';

export interface AgentLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The host agent: every interval it samples /proc, then flushes host and per-process CPU (metrics) and any new
 * suspicious-process indicators (logs) over OTLP/HTTP, through the OpenTelemetry Node SDK. Optionally tails
 * security logs to the correlator's raw event endpoints.
 */
export class Agent {
  private sdk: NodeSDK | undefined;
  private reader: PeriodicExportingMetricReader | undefined;
  private timer: NodeJS.Timeout | undefined;
  private latest: Sample | undefined;
  private tailers: Tailers | undefined;
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
    const logExporter = new OTLPLogExporter({ url: `${this.config.endpoint}/v1/logs`, headers: this.config.headers });
    const processor = new BatchLogRecordProcessor({ exporter: logExporter, scheduledDelayMillis: 1000 });
    this.sdk = new NodeSDK({
      // Not the process detector: it would stamp the agent's own pid on every resource. Detected attributes win
      // over the resource given here, so the host detector runs only when no host name is configured.
      resourceDetectors: this.config.hostName ? [envDetector] : [envDetector, hostDetector],
      resource: resourceFromAttributes({
        'service.name': 'lockstep-agent',
        ...(this.config.hostName ? { 'host.name': this.config.hostName } : {}),
      }),
      metricReaders: [this.reader],
      logRecordProcessors: [processor],
      spanProcessors: [],
      instrumentations: [],
    });
    this.sdk.start();
    registerInstruments(metrics.getMeter('lockstep-agent'), () => this.latest);
    // The same name the host detector puts on the resource.
    const host = this.config.hostName ?? hostname();
    const indicatorLogs = new IndicatorLogs(logs.getLogger('lockstep-agent'), host);
    if (this.config.tail.length > 0) this.tailers = await startTailers(this.config, this.log);

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
    await this.cycle;
    await this.tailers?.stop();
    this.tailers = undefined;
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
