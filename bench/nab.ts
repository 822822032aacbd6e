/**
 * Spike-detector benchmark on labelled real series, cross-validated across series:
 *
 *   npm run bench:nab -- --data DIR [--folds 3]
 *
 * DIR holds `nab/` (NAB's CPU and other series) and optionally `anomaly/` (more NAB series and Microsoft's
 * cloud-monitoring series); docs/detection.md says where to get them. CPU series reach the engine as
 * `system.cpu.utilization`, every other series as `http.server.request.duration` histograms (see views.ts).
 * For each fold, the detector's options are chosen on the other folds' series (a small grid per kind, see
 * families.ts) and scored on this fold's; today's detector (bench/lib/legacy-detector), a windowed Gaussian and a
 * robust MAD detector run on the same values in the same process. Then the shipped defaults run through the whole
 * replay path (OTLP → decoder → Engine), at a handful and at hundreds of requests per interval, and the cost of
 * both Lockstep detectors is measured.
 */
import { parseArgs } from 'node:util';
import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
import type { LabelledSeries } from './lib/corpus/corpus';
import { loadCorpus } from './lib/corpus/corpus';
import { assignFolds } from './lib/corpus/folds';
import type { View } from './lib/corpus/views';
import { latencyView, viewOf } from './lib/corpus/views';
import { describeOptions, select } from './lib/cross-validate';
import { MissingDataError, resolveBenchData } from './lib/data-dir';
import { measureCost } from './lib/detector-cost';
import type { Detect } from './lib/detectors';
import { robustMad, streamingDetection, windowedGaussian } from './lib/detectors';
import { FAMILIES, familyOf } from './lib/families';
import { legacyDetector } from './lib/legacy-detector';
import type { Point } from './lib/nab-csv';
import { engineSeries, replayPath } from './lib/replay-path';
import { GROUPS, printTable } from './lib/report';
import type { Score } from './lib/scoring';
import { scoreSeries } from './lib/scoring';

/** The view the options are chosen and cross-validated on: a handful of requests, the hard case for quantiles. */
const TUNING_VIEW = latencyView(5, 0.2);
const REPLAY_VIEWS: readonly View[] = [latencyView(5, 0.2), latencyView(500, 0.02), latencyView(200, 2)];

