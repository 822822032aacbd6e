/**
 * Spike-detector benchmark on labelled real series, cross-validated across series:
 *
 *   npm run bench:nab -- --data DIR [--folds 3]
 *
 * DIR holds `nab/` (NAB's CPU and other series) and optionally `anomaly/` (more NAB series and Microsoft's
 * cloud-monitoring series); docs/detection.md says where to get them. CPU series reach the engine as
 * `system.cpu.utilization`, every other series as `http.server.request.duration` histograms (see views.ts).
 * The CPU options are chosen on the CPU pool (every NAB series at 5- to 10-minute steps, as CPU), leaving one series
 * out at a time; the latency options on the latency-like and Microsoft series, in folds (families.ts). Today's
 * detector (bench/lib/legacy-detector), a windowed Gaussian and a robust MAD detector run on the same values in
 * the same process. Then the shipped defaults run through the whole replay path (OTLP → decoder → Engine), at a
 * handful and at hundreds of requests per interval, and the cost of both Lockstep detectors is measured.
 */
import { parseArgs } from 'node:util';
import type { LabelledSeries } from './lib/corpus/corpus';
import { loadCorpus } from './lib/corpus/corpus';
import { assignFolds } from './lib/corpus/folds';
import type { View } from './lib/corpus/views';
import { CPU_LIKE_VIEW, inCpuPool, latencyView, viewOf } from './lib/corpus/views';
import { describeOptions, scoreGrid, select } from './lib/cross-validate';
import { MissingDataError, resolveBenchData } from './lib/data-dir';
import { printCost } from './lib/detector-cost';
import type { Detect } from './lib/detectors';
import { robustMad, streamingDetection, windowedGaussian } from './lib/detectors';
import { FAMILIES } from './lib/families';
import { legacyDetector } from './lib/legacy-detector';
import type { Point } from './lib/nab-csv';
import { engineSeries, replayPath } from './lib/replay-path';
import { GROUPS, printTable } from './lib/report';
import type { Score } from './lib/scoring';
import { scoreSeries } from './lib/scoring';

/** The view the options are chosen and cross-validated on: a handful of requests, the hard case for quantiles. */
const TUNING_VIEW = latencyView(5, 0.2);
const REPLAY_VIEWS: readonly View[] = [latencyView(5, 0.2), latencyView(500, 0.02), latencyView(200, 2)];
const CONTENDERS = ['lockstep (chosen without it)', 'today (pre-#10)', 'windowed Gaussian', 'robust MAD'];

