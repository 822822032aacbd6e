import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
import type { StreamingDetector } from './detectors';
import { legacyDetector } from './legacy-detector';

// A heap figure needs a collection right before it: expose gc() to this process, as `node --expose-gc` would.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export interface Cost {
  /** CPU time (user + system) per sample, in nanoseconds. */
  nanosPerSample: number;
  /** Heap per series once its windows and profiles are full, in bytes. */
  bytesPerSeries: number;
}

const FIVE_MINUTES = 300_000;

/** A busy host's CPU over `samples` five-minute steps: a daily rhythm, noise, a spike a day (deterministic). */
function syntheticSeries(samples: number, seed: number): Float64Array {
  const out = new Float64Array(samples);
  let state = seed;
  for (let i = 0; i < samples; i += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const noise = (state / 4294967296 - 0.5) * 0.04;
    const day = Math.sin((2 * Math.PI * i) / 288) * 0.1;
    out[i] = 0.3 + day + noise + (i % 288 === 100 ? 0.5 : 0);
  }
  return out;
}

/**
 * CPU time per sample over `series` (the values each detector is fed, in their own time order) and heap per
 * series: `population` detectors each fed three weeks of five-minute samples, so every window, hold and seasonal
 * profile is full, measured as the heap they keep alive.
 */
export function measureCost(
  create: () => StreamingDetector,
  series: ReadonlyArray<ReadonlyArray<{ time: number; value: number }>>,
  population = 400,
): Cost {
  let samples = 0;
  const began = process.cpuUsage();
  for (const points of series) {
    const detector = create();
    for (const { time, value } of points) detector.push(time, value);
    samples += points.length;
  }
  const used = process.cpuUsage(began);
  const nanosPerSample = ((used.user + used.system) * 1000) / Math.max(1, samples);

  const values = syntheticSeries(3 * 7 * 288, 7);
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept: StreamingDetector[] = [];
  for (let d = 0; d < population; d += 1) {
    const detector = create();
    for (let i = 0; i < values.length; i += 1) detector.push(i * FIVE_MINUTES, values[i] as number);
    kept.push(detector);
  }
  collect();
  const bytesPerSeries = (process.memoryUsage().heapUsed - before) / population;
  if (kept.length !== population) throw new Error('unreachable: keeps the detectors alive until measured');
  return { nanosPerSample, bytesPerSeries };
}

/** Prints both Lockstep detectors' cost on the CPU series and on the others (as latency), measured side by side. */
export function printCost(
  cpuSeries: ReadonlyArray<ReadonlyArray<{ time: number; value: number }>>,
  otherSeries: ReadonlyArray<ReadonlyArray<{ time: number; value: number }>>,
): void {
  for (const [label, cpu, series] of [
    ['CPU series', true, cpuSeries],
    ['latency (other series)', false, otherSeries],
  ] as const) {
    const now = measureCost(() => new SpikeDetector(detectorOptionsFor(cpu ? 'cpu-utilization' : 'latency')), series);
    const before = measureCost(() => legacyDetector(cpu), series);
    console.log(
      `Detector cost, ${label}: ${now.nanosPerSample.toFixed(0)} ns CPU per sample and ${(now.bytesPerSeries / 1024).toFixed(1)} KiB per series; ` +
        `today's ${before.nanosPerSample.toFixed(0)} ns and ${(before.bytesPerSeries / 1024).toFixed(1)} KiB ` +
        `(${(now.nanosPerSample / before.nanosPerSample).toFixed(2)}× the time, ${(now.bytesPerSeries / before.bytesPerSeries).toFixed(2)}× the memory)`,
    );
  }
}
