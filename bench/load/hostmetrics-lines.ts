/**
 * Synthetic load for throughput benchmarks: OTLP JSON lines shaped like the OpenTelemetry Collector
 * hostmetrics receiver's output (cpu scraper per cpu and state, process scraper with one resource per
 * process), for many hosts. Values are plausible, not a scenario: this measures speed, not correctness.
 */
export interface LoadShape {
  hosts: number;
  processesPerHost: number;
  cpus: number;
  intervalMs: number;
  scrapes: number;
  startMs: number;
}

const CPU_STATES = ['user', 'system', 'idle', 'interrupt', 'nice', 'softirq', 'steal', 'wait'] as const;
const PROCESS_STATES = ['user', 'system', 'wait'] as const;

function str(key: string, value: string): object {
  return { key, value: { stringValue: value } };
}

function int(key: string, value: number): object {
  return { key, value: { intValue: String(value) } };
}

function nanos(ms: number): string {
  return `${ms}000000`;
}

function systemLine(host: string, shape: LoadShape, scrape: number): string {
  const t = shape.startMs + scrape * shape.intervalMs;
  const points: object[] = [];
  for (let cpu = 0; cpu < shape.cpus; cpu += 1) {
    for (const state of CPU_STATES) {
      const share = state === 'idle' ? 0.8 : state === 'user' ? 0.12 : state === 'system' ? 0.05 : 0.0043;
      points.push({
        attributes: [str('cpu', `cpu${cpu}`), str('state', state)],
        startTimeUnixNano: nanos(shape.startMs - 3_600_000),
        timeUnixNano: nanos(t),
        asDouble: Math.round((3600 + (scrape * shape.intervalMs) / 1000) * share * 100) / 100,
      });
    }
  }
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: [str('host.name', host), str('os.type', 'linux')] },
        scopeMetrics: [
          {
            scope: {
              name: 'github.com/open-telemetry/opentelemetry-collector-contrib/receiver/hostmetricsreceiver/internal/scraper/cpuscraper',
              version: '0.120.0',
            },
            metrics: [
              {
                name: 'system.cpu.time',
                unit: 's',
                sum: { dataPoints: points, aggregationTemporality: 2, isMonotonic: true },
              },
            ],
          },
        ],
      },
    ],
  });
}

function processLine(host: string, shape: LoadShape, scrape: number): string {
  const t = shape.startMs + scrape * shape.intervalMs + 7;
  const resourceMetrics: object[] = [];
  for (let p = 0; p < shape.processesPerHost; p += 1) {
    const pid = 1000 + p;
    const name = `worker-${p}`;
    const perScrape = 0.01 + (p % 7) * 0.02;
    resourceMetrics.push({
      resource: {
        attributes: [
          str('host.name', host),
          int('process.pid', pid),
          int('process.parent_pid', 1),
          str('process.executable.name', name),
          str('process.executable.path', `/usr/bin/${name}`),
          str('process.command', `/usr/bin/${name}`),
          str('process.command_line', `/usr/bin/${name} --serve --port ${8000 + p}`),
          str('process.owner', 'app'),
        ],
      },
      scopeMetrics: [
        {
          scope: {
            name: 'github.com/open-telemetry/opentelemetry-collector-contrib/receiver/hostmetricsreceiver/internal/scraper/processscraper',
            version: '0.120.0',
          },
          metrics: [
            {
              name: 'process.cpu.time',
              unit: 's',
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: PROCESS_STATES.map((state, i) => ({
                  attributes: [str('state', state)],
                  startTimeUnixNano: nanos(shape.startMs - 600_000 - pid),
                  timeUnixNano: nanos(t),
                  asDouble:
                    Math.round(((scrape * shape.intervalMs) / 1000) * perScrape * (i === 0 ? 0.8 : 0.1) * 1000) / 1000,
                })),
              },
            },
          ],
        },
      ],
    });
  }
  return JSON.stringify({ resourceMetrics });
}

/** Yields lines scrape by scrape (all hosts), as a collector gateway's file exporter would interleave them. */
export function* hostmetricsLines(shape: LoadShape): Generator<string> {
  for (let scrape = 0; scrape < shape.scrapes; scrape += 1) {
    for (let h = 0; h < shape.hosts; h += 1) {
      const host = `host-${String(h).padStart(3, '0')}`;
      yield systemLine(host, shape, scrape);
      if (shape.processesPerHost > 0) yield processLine(host, shape, scrape);
    }
  }
}

/** Data points one pass of `hostmetricsLines` carries. */
export function pointsIn(shape: LoadShape): number {
  const perScrapePerHost = shape.cpus * CPU_STATES.length + shape.processesPerHost * PROCESS_STATES.length;
  return perScrapePerHost * shape.hosts * shape.scrapes;
}
