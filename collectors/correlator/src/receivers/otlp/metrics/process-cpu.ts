import { MIN_RATE_INTERVAL_MS } from './timing';
import { isProcessCpuMode, readCpuAttributes } from './cpu-attributes';
import type { CpuTimeInterval } from './cpu-time';
import { readCpuTime, steadyCores } from './cpu-time';
import type { HostMemory } from './decoder-state';
import { noteProcessScrape, processScrapeBefore } from './decoder-state';
import type { MetricContext } from './metric-context';
import { counterTemporality, isGaugeMetric, MAX_PLAUSIBLE_CORES, rejectMetric, rejectPoint } from './metric-context';
import { readNumberPoint, SKIP_POINT } from './number-point';

const NO_PID = 'the resource has no process.pid attribute, so the process cannot be identified';
const IMPLAUSIBLE = `gives more than ${MAX_PLAUSIBLE_CORES} cores, which no process can use`;

/**
 * `process.cpu.time` (cpu-seconds per mode; the hostmetrics process scraper sets the points' start time to the
 * process start) -> cores over the interval between consecutive points.
 *
 * The first point of a series gives a rate only when the process started after the host's previous process
 * scrape: then its whole CPU time was spent inside this interval, and value / (time - start) is exact. That
 * puts a freshly started process (a dropped miner) on the map one scrape earlier. A process already running
 * at the previous scrape that we see for the first time gives nothing: its lifetime average says nothing
 * about the interval. A restart (pid reused with a new start time) is such a first point; a counter that goes
 * down with the same start gives nothing (never a negative rate).
 */
export function decodeProcessCpuTime(ctx: MetricContext): void {
  const entity = ctx.batch.entity;
  if (entity.pid === undefined) return rejectMetric(ctx, NO_PID);
  const temporality = counterTemporality(ctx);
  if (temporality === undefined) return;
  for (const interval of readCpuTime(ctx, temporality, entity.creationTime)) {
    const host = ctx.state.host(ctx.batch.host, interval.time);
    if (temporality === 'cumulative') noteProcessScrape(host, interval.time);
    const cores = steadyCores(interval) ?? coresSinceStart(interval, host, entity.creationTime);
    if (cores === undefined) continue;
    if (cores > MAX_PLAUSIBLE_CORES) {
      rejectPoint(ctx, IMPLAUSIBLE);
      continue;
    }
    const entry = ctx.batch.processEntry(interval.time);
    entry.cores = cores;
    entry.start = interval.start;
  }
}

function coresSinceStart(
  interval: CpuTimeInterval,
  host: HostMemory,
  creationTime: number | undefined,
): number | undefined {
  if (interval.broken || interval.ok > 0 || interval.fresh === 0) return undefined;
  const start = creationTime ?? interval.start;
  const previousScrape = processScrapeBefore(host, interval.time);
  if (start <= 0 || previousScrape === undefined || start <= previousScrape) return undefined;
  const lifetimeMs = interval.time - start;
  return lifetimeMs >= MIN_RATE_INTERVAL_MS ? interval.sinceStart / (lifetimeMs / 1000) : undefined;
}

/**
 * `process.cpu.utilization` (Gauge per mode). Since collector v0.97 (stable from v0.112) the hostmetrics
 * receiver divides it by the number of logical cpus, so it is a share of the whole host; cores = share x cpus.
 * The cpu count comes from the host's system.cpu.* metrics, which may arrive later in the same request: the
 * share is kept and turned into cores when samples are emitted; with no cpu count known it yields nothing.
 */
export function decodeProcessCpuUtilization(ctx: MetricContext): void {
  if (ctx.batch.entity.pid === undefined) return rejectMetric(ctx, NO_PID);
  if (!isGaugeMetric(ctx)) return;
  const p = ctx.point;
  for (const raw of ctx.data.points ?? []) {
    const problem = readNumberPoint(raw, p);
    if (problem !== undefined) {
      if (problem !== SKIP_POINT) rejectPoint(ctx, problem);
      continue;
    }
    if (p.value < 0 || p.value > MAX_PLAUSIBLE_CORES) {
      rejectPoint(ctx, 'has a utilization that is negative or implausibly large');
      continue;
    }
    readCpuAttributes(p.attributes, ctx.cpu);
    if (!isProcessCpuMode(ctx.cpu.state)) continue;
    const entry = ctx.batch.processEntry(p.time);
    entry.share = (entry.share ?? 0) + p.value;
  }
}
