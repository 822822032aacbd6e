import { isProcessCpuMode, readCpuAttributes } from './cpu-attributes';
import type { Temporality } from './metric-data';
import type { MetricContext } from './metric-context';
import { acceptIncrease, pointIncrease, rejectPoint } from './metric-context';
import { readNumberPoint, SKIP_POINT } from './number-point';

/** The CPU-time points of one process or container at one timestamp, summed over modes. */
export interface CpuTimeInterval {
  time: number;
  /** Increase over the interval, cpu-seconds, of the modes that gave one. */
  increase: number;
  intervalMs: number;
  /** Modes with an increase, and modes whose series just (re)started. */
  ok: number;
  fresh: number;
  /** A reset, duplicate or rejected point: the interval cannot be trusted. */
  broken: boolean;
  /** Sum of the fresh series' values: CPU seconds since their start. */
  sinceStart: number;
  /** Series start of the points (epoch ms; 0 unknown). */
  start: number;
}

/**
 * Reads a `process.cpu.time` / `container.cpu.time` metric (cumulative or delta Sum per CPU mode) into one
 * interval per timestamp. Modes that are not CPU use (`wait`, see isProcessCpuMode) are skipped before any
 * state is kept for them. `identityStart`, when known (process.creation.time), stands in for the points' start
 * time to tell a restarted process.
 */
export function readCpuTime(
  ctx: MetricContext,
  temporality: Temporality,
  identityStart: number | undefined,
): CpuTimeInterval[] {
  const intervals: CpuTimeInterval[] = [];
  const p = ctx.point;
  const prefix = `${ctx.batch.key}\u0000${ctx.name}\u0000`;
  for (const raw of ctx.data.points ?? []) {
    const problem = readNumberPoint(raw, p);
    if (problem !== undefined) {
      if (problem !== SKIP_POINT) rejectPoint(ctx, problem);
      continue;
    }
    if (p.value < 0) {
      rejectPoint(ctx, 'has a negative CPU time');
      continue;
    }
    readCpuAttributes(p.attributes, ctx.cpu);
    if (!isProcessCpuMode(ctx.cpu.state)) continue;
    const interval = intervalAt(intervals, p.time);
    if (temporality === 'cumulative' && p.start > 0) interval.start = p.start;
    const step = pointIncrease(ctx, temporality, prefix + ctx.cpu.state, identityStart ?? p.start);
    if (acceptIncrease(ctx, step)) {
      interval.increase += ctx.rate.delta;
      interval.ok += 1;
      if (ctx.rate.intervalMs > interval.intervalMs) interval.intervalMs = ctx.rate.intervalMs;
    } else if (step === 'first' || step === 'restart') {
      interval.fresh += 1;
      interval.sinceStart += p.value;
    } else interval.broken = true;
  }
  return intervals;
}

/** Cores over an interval whose every mode gave an increase; undefined otherwise. */
export function steadyCores(interval: CpuTimeInterval): number | undefined {
  if (interval.broken || interval.fresh > 0 || interval.ok === 0 || interval.intervalMs <= 0) return undefined;
  return interval.increase / (interval.intervalMs / 1000);
}

function intervalAt(list: CpuTimeInterval[], time: number): CpuTimeInterval {
  for (const i of list) if (i.time === time) return i;
  const interval: CpuTimeInterval = {
    time,
    increase: 0,
    intervalMs: 0,
    ok: 0,
    fresh: 0,
    broken: false,
    sinceStart: 0,
    start: 0,
  };
  list.push(interval);
  return interval;
}
