import { attributeSetKey } from './attribute-key';
import { histogramInterval } from './histogram-delta';
import type { HistogramSnapshot } from './histogram-point';
import { NO_BUCKETS, readHistogramPoint } from './histogram-point';
import { readTemporality } from './metric-data';
import type { MetricContext } from './metric-context';
import { rejectMetric, rejectPoint } from './metric-context';
import { SKIP_POINT } from './number-point';
import { secondsPerUnit } from './units';

/** Characters of a bad `unit` quoted back in an error. */
const MAX_QUOTED_UNIT = 16;

/**
 * `http.server.request.duration` / `http.server.duration` (Histogram or ExponentialHistogram, cumulative or
 * delta) -> the requests each attribute set saw in the interval, merged per resource and timestamp. Cumulative
 * points are differenced bucket by bucket against the series' previous point; their first point gives nothing.
 */
export function decodeLatency(ctx: MetricContext): void {
  const { data } = ctx;
  if (data.points === undefined) return rejectMetric(ctx, 'dataPoints is missing or not an array');
  if (data.type !== 'histogram' && data.type !== 'exponentialHistogram') {
    return rejectMetric(ctx, `expected a Histogram or ExponentialHistogram, got a ${data.type}`);
  }
  const unit = secondsPerUnit(ctx.name, ctx.metric.unit);
  if (unit === undefined) {
    const quoted = JSON.stringify(String(ctx.metric.unit).slice(0, MAX_QUOTED_UNIT));
    return rejectMetric(ctx, `unit ${quoted} is not a time unit (expected s or ms)`);
  }
  const temporality = readTemporality(data.body);
  if (temporality === undefined) {
    return rejectMetric(ctx, 'aggregationTemporality is missing or unspecified (expected 1 = DELTA or 2 = CUMULATIVE)');
  }
  const exponential = data.type === 'exponentialHistogram';
  const prefix = `${ctx.batch.key}\u0000${ctx.name}\u0000`;
  for (const raw of data.points) {
    const point = readHistogramPoint(raw, exponential);
    if (point === SKIP_POINT) continue;
    if (point === NO_BUCKETS) {
      ctx.report.unsupported += 1;
      continue;
    }
    if (typeof point === 'string') {
      rejectPoint(ctx, point);
      continue;
    }
    let interval: HistogramSnapshot;
    if (temporality === 'delta') interval = point.snapshot;
    else {
      const step = histogramInterval(ctx.state.histograms, prefix + attributeSetKey(point.attributes), point);
      if (step === 'untracked') rejectPoint(ctx, 'starts a new series while the decoder tracks its limit of series');
      if (typeof step === 'string') continue;
      interval = step;
    }
    // Intervals without requests carry no latency.
    if (interval.total > 0) ctx.batch.latencyInterval(point.time, ctx.name, unit).add(interval);
  }
}