function main(args: string[]): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, folds: { type: 'string' } } });
  const dir = resolveBenchData(values.data === undefined ? [] : ['--data', values.data], process.env, process.cwd());
  const k = Number(values.folds ?? 3);
  const corpus = loadCorpus(dir);
  console.log(
    `Spike detection on ${corpus.length} labelled series in ${dir}, ${k}-fold cross-validation across series`,
  );
  console.log('Scoring: first 15 % of each series unscored; a window is detected when an anomaly starts inside it;');
  console.log('an anomaly starting outside every window after probation is a false positive (FP/day per series-day).');
  console.log(`Non-CPU series as latency histograms: ${TUNING_VIEW.name}, lognormal spread 0.25.\n`);

  const engineValues = corpus.map((s) => engineSeries(viewOf(s, TUNING_VIEW).requests(s)));
  const score = (detect: Detect, i: number): Score => {
    const s = corpus[i] as LabelledSeries;
    return scoreSeries(s.points, s.windows, detect(engineValues[i] as Point[]));
  };
  const indexes = corpus.map((_, i) => i);

  // Every grid entry of a series' family, scored once; selection per fold only sums these.
  const gridScores = new Map<string, Score[][]>();
  for (const family of FAMILIES) {
    const perEntry = family.grid.map((extra) =>
      indexes.map((i) =>
        family.members(corpus[i] as LabelledSeries)
          ? score(
              streamingDetection(() => new SpikeDetector({ ...detectorOptionsFor(family.detectorKind), ...extra })),
              i,
            )
          : { windows: 0, detected: 0, falsePositives: 0, scoredDays: 0 },
      ),
    );
    gridScores.set(family.name, perEntry);
  }
  const folds = assignFolds(corpus, k);
  const baselines: Array<[string, (s: LabelledSeries) => Detect]> = [
    ['today (pre-#10)', (s) => streamingDetection(() => legacyDetector(s.kind === 'cpu'))],
    ['windowed Gaussian', () => windowedGaussian()],
    ['robust MAD', () => robustMad()],
  ];
  const baselineScores = baselines.map(([, make]) => indexes.map((i) => score(make(corpus[i] as LabelledSeries), i)));

  const cvScores: Score[] = new Array<Score>(corpus.length);
  for (let f = 0; f < k; f += 1) {
    const train = indexes.filter((i) => folds[i] !== f);
    const test = indexes.filter((i) => folds[i] === f);
    const chosen: string[] = [];
    for (const family of FAMILIES) {
      const scores = gridScores.get(family.name) as Score[][];
      const c = select(
        family,
        scores,
        train.filter((i) => family.tunedOn(corpus[i] as LabelledSeries)),
      );
      chosen.push(`${family.name}: ${describeOptions(family.grid[c] ?? {}) || 'defaults'}`);
      for (const i of test)
        if (familyOf(corpus[i] as LabelledSeries) === family) cvScores[i] = (scores[c] as Score[])[i] as Score;
    }
    console.log(`Fold ${f + 1} of ${k}: ${test.length} test series; options chosen on the other ${train.length}:`);
    for (const line of chosen) console.log(`  ${line}`);
    printTable(
      ['lockstep (chosen on other folds)', ...baselines.map(([name]) => name)],
      GROUPS.map((g) => ({ ...g, members: test.filter((i) => g.members(corpus[i] as LabelledSeries)) })),
      [cvScores, ...baselineScores],
    );
  }
  console.log('All folds (each series scored once, as a test series):');
  printTable(
    ['lockstep (chosen on other folds)', ...baselines.map(([name]) => name)],
    GROUPS.map((g) => ({ ...g, members: indexes.filter((i) => g.members(corpus[i] as LabelledSeries)) })),
    [cvScores, ...baselineScores],
  );

  console.log('Options chosen on all series (what the shipped defaults should be):');
  for (const family of FAMILIES) {
    const scores = gridScores.get(family.name) as Score[][];
    const c = select(
      family,
      scores,
      indexes.filter((i) => family.tunedOn(corpus[i] as LabelledSeries)),
    );
    const shipped = family.grid.findIndex((entry) => Object.keys(entry).length === 0);
    const note = c === shipped ? '(the shipped defaults)' : `(shipped defaults are grid entry ${shipped})`;
    console.log(`  ${family.name}: ${describeOptions(family.grid[c] ?? {}) || 'defaults'} ${note}`);
  }
  console.log('');

  console.log('Shipped defaults through the replay path (OTLP JSON → decoder → Engine), every series:');
  const replayScores = REPLAY_VIEWS.map((view) =>
    indexes.map((i) => {
      const s = corpus[i] as LabelledSeries;
      const v = viewOf(s, view);
      return scoreSeries(s.points, s.windows, replayPath(() => v.requests(s), v.metric)(s.points));
    }),
  );
  printTable(
    REPLAY_VIEWS.map((v) => v.name.replace('latency, ', '')),
    GROUPS.map((g) => ({ ...g, members: indexes.filter((i) => g.members(corpus[i] as LabelledSeries)) })),
    replayScores,
  );

  const byKind = (cpu: boolean): Point[][] => engineValues.filter((_, i) => (corpus[i]?.kind === 'cpu') === cpu);
  for (const [label, cpu] of [
    ['CPU series', true],
    ['latency (other series)', false],
  ] as const) {
    const kind = cpu ? 'cpu-utilization' : 'latency';
    const now = measureCost(() => new SpikeDetector(detectorOptionsFor(kind)), byKind(cpu));
    const before = measureCost(() => legacyDetector(cpu), byKind(cpu));
    console.log(
      `Detector cost, ${label}: ${now.nanosPerSample.toFixed(0)} ns CPU per sample and ${(now.bytesPerSeries / 1024).toFixed(1)} KiB per series; ` +
        `today's ${before.nanosPerSample.toFixed(0)} ns and ${(before.bytesPerSeries / 1024).toFixed(1)} KiB ` +
        `(${(now.nanosPerSample / before.nanosPerSample).toFixed(2)}× the time, ${(now.bytesPerSeries / before.bytesPerSeries).toFixed(2)}× the memory)`,
    );
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof MissingDataError ? 2 : 1;
}
