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

/** Share of the machine a CPU-like series' largest value is mapped to. */
const CPU_LIKE_PEAK_PERCENT = 95;
const TEN_MINUTES = 10 * 60_000;

/**
 * The pool the CPU options are chosen on: every NAB series sampled every 5 to 10 minutes, as CloudWatch samples a
 * host's CPU. Six CPU series are too few to choose on; NAB's network, disk, request-count, traffic, tweet and
 * keystroke series at the same step have the shapes CPU has (idle with bursts, noisy plateaus, steps, daily
 * rhythms) and their own labelled windows.
 */
export function inCpuPool(series: LabelledSeries): boolean {
  if (series.source !== 'nab' || series.points.length < 2) return false;
  const steps = series.points.slice(1).map((p, i) => p.time - (series.points[i] as Point).time);
  steps.sort((a, b) => a - b);
  return (steps[steps.length >> 1] as number) <= TEN_MINUTES;
}

/**
 * A pool series as `system.cpu.utilization`: CPU series as they are; any other scaled so its largest value is 95 %
 * of the machine (negative values clamp to 0), which puts an idle-with-bursts series near zero and a busy one
 * mid-range, where the materiality floors matter as they do for a host.
 */
export const CPU_LIKE_VIEW: View = {
  name: 'system.cpu.utilization, other series scaled to a 95 % peak',
  metric: 'cpu',
  requests: (series) => {
    if (series.kind === 'cpu') return cpuRequests(series.points);
    const peak = Math.max(...series.points.map((p) => (Number.isFinite(p.value) ? p.value : 0)));
    const scale = peak > 0 ? CPU_LIKE_PEAK_PERCENT / peak : 0;
    return cpuRequests(series.points.map((p) => ({ time: p.time, value: Math.max(0, p.value) * scale })));
  },
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
