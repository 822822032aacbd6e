import type { LatencyLoad } from '../latency-otlp';
import { latencyRequests, scaleToMedian } from '../latency-otlp';
import type { Point } from '../nab-csv';
import { cpuRequests } from '../replay-path';
import type { LabelledSeries } from './corpus';

/** How a labelled series reaches the engine: CPU as `system.cpu.utilization`, anything else as latency. */
export interface View {
  name: string;
  metric: 'cpu' | 'latency';
  requests(series: LabelledSeries): unknown[];
}

export const CPU_VIEW: View = {
  name: 'system.cpu.utilization',
  metric: 'cpu',
  requests: (series) => cpuRequests(series.points),
};

/**
 * A non-CPU series as `http.server.request.duration` histograms (default buckets, with sums), rescaled so its
 * median is `medianSeconds`, `requests` per interval spread lognormally (s = 0.25) around the value.
 */
export function latencyView(requests: number, medianSeconds: number, spread = 0.25): View {
  return {
    name: `latency, ${requests} requests/interval, median ${medianSeconds * 1000} ms`,
    metric: 'latency',
    requests: (series) => {
      const load: LatencyLoad = { requests, spread, secondsPerUnit: scaleToMedian(series.points, medianSeconds) };
      return latencyRequests(series.points, load);
    },
  };
}

export function viewOf(series: LabelledSeries, latency: View): View {
  return series.kind === 'cpu' ? CPU_VIEW : latency;
}

export type { Point };
