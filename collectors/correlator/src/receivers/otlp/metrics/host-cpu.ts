import { breakdownAt } from './cpu-breakdown';
import type { CpuBreakdown } from './cpu-breakdown';
import { isHostBusyMode, readCpuAttributes } from './cpu-attributes';
import type { MetricContext } from './metric-context';
import {
  acceptIncrease,
  counterTemporality,
  isGaugeMetric,
  MAX_PLAUSIBLE_CORES,
  pointIncrease,
  rejectMetric,
  rejectPoint,
} from './metric-context';
import { readNumberPoint, SKIP_POINT } from './number-point';

/** A receiver's division may put a utilization a hair above 1; beyond this slack the value is wrong. */
const UTILIZATION_SLACK = 0.01;

/**
 * `system.cpu.time` (seconds per cpu and mode): busy share of each cpu over the interval between consecutive
 * points, averaged over cpus. Dividing by each cpu's own total (all modes) rather than by wall time is what
 * the hostmetrics receiver does for `system.cpu.utilization`, so both forms give the same number for the same
 * usage, and scrape jitter cancels out.
 */
export function decodeHostCpuTime(ctx: MetricContext): void {
  const temporality = counterTemporality(ctx);
  if (temporality === undefined) return;
  const breakdowns: CpuBreakdown[] = [];
  const p = ctx.point;
  const prefix = `${ctx.batch.key}\u0000system.cpu.time\u0000`;
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
    if (ctx.cpu.state === '') {
      rejectPoint(ctx, 'has no state (or cpu.mode) attribute');
      continue;
    }
    const breakdown = breakdownAt(breakdowns, p.time);
    const slot = breakdown.slot(ctx.cpu.cpu);
    const step = pointIncrease(ctx, temporality, `${prefix}${ctx.cpu.cpu}\u0000${ctx.cpu.state}`, p.start);
    if (!acceptIncrease(ctx, step)) {
      breakdown.complete = false;
      continue;
    }
    slot.total += ctx.rate.delta;
    if (isHostBusyMode(ctx.cpu.state)) slot.busy += ctx.rate.delta;
    if (ctx.rate.intervalMs > breakdown.intervalMs) breakdown.intervalMs = ctx.rate.intervalMs;
  }
  for (const b of breakdowns) {
    const host = ctx.state.host(ctx.batch.host, b.time);
    const cpus = b.hasCpuIds ? b.perCpu.size : estimatedCpus(b);
    if (cpus !== undefined) host.cpus = cpus;
    if (!b.complete) continue;
    const utilization = b.meanBusyShare(false);
    if (utilization !== undefined) ctx.batch.addHostCpu(b.time, utilization, cpus ?? host.cpus ?? 1);
  }
}

/** Points without cpu ids carry one host-wide total, which advances by (cpus x wall time) over all modes. */
function estimatedCpus(b: CpuBreakdown): number | undefined {
  if (b.intervalMs <= 0) return undefined;
  const estimate = Math.round(b.totalOverAllCpus() / (b.intervalMs / 1000));
  return estimate >= 1 && estimate <= MAX_PLAUSIBLE_CORES ? estimate : undefined;
}

/** `system.cpu.utilization` (Gauge, 0..1 per cpu and mode): busy share of each cpu, averaged over cpus. */
export function decodeHostCpuUtilization(ctx: MetricContext): void {
  if (!isGaugeMetric(ctx)) return;
  const breakdowns: CpuBreakdown[] = [];
  const p = ctx.point;
  for (const raw of ctx.data.points ?? []) {
    const problem = readNumberPoint(raw, p);
    if (problem !== undefined) {
      if (problem !== SKIP_POINT) rejectPoint(ctx, problem);
      continue;
    }
    if (p.value < 0 || p.value > 1 + UTILIZATION_SLACK) {
      rejectPoint(ctx, 'has a utilization outside 0..1');
      continue;
    }
    readCpuAttributes(p.attributes, ctx.cpu);
    const slot = breakdownAt(breakdowns, p.time).slot(ctx.cpu.cpu);
    // Without a mode the value is the cpu's overall utilization.
    if (ctx.cpu.state === '' || isHostBusyMode(ctx.cpu.state)) slot.busy += p.value;
    slot.total += p.value;
  }
  for (const b of breakdowns) {
    const host = ctx.state.host(ctx.batch.host, b.time);
    if (b.hasCpuIds) host.cpus = b.perCpu.size;
    const cpus = host.cpus ?? 1;
    const utilization = b.meanBusyShare(true);
    if (utilization !== undefined) ctx.batch.addHostCpu(b.time, utilization, cpus);
  }
}

/** `system.cpu.logical.count`: remembered so process utilization can be turned into cores. */
export function decodeHostCpuCount(ctx: MetricContext): void {
  if (ctx.data.points === undefined || (ctx.data.type !== 'sum' && ctx.data.type !== 'gauge')) {
    rejectMetric(ctx, 'expected a Sum or Gauge with dataPoints');
    return;
  }
  const p = ctx.point;
  for (const raw of ctx.data.points) {
    const problem = readNumberPoint(raw, p);
    if (problem !== undefined) {
      if (problem !== SKIP_POINT) rejectPoint(ctx, problem);
      continue;
    }
    if (!Number.isInteger(p.value) || p.value < 1 || p.value > MAX_PLAUSIBLE_CORES) {
      rejectPoint(ctx, `has a cpu count that is not an integer in 1..${MAX_PLAUSIBLE_CORES}`);
      continue;
    }
    ctx.state.host(ctx.batch.host, p.time).cpus = p.value;
  }
}
