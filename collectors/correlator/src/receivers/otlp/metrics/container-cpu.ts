import { isProcessCpuMode, readCpuAttributes } from './cpu-attributes';
import { readCpuTime, steadyCores } from './cpu-time';
import type { MetricContext } from './metric-context';
import { counterTemporality, isGaugeMetric, MAX_PLAUSIBLE_CORES, rejectMetric, rejectPoint } from './metric-context';
import { readNumberPoint, SKIP_POINT } from './number-point';

const NO_CONTAINER = 'the resource has no container.id attribute, so the container cannot be identified';

/** `container.cpu.time` (cumulative or delta cpu-seconds, optionally per mode) -> cores. First points give none. */
export function decodeContainerCpuTime(ctx: MetricContext): void {
  if (ctx.batch.entity.containerId === undefined) return rejectMetric(ctx, NO_CONTAINER);
  const temporality = counterTemporality(ctx);
  if (temporality === undefined) return;
  for (const interval of readCpuTime(ctx, temporality, undefined)) {
    const cores = steadyCores(interval);
    if (cores === undefined) continue;
    if (cores > MAX_PLAUSIBLE_CORES) rejectPoint(ctx, `gives more than ${MAX_PLAUSIBLE_CORES} cores`);
    else ctx.batch.containerEntry(interval.time).cores = cores;
  }
}

/** `container.cpu.utilization` (Gauge, optionally per mode, modes summed) -> utilization as reported. */
export function decodeContainerCpuUtilization(ctx: MetricContext): void {
  readContainerGauge(ctx, 'utilization');
}

/** `container.cpu.usage` (Gauge in cores, kubeletstats and semantic conventions) -> cores. */
export function decodeContainerCpuUsage(ctx: MetricContext): void {
  readContainerGauge(ctx, 'cores');
}

function readContainerGauge(ctx: MetricContext, field: 'cores' | 'utilization'): void {
  if (ctx.batch.entity.containerId === undefined) return rejectMetric(ctx, NO_CONTAINER);
  if (!isGaugeMetric(ctx)) return;
  const p = ctx.point;
  const sums = new Map<number, number>();
  for (const raw of ctx.data.points ?? []) {
    const problem = readNumberPoint(raw, p);
    if (problem !== undefined) {
      if (problem !== SKIP_POINT) rejectPoint(ctx, problem);
      continue;
    }
    if (p.value < 0 || p.value > MAX_PLAUSIBLE_CORES) {
      rejectPoint(ctx, 'has a value that is negative or implausibly large');
      continue;
    }
    readCpuAttributes(p.attributes, ctx.cpu);
    if (isProcessCpuMode(ctx.cpu.state)) sums.set(p.time, (sums.get(p.time) ?? 0) + p.value);
  }
  for (const [time, sum] of sums) {
    const entry = ctx.batch.containerEntry(time);
    // Cores derived from container.cpu.time at the same time win over a reported gauge.
    if (entry[field] === undefined) entry[field] = sum;
  }
}
