import type { Anomaly, MetricKind } from '@lockstep/contract';
import type { MetricSample } from '@lockstep/correlator';
import { Engine, OtlpMetricsDecoder } from '@lockstep/correlator';
import type { Detect } from './detectors';
import type { Point } from './nab-csv';

/** NAB CPU values are percent of the machine; OTLP's system.cpu.utilization is a 0..1 fraction. */
const PERCENT = 0.01;
const HOST = 'nab-host';

function nanos(ms: number): string {
  return `${ms}000000`;
}

/** One hostmetrics-shaped request: `system.cpu.utilization` for one cpu, busy in `user`, the rest `idle`. */
function cpuRequest(time: number, percent: number): unknown {
  const busy = Math.min(1, Math.max(0, percent * PERCENT));
  const point = (state: string, value: number): object => ({
    attributes: [
      { key: 'cpu', value: { stringValue: 'cpu0' } },
      { key: 'state', value: { stringValue: state } },
    ],
    timeUnixNano: nanos(time),
    asDouble: value,
  });
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: HOST } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'system.cpu.utilization',
                unit: '1',
                gauge: { dataPoints: [point('user', busy), point('idle', 1 - busy)] },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** A CPU series (percent) as the OTLP requests a hostmetrics receiver would send; missing values are skipped. */
export function cpuRequests(points: readonly Point[]): unknown[] {
  return points.filter((p) => Number.isFinite(p.value)).map((p) => cpuRequest(p.time, p.value));
}

/** Through text and back, as a line of the Collector's file exporter reaches `lockstep replay`. */
function* decoded(requests: readonly unknown[]): Generator<MetricSample> {
  const decoder = new OtlpMetricsDecoder();
  for (const request of requests) yield* decoder.decode(JSON.parse(JSON.stringify(request))).samples;
}

/**
 * The series the engine's detector sees for these requests: host CPU utilization, or a service's latency as the
 * engine judges it (the mean when histograms carry a sum). Used to tune and cross-validate the detector directly.
 */
export function engineSeries(requests: readonly unknown[]): Point[] {
  const out: Point[] = [];
  for (const sample of decoded(requests)) {
    if (sample.kind === 'host-cpu') out.push({ time: sample.time, value: sample.utilization });
    if (sample.kind === 'latency') out.push({ time: sample.time, value: sample.mean ?? sample.p95 });
  }
  return out;
}

/**
 * The requests through the same code path as `lockstep replay`: decoded by the replay's OTLP decoder and fed to
 * the Engine; anomaly starts of `metric` are read off the anomalies it emits in their final state.
 */
export function replayPath(toRequests: (points: readonly Point[]) => unknown[], metric: MetricKind): Detect {
  return (points) => {
    const starts: number[] = [];
    const engine = new Engine({
      anomaly: (anomaly: Anomaly, final: boolean) => {
        if (final && anomaly.metric === metric) starts.push(Date.parse(anomaly.start));
      },
      incident: () => undefined,
    });
    for (const sample of decoded(toRequests(points))) engine.ingest(sample);
    engine.flush();
    return starts.sort((a, b) => a - b);
  };
}
