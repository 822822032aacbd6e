/**
 * NAB benchmark: scores Lockstep's spike detector, and a windowed Gaussian for comparison, on the labelled NAB
 * series. Usage: npx tsx bench/nab.ts [--data DIR]   (or LOCKSTEP_NAB_DIR; default ../shared/data/nab)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DETECTOR_OPTIONS } from '../collectors/correlator/src/engine/detector';
import { resolveNabDir } from './lib/data-dir';
import type { Detect } from './lib/detectors';
import { GAUSSIAN_WINDOW_SAMPLES, spikeDetection, windowedGaussian } from './lib/detectors';
import type { Point } from './lib/nab-csv';
import { parseNabCsv } from './lib/nab-csv';
import { parseWindows } from './lib/nab-windows';
import { replayPath } from './lib/replay-path';
import { formatHeader, formatRow } from './lib/report';
import type { Score } from './lib/scoring';
import { falsePositivesPerDay, scoreSeries, sumScores } from './lib/scoring';

/** The CPU series the target is set on: ec2_cpu_utilization_*, rds_cpu_utilization_*, cpu_utilization_asg_*. */
const CPU_SERIES = /cpu_utilization/;
/** The target on the CPU series: every window detected at no more than this many false positives per series-day. */
const TARGET_FP_PER_DAY = 0.1;

interface Contender {
  name: string;
  /** How this contender runs on one series; `cpu` says whether it is a CPU-utilization series. */
  detect(cpu: boolean): Detect;
}

const CONTENDERS: readonly Contender[] = [
  {
    name: 'lockstep (replay path)',
    // CPU series go through the full replay path (OTLP system.cpu.utilization lines, the replay's decoder, the
    // Engine); the others, informative only and not CPU, through the detector with unit-free defaults.
    detect: (cpu) => (cpu ? replayPath() : spikeDetection(DEFAULT_DETECTOR_OPTIONS)),
  },
  { name: `windowed Gaussian (3σ, ${GAUSSIAN_WINDOW_SAMPLES})`, detect: () => windowedGaussian() },
];

interface SeriesResult {
  name: string;
  cpu: boolean;
  points: number;
  scores: Score[];
  /** Milliseconds the first contender (the SpikeDetector) spent on this series. */
  detectorMillis: number;
}

function runSeries(dir: string, path: string, windows: Parameters<typeof scoreSeries>[1]): SeriesResult {
  const points: Point[] = parseNabCsv(readFileSync(join(dir, path), 'utf8'), path);
  const cpu = CPU_SERIES.test(path);
  let detectorMillis = 0;
  const scores = CONTENDERS.map((contender, index) => {
    const began = performance.now();
    const starts = contender.detect(cpu)(points);
    if (index === 0) detectorMillis = performance.now() - began;
    return scoreSeries(points, windows, starts);
  });
  const name = path.replace(/^.*\//, '').replace(/\.csv$/, '');
  return { name, cpu, points: points.length, scores, detectorMillis };
}

function printGroup(title: string, results: readonly SeriesResult[]): Score[] {
  for (const r of results) console.log(formatRow(r.name, r.scores));
  const totals = CONTENDERS.map((_, i) => sumScores(results.map((r) => r.scores[i] as Score)));
  console.log(formatRow(`${title} (${results.length})`, totals));
  console.log('');
  return totals;
}

function main(args: readonly string[]): number {
  if (args.includes('--help')) {
    console.log('usage: npx tsx bench/nab.ts [--data DIR]   (or set LOCKSTEP_NAB_DIR; default ../shared/data/nab)');
    return 0;
  }
  const dir = resolveNabDir(args, process.env, resolve(__dirname, '..'));
  const windows = parseWindows(JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')));
  const present = [...windows.keys()].filter((path) => existsSync(join(dir, path))).sort();
  const missing = windows.size - present.length;
  const results = present.map((path) => runSeries(dir, path, windows.get(path) ?? []));

  console.log(`NAB benchmark on ${dir}${missing > 0 ? ` (${missing} labelled series not present, skipped)` : ''}`);
  console.log(
    'First 15% of each series unscored (probation). A window counts as detected when an anomaly starts in it;',
  );
  console.log(
    'an anomaly starting outside every window after probation is a false positive. FP/day = per scored series-day.',
  );
  console.log('');
  for (const line of formatHeader(CONTENDERS.map((c) => c.name))) console.log(line);
  const [cpu] = printGroup(
    'CPU series',
    results.filter((r) => r.cpu),
  );
  console.log('Other NAB series (informative only):');
  printGroup(
    'other series',
    results.filter((r) => !r.cpu),
  );

  if (cpu) {
    const met = cpu.detected === cpu.windows && falsePositivesPerDay(cpu) <= TARGET_FP_PER_DAY;
    console.log(`Target on the CPU series (every window, <= ${TARGET_FP_PER_DAY} FP/day): ${met ? 'met' : 'NOT met'}`);
  }
  const points = results.reduce((n, r) => n + r.points, 0);
  const millis = results.reduce((n, r) => n + r.detectorMillis, 0);
  console.log(
    `Lockstep cost (CPU series: OTLP decode + engine): ${points} samples in ${millis.toFixed(1)} ms (${((millis * 1e6) / points).toFixed(0)} ns per sample)`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
