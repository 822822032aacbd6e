import { hostname } from 'node:os';
import path from 'node:path';
import type { Agent, AgentConfig, AgentLog } from '@lockstep/agent';
import { DEFAULT_DETECTOR_OPTIONS } from '../../engine/detector';
import type { Catalog } from '../../engine/catalog';
import type { Config } from '../../service/config/schema';
import { DEFAULT_CONFIG } from '../../service/config/schema';
import type { RunningService } from '../../service/service';
import { startService } from '../../service/service';
import type { LogFields, Logger } from '../../service/log';
import { DATABASE_FILE } from '../../exporters/store/open';
import type { Palette } from './render';
import { line } from './render';
import { safeText } from '../../model/safe-text';
import type { IncidentSource } from './view';
import { IncidentView, LOOKBACK_MS } from './view';

export interface LiveOptions {
  config: Config;
  /** The service catalogue the config names, read and validated. */
  catalog?: Catalog;
  /** The agent's configuration; its endpoint is replaced by the correlator started here. */
  agent: AgentConfig;
  statusEverySeconds: number;
  palette: Palette;
  /** Where the view's lines go (stdout). */
  write: (text: string) => void;
}

/**
 * The correlator and the agent in this process, and the terminal view of what they find: `lockstep start`, and
 * the stage `lockstep demo` plays on.
 */
export class LiveSession {
  readonly hostName: string;
  readonly otlpUrl: string;
  readonly apiUrl: string;
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly service: RunningService,
    private readonly agent: Agent,
    readonly view: IncidentView,
    hostName: string,
  ) {
    this.hostName = hostName;
    this.otlpUrl = service.otlpUrl;
    this.apiUrl = service.apiUrl;
  }

  /** Starts the correlator, then the agent sending to it, then the view. Throws when a listener cannot bind. */
  static async start(options: LiveOptions): Promise<LiveSession> {
    const service = await startService(options.config, { log: viewLogger(options), catalog: options.catalog });
    let agent: Agent | undefined;
    try {
      const hostName = options.agent.hostName ?? hostname();
      const view = new IncidentView(storeSource(service), { ...options, hostName });
      const earlier = await view.prime();
      // Loaded on demand, as for `lockstep agent`: the OpenTelemetry SDK is only needed here.
      const { Agent } = await import('@lockstep/agent');
      agent = new Agent({ ...options.agent, endpoint: service.otlpUrl }, agentLogger(options));
      const session = new LiveSession(service, agent, view, hostName);
      options.write(banner(session, options, earlier));
      await agent.start();
      view.start();
      return session;
    } catch (error) {
      await agent?.stop();
      await service.close();
      throw error;
    }
  }

  /** Stops the agent (after its last sample), the view, then the correlator (open incidents stored). Safe twice. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.agent.stop();
      await this.view.stop();
      await this.service.close();
    })();
    return this.stopping;
  }
}

/** The store and engine of the service in this process. */
function storeSource(service: RunningService): IncidentSource {
  const engine = service.pipeline.engine;
  return {
    list: async () => (await service.store.listIncidents({ from: Date.now() - LOOKBACK_MS, limit: 200 })).items,
    anomalies: async () => (await service.store.listAnomalies({ from: Date.now() - LOOKBACK_MS, limit: 200 })).items,
    hostCpu: async (host) => engine.timeline({ host, metric: 'cpu' })?.points.map((point) => point.value) ?? [],
    figures: () => {
      const stats = engine.stats();
      return {
        openSpikes: stats.openAnomalies,
        hosts: stats.hosts,
        processes: stats.processes,
        signals: stats.signalsStored,
        samples: stats.observations,
      };
    },
  };
}

function banner(session: LiveSession, options: LiveOptions, earlier: number): string {
  const { config, agent, palette } = options;
  const { apiUrl, otlpUrl } = session;
  const row = (name: string, value: string): string => `  ${name.padEnd(26)}${value}\n`;
  const warmUp = DEFAULT_DETECTOR_OPTIONS.warmUpSamples;
  const token = config.api.token === '' ? '' : '  (bearer token: api.token)';
  return (
    `${palette.bold(`Lockstep is running on this machine (host ${safeText(session.hostName, 80)})`)}\n` +
    row('Grafana data source URL', `${apiUrl}${token}`) +
    row('query API', `${apiUrl}/api/v1/incidents  (OpenAPI: ${apiUrl}/api/v1/openapi.json)`) +
    row('Prometheus scrape target', `${apiUrl}/metrics`) +
    row('OTLP/HTTP and events in', `${otlpUrl}  (/v1/metrics, /v1/logs, /v1/events/falco, ...)`) +
    row('incident store', safeText(path.resolve(config.data_dir, DATABASE_FILE))) +
    row(
      'agent',
      `samples ${safeText(agent.procRoot)} every ${agent.intervalSeconds} s; a host's spikes are judged once ` +
        `${warmUp} samples (~${warmUp * agent.intervalSeconds} s) of baseline are in`,
    ) +
    (earlier > 0 ? row('earlier incidents', `${earlier} in the store (query API); only changes are shown`) : '') +
    'Spikes (with the processes behind them, measured as they go on) and incidents are shown below as they open,\n' +
    'change and end. Ctrl-C stops.\n'
  );
}

/**
 * Engine lateness for a local run: only this machine's agent sends, right after each sample, so waiting the
 * default 30 s for stragglers would only delay every incident. Three sampling intervals, unless configured.
 */
export function localConfig(config: Config, intervalSeconds: number): Config {
  if (config.engine.allowed_lateness_ms !== DEFAULT_CONFIG.engine.allowed_lateness_ms) return config;
  const lateness = Math.min(DEFAULT_CONFIG.engine.allowed_lateness_ms, 3 * intervalSeconds * 1000);
  return { ...config, engine: { ...config.engine, allowed_lateness_ms: lateness } };
}

/** The service's log in the view: one readable line each, outside strings made safe. */
function viewLogger(options: LiveOptions): Logger {
  return (level, message, fields) => {
    const label = level === 'info' ? 'service' : level;
    options.write(`${line(options.palette, label, safeText(message) + formatFields(fields))}\n`);
  };
}

function formatFields(fields: LogFields | undefined): string {
  const parts = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${safeText(key, 40)}=${safeText(String(value), 200)}`);
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

function agentLogger(options: LiveOptions): AgentLog {
  const say = (label: string) => (message: string) =>
    options.write(`${line(options.palette, label, safeText(message, 500))}\n`);
  return { info: say('agent'), warn: say('warning') };
}
