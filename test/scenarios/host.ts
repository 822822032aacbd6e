import type { Rng } from './rng';

/**
 * A simulated Linux host scraped like the OpenTelemetry Collector hostmetrics receiver does: every interval
 * the cpu scraper reports `system.cpu.time` (cumulative seconds per cpu and state) or `system.cpu.utilization`
 * (gauge per cpu and state), and the process scraper reports `process.cpu.time` per live process resource
 * (cumulative seconds per state, start time = process start). Optional extras: `container.cpu.time` per
 * container and an HTTP server latency histogram per service.
 */

/** Cores a process uses at a given time (epoch ms). */
export type Load = (time: number) => number;

export interface SimProcess {
  pid: number;
  ppid: number;
  name: string;
  exe: string;
  cmdline: string;
  owner: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms; alive until the end of the scenario when absent. */
  end?: number;
  containerId?: string;
  load: Load;
}

export interface SimContainer {
  id: string;
  name: string;
  pod?: string;
  namespace?: string;
}

export interface SimService {
  name: string;
  /** Requests per second. */
  rate: number;
  /**
   * Requests per interval drawn as a Poisson count (a quiet service: a handful per scrape, some scrapes none);
   * otherwise the rate times the interval, give or take 10 %.
   */
  poisson?: boolean;
  /** Median latency in seconds at a given time. */
  median: (time: number) => number;
  start: number;
  containerId?: string;
}

export interface SimHost {
  name: string;
  cpus: number;
  cpuMetric: 'system.cpu.time' | 'system.cpu.utilization';
  processes: SimProcess[];
  containers: SimContainer[];
  services: SimService[];
  /** Boot time, epoch ms (start of the cumulative cpu counters). */
  boot: number;
}

type Attr = { key: string; value: { stringValue: string } | { intValue: string } | { doubleValue: number } };

function str(key: string, value: string): Attr {
  return { key, value: { stringValue: value } };
}
function int(key: string, value: number): Attr {
  return { key, value: { intValue: String(value) } };
}
function nanos(ms: number): string {
  return `${BigInt(Math.round(ms)) * 1_000_000n}`;
}

/** Standard bucket bounds of OpenTelemetry SDKs for http.server.request.duration (seconds). */
const LATENCY_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const SCRAPER_SCOPE =
  'github.com/open-telemetry/opentelemetry-collector-contrib/receiver/hostmetricsreceiver/internal/scraper';
const CPU_STATES = ['user', 'system', 'idle', 'interrupt', 'nice', 'softirq', 'steal', 'wait'] as const;

interface CpuCounters {
  seconds: Record<(typeof CPU_STATES)[number], number>;
}

/** Runs the host from `from` to `to`, calling `emit(time, line)` for every OTLP JSON line in time order. */
export function scrapeHost(
  host: SimHost,
  rng: Rng,
  window: { from: number; to: number; interval: number },
  emit: (time: number, line: string) => void,
): void {
  const perCpu: CpuCounters[] = Array.from({ length: host.cpus }, () => ({
    seconds: { user: 0, system: 0, idle: 0, interrupt: 0, nice: 0, softirq: 0, steal: 0, wait: 0 },
  }));
  // Counters start at boot: give them an uptime-sized history so values look real.
  const uptime = (window.from - host.boot) / 1000;
  for (const cpu of perCpu) {
    cpu.seconds.idle = uptime * 0.85;
    cpu.seconds.user = uptime * 0.1;
    cpu.seconds.system = uptime * 0.04;
    cpu.seconds.softirq = uptime * 0.01;
  }
  const processCpu = new Map<SimProcess, { user: number; system: number }>();
  const containerCpu = new Map<string, number>();
  const histograms = new Map<SimService, { counts: number[]; sum: number; count: number }>();

  for (let time = window.from; time <= window.to; time += window.interval) {
    const seconds = window.interval / 1000;
    let busyCores = 0.03 * host.cpus * (1 + 0.3 * rng.normal() * 0.3);
    for (const process of host.processes) {
      if (process.start > time || (process.end !== undefined && process.end <= time - window.interval)) continue;
      const aliveFrom = Math.max(process.start, time - window.interval);
      const aliveTo = Math.min(process.end ?? time, time);
      const aliveSeconds = Math.max(0, (aliveTo - aliveFrom) / 1000);
      const cores = Math.max(0, process.load((aliveFrom + aliveTo) / 2) * (1 + 0.08 * rng.normal()));
      const used = Math.min(cores, host.cpus) * aliveSeconds;
      const counters = processCpu.get(process) ?? { user: 0, system: 0 };
      counters.user += used * 0.9;
      counters.system += used * 0.1;
      processCpu.set(process, counters);
      if (process.containerId !== undefined) {
        containerCpu.set(process.containerId, (containerCpu.get(process.containerId) ?? 0) + used);
      }
      busyCores += used / seconds;
    }
    busyCores = Math.min(Math.max(busyCores, 0), host.cpus * 0.99);
    spreadOverCpus(perCpu, busyCores, seconds, rng);
    emit(time, JSON.stringify(cpuRequest(host, perCpu, time, window.interval)));

    const live = host.processes.filter((p) => p.start <= time && (p.end === undefined || p.end > time));
    emit(time, JSON.stringify(processRequest(host, live, processCpu, time)));

    if (host.containers.length > 0) emit(time, JSON.stringify(containerRequest(host, containerCpu, time)));
    for (const service of host.services) {
      if (service.start > time) continue;
      const state = histograms.get(service) ?? { counts: LATENCY_BOUNDS.map(() => 0).concat(0), sum: 0, count: 0 };
      histograms.set(service, state);
      const requests = service.poisson
        ? rng.poisson(service.rate * seconds)
        : Math.round(service.rate * seconds * (1 + 0.1 * rng.normal()));
      const median = service.median(time);
      for (let i = 0; i < requests; i += 1) {
        const latency = median * Math.exp(0.45 * rng.normal());
        let bucket = LATENCY_BOUNDS.findIndex((bound) => latency <= bound);
        if (bucket < 0) bucket = LATENCY_BOUNDS.length;
        state.counts[bucket] = (state.counts[bucket] ?? 0) + 1;
        state.sum += latency;
        state.count += 1;
      }
      emit(time, JSON.stringify(latencyRequest(host, service, state, time)));
    }
  }
}