function main(args: string[]): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, folds: { type: 'string' } } });
  const dir = resolveBenchData(values.data === undefined ? [] : ['--data', values.data], process.env, process.cwd());
  const k = Number(values.folds ?? 3);
  const corpus = loadCorpus(dir);
  const series = (i: number): LabelledSeries => corpus[i] as LabelledSeries;
  console.log(`Spike detection on ${corpus.length} labelled series in ${dir}, validated across series`);
  console.log('Scoring: first 15 % of each series unscored; a window is detected when an anomaly starts inside it;');
  console.log('an anomaly starting outside every window after probation is a false positive (FP/day per series-day).');
  console.log(`Non-CPU series as latency histograms: ${TUNING_VIEW.name}, lognormal spread 0.25;`);
  console.log(`in the CPU pool: ${CPU_LIKE_VIEW.name}.\n`);

  const indexes = corpus.map((_, i) => i);
  const engineValues = corpus.map((s) => engineSeries(viewOf(s, TUNING_VIEW).requests(s)));
  const cpuLike = new Map(
    indexes.filter((i) => inCpuPool(series(i))).map((i) => [i, engineSeries(CPU_LIKE_VIEW.requests(series(i)))]),
  );
  const valuesFor = (family: string, i: number): Point[] =>
    (family === 'cpu' ? cpuLike.get(i) : engineValues[i]) as Point[];
  const score = (detect: Detect, i: number, points: readonly Point[]): Score =>
    scoreSeries(series(i).points, series(i).windows, detect(points));

  // Every grid entry of a family on every series it is scored on, once; selection only sums these.
  const grids = new Map(FAMILIES.map((f) => [f.name, scoreGrid(f, corpus, (i) => valuesFor(f.name, i))]));
  const baselines: Array<(s: LabelledSeries, cpu: boolean) => Detect> = [
    (_s, cpu) => streamingDetection(() => legacyDetector(cpu)),
    () => windowedGaussian(),
    () => robustMad(),
  ];
  const baselineScores = baselines.map((make) =>
    indexes.map((i) => score(make(series(i), series(i).kind === 'cpu'), i, engineValues[i] as Point[])),
  );
  const poolNonCpu = [...cpuLike.keys()].filter((i) => series(i).kind !== 'cpu');
  const poolBaselines = baselines.map((make) => {
    const out: Score[] = [];
    for (const i of poolNonCpu) out[i] = score(make(series(i), true), i, cpuLike.get(i) as Point[]);
    return out;
  });

  // Held-out scores: each series scored with options chosen without it.
  const heldOut: Score[] = [];
  const poolHeldOut: Score[] = [];
  const folds = assignFolds(corpus, k);
  for (const family of FAMILIES) {
    const grid = grids.get(family.name) as Score[][];
    const tuned = indexes.filter((i) => family.tunedOn(series(i)));
    const scored = indexes.filter((i) => family.scoredOn(series(i)));
    const choices = new Map<string, number>();
    const choose = (test: number[]): void => {
      const c = select(
        family,
        grid,
        tuned.filter((i) => !test.includes(i)),
      );
      const text = describeOptions(family.grid[c] ?? {}) || 'the shipped defaults';
      choices.set(text, (choices.get(text) ?? 0) + test.length);
      for (const i of test) (family.members(series(i)) ? heldOut : poolHeldOut)[i] = (grid[c] as Score[])[i] as Score;
    };
    if (family.validation === 'leave-one-series-out') for (const i of scored) choose([i]);
    else for (let f = 0; f < k; f += 1) choose(scored.filter((i) => folds[i] === f));
    const how = family.validation === 'folds' ? `${k} folds` : 'leaving one series out at a time';
    console.log(`${family.name} options (${how}), as chosen for the held-out series:`);
    for (const [text, count] of choices) console.log(`  ${count} series: ${text}`);
  }
  console.log('');

  const rowsOf = (members: readonly number[]) => [
    ...GROUPS.map((g) => ({ ...g, members: members.filter((i) => g.members(series(i))) })),
  ];
  for (let f = 0; f < k; f += 1) {
    const test = indexes.filter((i) => folds[i] === f);
    console.log(`Fold ${f + 1} of ${k} (${test.length} series; CPU figures left out one series at a time):`);
    printTable(CONTENDERS, rowsOf(test), [heldOut, ...baselineScores]);
  }
  console.log('All series, each scored once with options chosen without it:');
  printTable(CONTENDERS, rowsOf(indexes), [heldOut, ...baselineScores]);
  // A new user's latency is a new domain: how far the figure moves from one domain to the next.
  console.log('Microsoft series per domain (each scored once with options chosen without it):');
  printTable(CONTENDERS, microsoftDomains(corpus), [heldOut, ...baselineScores]);
  console.log('The rest of the CPU pool, as CPU (each left out once):');
  printTable(CONTENDERS, [{ name: 'NAB 5-10 min, non-CPU', members: poolNonCpu }], [poolHeldOut, ...poolBaselines]);

  console.log('Options chosen on all series (what the shipped defaults should be):');
  for (const family of FAMILIES) {
    const grid = grids.get(family.name) as Score[][];
    const c = select(
      family,
      grid,
      indexes.filter((i) => family.tunedOn(series(i))),
    );
    const note = c === 0 ? '(the shipped defaults)' : '(the shipped defaults differ)';
    console.log(`  ${family.name}: ${describeOptions(family.grid[c] ?? {}) || 'defaults'} ${note}`);
  }
  console.log('');

  console.log('Shipped defaults through the replay path (OTLP JSON → decoder → Engine), every series:');
  const replayScores = REPLAY_VIEWS.map((view) =>
    indexes.map((i) => {
      const v = viewOf(series(i), view);
      return scoreSeries(
        series(i).points,
        series(i).windows,
        replayPath(() => v.requests(series(i)), v.metric)(series(i).points),
      );
    }),
  );
  printTable(
    REPLAY_VIEWS.map((v) => v.name.replace('latency, ', '')),
    rowsOf(indexes),
    replayScores,
  );

  printCost(
    engineValues.filter((_, i) => series(i).kind === 'cpu'),
    engineValues.filter((_, i) => series(i).kind !== 'cpu'),
  );
  return 0;
}

/** Microsoft's series grouped by their domain folder (`anomaly/microsoft/<domain>/<file>.csv`). */
function microsoftDomains(corpus: readonly LabelledSeries[]): Array<{ name: string; members: number[] }> {
  const domains = new Map<string, number[]>();
  corpus.forEach((s, i) => {
    if (s.source !== 'microsoft') return;
    const domain = s.path.split('/').at(-2) ?? 'microsoft';
    domains.set(domain, [...(domains.get(domain) ?? []), i]);
  });
  return [...domains].map(([name, members]) => ({ name: name.slice(0, 26), members }));
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof MissingDataError ? 2 : 1;
}
