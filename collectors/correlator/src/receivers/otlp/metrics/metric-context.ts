import type { CounterStep } from './counter';
import { MIN_RATE_INTERVAL_MS } from './timing';
import type { CpuAttributes } from './cpu-attributes';
import type { DecoderState } from './decoder-state';
import type { JsonObject } from '../json';
import type { MetricData, Temporality } from './metric-data';
import { readTemporality } from './metric-data';
import type { NumberPoint } from './number-point';
import type { DecodeReport } from '../report';
import type { ResourceBatch } from './resource-batch';

/** One metric being decoded, with the decoder's state and reusable scratch holders. */
export interface MetricContext {
  name: string;
  metric: JsonObject;
  data: MetricData;
  batch: ResourceBatch;
  state: DecoderState;
  report: DecodeReport;
  point: NumberPoint;
  cpu: CpuAttributes;
  /** Output of `pointIncrease`: the counter's increase and the interval it covers. */
  rate: { delta: number; intervalMs: number };
}

/** Rejects every point of the metric (at least one) with a sentence naming the metric. */
export function rejectMetric(ctx: MetricContext, reason: string): void {
  ctx.report.reject(`${ctx.name}: ${reason}`, Math.max(1, ctx.data.points?.length ?? 0));
}

export function rejectPoint(ctx: MetricContext, problem: string): void {
  ctx.report.reject(`${ctx.name}: a data point ${problem}`);
}

/**
 * How to read a CPU-time metric as a counter: a Sum with its temporality, or a Gauge of cumulative readings
 * (some agents export counters that way). Rejects the metric and returns undefined otherwise.
 */
export function counterTemporality(ctx: MetricContext): Temporality | undefined {
  const { data } = ctx;
  if (data.points === undefined) {
    rejectMetric(ctx, 'dataPoints is missing or not an array');
    return undefined;
  }
  if (data.type === 'gauge') return 'cumulative';
  if (data.type !== 'sum') {
    rejectMetric(ctx, `expected a Sum, got a ${data.type}`);
    return undefined;
  }
  const temporality = readTemporality(data.body);
  if (temporality === undefined) {
    rejectMetric(ctx, 'aggregationTemporality is missing or unspecified (expected 1 = DELTA or 2 = CUMULATIVE)');
  }
  return temporality;
}

/** Checks that a metric read as an instantaneous value is a Gauge with points; rejects it otherwise. */
export function isGaugeMetric(ctx: MetricContext): boolean {
  if (ctx.data.points === undefined) rejectMetric(ctx, 'dataPoints is missing or not an array');
  else if (ctx.data.type !== 'gauge') rejectMetric(ctx, `expected a Gauge, got a ${ctx.data.type}`);
  else return true;
  return false;
}

/**
 * The increase of a CPU-time counter at the point in `ctx.point` (already read), written to `ctx.rate` on `ok`.
 * A delta point is its own increase over [start, time]; a cumulative point is compared with the series'
 * previous point (see CounterTracker). `bad-delta`: a delta point without a usable start time.
 */
export function pointIncrease(
  ctx: MetricContext,
  temporality: Temporality,
  key: string,
  identityStart: number,
): CounterStep | 'bad-delta' {
  const p = ctx.point;
  if (temporality === 'delta') {
    if (p.start === 0 || p.time - p.start < MIN_RATE_INTERVAL_MS) return 'bad-delta';
    ctx.rate.delta = p.value;
    ctx.rate.intervalMs = p.time - p.start;
    return 'ok';
  }
  const step = ctx.state.counters.step(key, p.time, identityStart, p.value);
  if (step === 'ok') {
    ctx.rate.delta = ctx.state.counters.delta;
    ctx.rate.intervalMs = ctx.state.counters.intervalMs;
  }
  return step;
}

/**
 * Rejects the point behind a step that yields nothing and is the sender's fault (or the decoder's limit);
 * returns whether the step was `ok`. `first`, `restart`, `reset` and `stale` are normal and not rejected.
 */
export function acceptIncrease(ctx: MetricContext, step: CounterStep | 'bad-delta'): boolean {
  if (step === 'bad-delta') rejectPoint(ctx, 'is a delta point without a startTimeUnixNano before its timeUnixNano');
  else if (step === 'untracked') rejectPoint(ctx, 'starts a new series while the decoder tracks its limit of series');
  return step === 'ok';
}

/**
 * Most cores one process or host can use: the largest CPU count a Linux kernel is built for (NR_CPUS = 8192).
 * A rate above it comes from a corrupt or wrapped counter, never from real use.
 */
export const MAX_PLAUSIBLE_CORES = 8192;