/** Puts `busyCores` of work on the cpus unevenly, as a scheduler would, and the rest in idle. */
function spreadOverCpus(perCpu: CpuCounters[], busyCores: number, seconds: number, rng: Rng): void {
  const weights = perCpu.map(() => 0.7 + 0.6 * rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  let overflow = 0;
  perCpu.forEach((cpu, index) => {
    let busy = (busyCores * (weights[index] ?? 1)) / total + overflow;
    overflow = Math.max(0, busy - 0.995);
    busy = Math.min(busy, 0.995);
    const s = cpu.seconds;
    s.user += busy * seconds * 0.82;
    s.system += busy * seconds * 0.14;
    s.softirq += busy * seconds * 0.02;
    s.wait += busy * seconds * 0.01;
    s.interrupt += busy * seconds * 0.01;
    s.idle += (1 - busy) * seconds;
  });
}

function cpuRequest(host: SimHost, perCpu: CpuCounters[], time: number, interval: number): unknown {
  const metric =
    host.cpuMetric === 'system.cpu.time'
      ? {
          name: 'system.cpu.time',
          description: 'Total seconds each logical CPU spent on each mode.',
          unit: 's',
          sum: { dataPoints: cpuTimePoints(host, perCpu, time), aggregationTemporality: 2, isMonotonic: true },
        }
      : {
          name: 'system.cpu.utilization',
          description: 'Difference in system.cpu.time since the last measurement per logical CPU.',
          unit: '1',
          gauge: { dataPoints: utilizationPoints(perCpu, time, interval) },
        };
  return {
    resourceMetrics: [
      {
        resource: { attributes: [str('host.name', host.name), str('os.type', 'linux')] },
        scopeMetrics: [{ scope: { name: `${SCRAPER_SCOPE}/cpuscraper`, version: '0.139.0' }, metrics: [metric] }],
      },
    ],
  };
}

function cpuTimePoints(host: SimHost, perCpu: CpuCounters[], time: number): unknown[] {
  return perCpu.flatMap((cpu, index) =>
    CPU_STATES.map((state) => ({
      attributes: [str('cpu', `cpu${index}`), str('state', state)],
      startTimeUnixNano: nanos(host.boot),
      timeUnixNano: nanos(time),
      asDouble: round(cpu.seconds[state], 2),
    })),
  );
}

const previousUtilization = new WeakMap<CpuCounters, CpuCounters['seconds']>();

function utilizationPoints(perCpu: CpuCounters[], time: number, interval: number): unknown[] {
  const points: unknown[] = [];
  perCpu.forEach((cpu, index) => {
    const before = previousUtilization.get(cpu);
    previousUtilization.set(cpu, { ...cpu.seconds });
    if (before === undefined) return;
    for (const state of CPU_STATES) {
      points.push({
        attributes: [str('cpu', `cpu${index}`), str('state', state)],
        timeUnixNano: nanos(time),
        asDouble: round(Math.min(1, Math.max(0, (cpu.seconds[state] - before[state]) / (interval / 1000))), 4),
      });
    }
  });
  return points;
}

function processRequest(
  host: SimHost,
  live: SimProcess[],
  processCpu: Map<SimProcess, { user: number; system: number }>,
  time: number,
): unknown {
  return {
    resourceMetrics: live.map((process) => {
      const counters = processCpu.get(process) ?? { user: 0, system: 0 };
      const attributes = [
        str('host.name', host.name),
        int('process.pid', process.pid),
        int('process.parent_pid', process.ppid),
        str('process.executable.name', process.name),
        str('process.executable.path', process.exe),
        str('process.command', process.cmdline.split(' ')[0] ?? process.name),
        str('process.command_line', process.cmdline),
        str('process.owner', process.owner),
      ];
      if (process.containerId !== undefined) attributes.push(str('container.id', process.containerId));
      const point = (state: string, value: number) => ({
        attributes: [str('state', state)],
        startTimeUnixNano: nanos(process.start),
        timeUnixNano: nanos(time),
        asDouble: round(value, 3),
      });
      return {
        resource: { attributes },
        scopeMetrics: [
          {
            scope: { name: `${SCRAPER_SCOPE}/processscraper`, version: '0.139.0' },
            metrics: [
              {
                name: 'process.cpu.time',
                description: 'Total CPU seconds broken down by different states.',
                unit: 's',
                sum: {
                  dataPoints: [point('user', counters.user), point('system', counters.system), point('wait', 0)],
                  aggregationTemporality: 2,
                  isMonotonic: true,
                },
              },
            ],
          },
        ],
      };
    }),
  };
}

function containerRequest(host: SimHost, containerCpu: Map<string, number>, time: number): unknown {
  return {
    resourceMetrics: host.containers.map((container) => {
      const attributes = [
        str('host.name', host.name),
        str('container.id', container.id),
        str('container.name', container.name),
      ];
      if (container.pod !== undefined) attributes.push(str('k8s.pod.name', container.pod));
      if (container.namespace !== undefined) attributes.push(str('k8s.namespace.name', container.namespace));
      return {
        resource: { attributes },
        scopeMetrics: [
          {
            scope: { name: 'lockstep-scenario/containers' },
            metrics: [
              {
                name: 'container.cpu.time',
                unit: 's',
                sum: {
                  dataPoints: [
                    {
                      startTimeUnixNano: nanos(host.boot),
                      timeUnixNano: nanos(time),
                      asDouble: round(containerCpu.get(container.id) ?? 0, 3),
                    },
                  ],
                  aggregationTemporality: 2,
                  isMonotonic: true,
                },
              },
            ],
          },
        ],
      };
    }),
  };
}

function latencyRequest(
  host: SimHost,
  service: SimService,
  state: { counts: number[]; sum: number; count: number },
  time: number,
): unknown {
  const attributes = [str('service.name', service.name), str('host.name', host.name)];
  if (service.containerId !== undefined) attributes.push(str('container.id', service.containerId));
  return {
    resourceMetrics: [
      {
        resource: { attributes },
        scopeMetrics: [
          {
            scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' },
            metrics: [
              {
                name: 'http.server.request.duration',
                description: 'Duration of HTTP server requests.',
                unit: 's',
                histogram: {
                  dataPoints: [
                    {
                      attributes: [str('http.request.method', 'GET'), int('http.response.status_code', 200)],
                      startTimeUnixNano: nanos(service.start),
                      timeUnixNano: nanos(time),
                      count: String(state.count),
                      sum: round(state.sum, 4),
                      bucketCounts: state.counts.map(String),
                      explicitBounds: LATENCY_BOUNDS,
                    },
                  ],
                  aggregationTemporality: 2,
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A steady load with some noise around `level` cores. */
export function steady(rng: Rng, level: number): Load {
  const phase = rng.next() * Math.PI * 2;
  const period = rng.between(15, 45) * 60_000;
  return (time) => Math.max(0, level * (1 + 0.25 * Math.sin(phase + (2 * Math.PI * time) / period)));
}

/** `base` cores, rising to `peak` cores between `from` and `to` (epoch ms), with a short ramp. */
export function burst(base: number, peak: number, from: number, to: number, rampMs = 20_000): Load {
  return (time) => {
    if (time < from || time > to) return base;
    const ramp = Math.min(1, (time - from) / rampMs, (to - time) / rampMs);
    return base + (peak - base) * Math.max(0, ramp);
  };
}
