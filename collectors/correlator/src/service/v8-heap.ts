import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 heap sizing for a long-running service whose live heap is small (~35 MiB for 100 hosts × 50 processes)
 * but whose requests are large (a 720 KiB OTLP/JSON body parses into megabytes of short-lived objects). Left to
 * its defaults V8 sizes the heap for a browser tab's throughput, and the resident set ends up about twice the live
 * heap:
 *
 * - the young generation grows to two 16 MiB semi-spaces, committed for good. It is capped here at two 8 MiB
 *   ones (`--semi-space-growth-factor` is read each time V8 grows it, so growth is switched off once the cap is
 *   reached and back on should V8 ever shrink it); the extra scavenges cost no ingest throughput measurable on
 *   bench:ingest;
 * - the old generation may grow to several times what survived the last full collection before the next one,
 *   and every request leaves garbage there (samples outlive the young generation while they wait out the
 *   engine's lateness window; a JSON body's text is a large object that a scavenge during its parse promotes).
 *   While the process has CPU to spare (as at any realistic scrape rate: a round is a burst of a fraction of a
 *   second), it grows by LOW_GROWING_PERCENT instead: more frequent but short full collections, each marking
 *   only the small live heap. Within a second of a flood V8's own growth policy is back, so the ingest ceiling
 *   does not pay for it.
 *
 * Both are V8 flags read at run time, so they apply however the process was started (the bin, `node
 * bin/lockstep.js` in the container, an embedding test). A sizing the operator chose (`--max-semi-space-size`,
 * `--heap-growing-percent` on the command line or in NODE_OPTIONS) is left alone.
 */
export const YOUNG_SEMI_SPACE_MIB = 8;
export const LOW_GROWING_PERCENT = 25;
/** CPU (fraction of one core) over the last second from which the process counts as under load. */
const BUSY_CPU = 0.7;
/** CPU averaged over the last five seconds under which it counts as having CPU to spare again. */
const QUIET_CPU = 0.5;

const CHECK_EVERY_MS = 250;
/** Checks in one second and in five. */
export const BUSY_CHECKS = 4;
export const QUIET_CHECKS = 20;
const V8_DEFAULT_GROWTH_FACTOR = 2;

function chosenByOperator(flag: string): boolean {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) =>
    arg.replace(/_/g, '-').startsWith(flag),
  );
}

/**
 * The young generation's growth factor for its current size (both semi-spaces, bytes): V8's doubling while under
 * the cap, none (1) from it on.
 */
export function youngGrowthFactor(newSpaceBytes: number): number {
  return newSpaceBytes >= 2 * YOUNG_SEMI_SPACE_MIB * 2 ** 20 ? 1 : V8_DEFAULT_GROWTH_FACTOR;
}

/**
 * The old generation's growing percent given the CPU used (fraction of a core) in the latest checks, newest last:
 * V8's policy (0) as soon as the last second was busy, LOW_GROWING_PERCENT again once the last five seconds were
 * quiet on average, else unchanged. A scrape round is a burst of a fraction of a second, so a steady fleet never
 * looks busy; a flood does within a second.
 */
export function growingPercentFor(recentCpu: readonly number[], current: number): number {
  const mean = (n: number): number => {
    const last = recentCpu.slice(-n);
    return last.length === 0 ? 0 : last.reduce((sum, x) => sum + x, 0) / last.length;
  };
  if (mean(BUSY_CHECKS) >= BUSY_CPU) return 0;
  if (mean(QUIET_CHECKS) < QUIET_CPU) return LOW_GROWING_PERCENT;
  return current;
}

/** What the tuner does; one per process however many services it runs (tests start several). */
class HeapTuner {
  private users = 0;
  private observer: PerformanceObserver | undefined;
  private timer: NodeJS.Timeout | undefined;
  private growthFactor = V8_DEFAULT_GROWTH_FACTOR;
  private growingPercent = 0;
  private cpu = { usage: process.cpuUsage(), at: performance.now(), recent: [] as number[] };

  /** Whether the sizing is on: some service holds it. */
  get active(): boolean {
    return this.users > 0;
  }

  acquire(): () => void {
    this.users += 1;
    if (this.users === 1) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) this.stop();
    };
  }

  private start(): void {
    if (!chosenByOperator('--max-semi-space-size')) {
      this.capYoungGeneration();
      this.observer = new PerformanceObserver(() => this.capYoungGeneration());
      this.observer.observe({ entryTypes: ['gc'] });
    }
    if (!chosenByOperator('--heap-growing-percent')) {
      this.cpu = { usage: process.cpuUsage(), at: performance.now(), recent: [] };
      this.timer = setInterval(() => this.followLoad(), CHECK_EVERY_MS);
      this.timer.unref();
      this.setGrowingPercent(LOW_GROWING_PERCENT);
    }
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.setGrowthFactor(V8_DEFAULT_GROWTH_FACTOR);
    this.setGrowingPercent(0);
  }

  private capYoungGeneration(): void {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (young !== undefined) this.setGrowthFactor(youngGrowthFactor(young.space_size));
  }

  private followLoad(): void {
    const now = performance.now();
    const used = process.cpuUsage(this.cpu.usage);
    const recent = this.cpu.recent;
    recent.push((used.user + used.system) / 1000 / Math.max(1, now - this.cpu.at));
    if (recent.length > QUIET_CHECKS) recent.shift();
    this.cpu.usage = process.cpuUsage();
    this.cpu.at = now;
    this.setGrowingPercent(growingPercentFor(recent, this.growingPercent));
  }

  private setGrowthFactor(factor: number): void {
    if (factor === this.growthFactor) return;
    this.growthFactor = factor;
    setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  }

  private setGrowingPercent(percent: number): void {
    if (percent === this.growingPercent) return;
    this.growingPercent = percent;
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  }
}

const tuner = new HeapTuner();

/** Starts the service's heap sizing (see above); the returned function undoes it once every user released it. */
export function tuneHeapForService(): () => void {
  return tuner.acquire();
}

/** Whether some running service holds the heap sizing. */
export function heapTuningActive(): boolean {
  return tuner.active;
}
