import type { Anomaly } from '@lockstep/contract';
import { Engine, OtlpMetricsDecoder } from '@lockstep/correlator';
import type { Detect } from './detectors';

/** NAB CPU values are percent of the machine; OTLP's system.cpu.utilization is a 0..1 fraction. */
const PERCENT = 0.01;
const HOST = 'nab-host';

function nanos(ms: number): string {
  return `${ms}000000`;
}

/** One hostmetrics-shaped request: `system.cpu.utilization` for one cpu, busy in `user`, the rest `idle`. */
function request(time: number, percent: number): unknown {
  const busy = Math.min(1, Math.max(0, percent * PERCENT));
  const point = (state: string, value: number): object => ({
    attributes: [
      { key: 'cpu', value: { stringValue: 'cpu0' } },
      { key: 'state', value: { stringValue: state } },
    ],
    timeUnixNano: nanos(time),
    asDouble: value,
  });
  const line = JSON.stringify({
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
  });
  // Through text and back, as a line of the Collector's file exporter reaches `lockstep replay`.
  return JSON.parse(line);
}

/**
 * The CSV through the same code path as `lockstep replay`: each value becomes an OTLP JSON line, decoded by the
 * replay's OTLP decoder and fed to the Engine; anomaly starts are read off the host-CPU anomalies it emits.
 */
export function replayPath(): Detect {
  return (points) => {
    const starts: number[] = [];
    const engine = new Engine({
      anomaly: (anomaly: Anomaly, final: boolean) => {
        if (final && anomaly.metric === 'cpu') starts.push(Date.parse(anomaly.start));
      },
      incident: () => undefined,
    });
    const decoder = new OtlpMetricsDecoder();
    for (const { time, value } of points) {
      for (const sample of decoder.decode(request(time, value)).samples) engine.ingest(sample);
    }
    engine.flush();
    return starts.sort((a, b) => a - b);
  };
}
