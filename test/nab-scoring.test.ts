import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpikeDetector, detectorOptionsFor } from '@lockstep/correlator';
import type { LabelledSeries } from '../bench/lib/corpus/corpus';
import { loadCorpus } from '../bench/lib/corpus/corpus';
import { assignFolds } from '../bench/lib/corpus/folds';
import { parseMicrosoftCsv } from '../bench/lib/corpus/microsoft-csv';
import { CPU_LIKE_VIEW, inCpuPool, latencyView, viewOf } from '../bench/lib/corpus/views';
import type { Family } from '../bench/lib/cross-validate';
import { select } from '../bench/lib/cross-validate';
import { FAMILIES } from '../bench/lib/families';
import { BENCH_DATA_ENV, MissingDataError, WHERE_TO_GET_DATA, resolveBenchData } from '../bench/lib/data-dir';
import { robustMad, streamingDetection, windowedGaussian } from '../bench/lib/detectors';
import type { Point } from '../bench/lib/nab-csv';
import { parseNabCsv, parseNabTime } from '../bench/lib/nab-csv';
import { parseWindows } from '../bench/lib/nab-windows';
import { engineSeries, replayPath } from '../bench/lib/replay-path';
import type { Score } from '../bench/lib/scoring';
import { falsePositivesPerDay, probationEnd, scoreSeries, sumScores } from '../bench/lib/scoring';

/** Excerpts of NAB and Microsoft's cloud-monitoring series (origin and licence in the folder's README). */
const FIXTURE = join(__dirname, 'fixtures', 'labelled');

const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2014, 1, 14);

/** `n` points a minute apart from T0, all at `value`. */
function flat(n: number, value = 1): Point[] {
  return Array.from({ length: n }, (_, i) => ({ time: T0 + i * MINUTE, value }));
}

describe('parseNabTime', () => {
  it.each<[string, number | undefined]>([
    ['2014-02-14 14:30:00', Date.UTC(2014, 1, 14, 14, 30)],
    ['2014-02-26 13:45:00.000000', Date.UTC(2014, 1, 26, 13, 45)],
    ['2014-02-26T13:45:00.250', Date.UTC(2014, 1, 26, 13, 45, 0, 250)],
    ['2014-02-26', undefined],
    ['yesterday', undefined],
  ])('reads %p as UTC', (text, expected) => {
    expect(parseNabTime(text)).toBe(expected);
  });
});

describe('parseNabCsv', () => {
  it('reads the timestamp,value rows in file order', () => {
    const csv = 'timestamp,value\n2014-02-14 14:30:00,0.132\r\n2014-02-14 14:35:00,1.5e1\n\n';
    expect(parseNabCsv(csv)).toEqual([
      { time: Date.UTC(2014, 1, 14, 14, 30), value: 0.132 },
      { time: Date.UTC(2014, 1, 14, 14, 35), value: 15 },
    ]);
  });

  it.each<[string, string, RegExp]>([
    ['a missing header', '2014-02-14 14:30:00,1\n', /s\.csv: expected the header "timestamp,value"/],
    ['a bad value', 'timestamp,value\n2014-02-14 14:30:00,abc\n', /s\.csv:2: expected "YYYY-MM-DD HH:MM:SS,number"/],
    ['a bad timestamp', 'timestamp,value\n2014-02-14 14:30:00,1\nsoon,2\n', /s\.csv:3: expected/],
  ])('rejects %s, naming the file and line', (_label, csv, message) => {
    expect(() => parseNabCsv(csv, 's.csv')).toThrow(message);
  });
});

describe('parseWindows', () => {
  it('maps each series to its windows', () => {
    const windows = parseWindows({
      'a/x.csv': [['2014-02-26 13:45:00.000000', '2014-02-27 06:25:00.000000']],
      'a/y.csv': [],
    });
    expect(windows.get('a/x.csv')).toEqual([
      { start: Date.UTC(2014, 1, 26, 13, 45), end: Date.UTC(2014, 1, 27, 6, 25) },
    ]);
    expect(windows.get('a/y.csv')).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a list', [], /expected an object/],
    ['a series without a list', { 'x.csv': 'soon' }, /x\.csv: expected a list/],
    ['a pair out of order', { 'x.csv': [['2014-02-27 00:00:00', '2014-02-26 00:00:00']] }, /x\.csv\[0\]/],
    ['a single time', { 'x.csv': [['2014-02-27 00:00:00']] }, /x\.csv\[0\]/],
  ])('rejects %s', (_label, json, message) => {
    expect(() => parseWindows(json)).toThrow(message);
  });
});

describe('scoreSeries', () => {
  // 100 points a minute apart: probation is the first 15, so scoring starts at minute 15.
  const points = flat(100);
  const at = (minute: number): number => T0 + minute * MINUTE;
  const windows = [
    { start: at(40), end: at(50) },
    { start: at(70), end: at(80) },
  ];

  it('ends probation at the sample after the first 15 %', () => {
    expect(probationEnd(points)).toBe(at(15));
  });

  it.each<[string, number[], { detected: number; falsePositives: number }]>([
    ['nothing found', [], { detected: 0, falsePositives: 0 }],
    ['starts on both window edges', [at(40), at(80)], { detected: 2, falsePositives: 0 }],
    ['two starts in one window', [at(41), at(45)], { detected: 1, falsePositives: 0 }],
    ['a start outside every window', [at(60)], { detected: 0, falsePositives: 1 }],
    ['a start just past a window', [at(50) + 1], { detected: 0, falsePositives: 1 }],
    ['a start during probation', [at(3)], { detected: 0, falsePositives: 0 }],
  ])('scores %s', (_label, starts, expected) => {
    expect(scoreSeries(points, windows, starts)).toEqual({ windows: 2, ...expected, scoredDays: (84 * MINUTE) / DAY });
  });

  it('does not count a window that ends inside probation', () => {
    const early = [{ start: at(1), end: at(5) }];
    expect(scoreSeries(points, early, [at(2)])).toMatchObject({ windows: 0, detected: 0, falsePositives: 0 });
  });

  it('totals series and rates false positives per scored series-day', () => {
    const total = sumScores([
      { windows: 2, detected: 2, falsePositives: 1, scoredDays: 10 },
      { windows: 1, detected: 0, falsePositives: 3, scoredDays: 30 },
    ]);
    expect(total).toEqual({ windows: 3, detected: 2, falsePositives: 4, scoredDays: 40 });
    expect(falsePositivesPerDay(total)).toBe(0.1);
    expect(falsePositivesPerDay({ windows: 0, detected: 0, falsePositives: 0, scoredDays: 0 })).toBe(0);
  });
});

describe('detectors', () => {
  // Quiet around 10 with small alternation, then a step to 50 at minute 60 for ten minutes.
  const points = flat(100).map((p, i) => ({ time: p.time, value: (i >= 60 && i < 70 ? 50 : 10) + (i % 2) * 0.2 }));

  it('finds the step with the SpikeDetector on the CPU path (percent scaled to a fraction)', () => {
    const fraction = points.map((p) => ({ time: p.time, value: p.value / 100 }));
    const detect = streamingDetection(() => new SpikeDetector(detectorOptionsFor('cpu-utilization')));
    expect(detect(fraction)).toEqual([T0 + 60 * MINUTE]);
  });

  it.each([
    ['windowed Gaussian', windowedGaussian(30)],
    ['robust MAD', robustMad(30)],
  ])('finds the step with the %s, once per debounced run of anomalous samples', (_label, detect) => {
    expect(detect(points)).toEqual([T0 + 60 * MINUTE]);
  });

  it('debounces: a second run within six samples of the first is the same alert', () => {
    const twice = flat(100).map((p, i) => ({ time: p.time, value: i === 60 || i === 64 || i === 80 ? 50 : 10 }));
    expect(robustMad(30)(twice)).toEqual([T0 + 60 * MINUTE, T0 + 80 * MINUTE]);
  });
});

describe('the labelled corpus (in-repository excerpts)', () => {
  const corpus = loadCorpus(FIXTURE);

  it('reads NAB and Microsoft series with their kinds and windows', () => {
    expect(corpus.map((s) => [s.path, s.kind, s.source, s.points.length, s.windows.length])).toEqual([
      ['anomaly/microsoft/application-crash-rate-1/app1-01.csv', 'rate/count', 'microsoft', 358, 5],
      ['nab/realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv', 'cpu', 'nab', 600, 1],
    ]);
  });

  it('ends probation where the published index says', () => {
    const app = corpus[0] as (typeof corpus)[number];
    expect(new Date(probationEnd(app.points)).toISOString()).toBe('2018-07-05T19:00:00.000Z');
  });

  it('finds the labelled CPU rise through the replay path, with no false positive', () => {
    const rds = corpus[1] as (typeof corpus)[number];
    const view = viewOf(rds, latencyView(5, 0.2));
    const starts = replayPath(() => view.requests(rds), 'cpu')(rds.points);
    expect(scoreSeries(rds.points, rds.windows, starts)).toMatchObject({ windows: 1, detected: 1, falsePositives: 0 });
  });

  it('turns a series into latency histograms whose mean the engine judges, at a handful of requests', () => {
    const app = corpus[0] as (typeof corpus)[number];
    const values = engineSeries(latencyView(5, 0.2, 0).requests(app));
    // Every request at the value: the mean is exact. The first cumulative point only starts the series, and a
    // repeated timestamp (this series has some) is one interval.
    const byTime = new Map(app.points.slice(1).map((p) => [p.time, p.value]));
    const median = [...app.points.map((p) => p.value)].filter((v) => v > 0).sort((x, y) => x - y);
    const scale = 0.2 / (median[median.length >> 1] as number);
    expect(values.length).toBe([...byTime.values()].filter(Number.isFinite).length);
    // An interval right after a repeated timestamp holds both rows' requests; every other one is exact.
    const times = app.points.map((p) => p.time);
    const afterRepeat = new Set(times.filter((t, i) => i > 1 && times[i - 1] === times[i - 2]));
    const exact = values.filter(({ time }) => !afterRepeat.has(time));
    expect(exact.length).toBeGreaterThan(300);
    for (const { time, value } of exact) expect(value).toBeCloseTo((byTime.get(time) as number) * scale, 9);
  });

  it('deals folds across series, stratified by kind, never splitting one', () => {
    expect(assignFolds(corpus, 2).sort()).toEqual([0, 1]);
  });
});

describe('parseMicrosoftCsv', () => {
  it('reads quoted and zone-less rows, and keeps an empty value as NaN so row counts hold', () => {
    const csv = '"TimeStamp","Value","Label"\n"2018-03-15T00:00:00Z","6.5","0"\n2018-03-15 01:00:00,,1\n';
    const points = parseMicrosoftCsv(csv);
    expect(points[0]).toEqual({ time: Date.UTC(2018, 2, 15), value: 6.5 });
    expect(points[1]?.time).toBe(Date.UTC(2018, 2, 15, 1));
    expect(points[1]?.value).toBeNaN();
  });

  it('rejects another header or a bad row, naming the line', () => {
    expect(() => parseMicrosoftCsv('a,b\n', 'm.csv')).toThrow(/m\.csv: expected the header/);
    expect(() => parseMicrosoftCsv('TimeStamp,Value,Label\nsoon,1,0\n', 'm.csv')).toThrow(/m\.csv:2: expected/);
  });
});

describe('resolveBenchData', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bench-data-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prefers --data, then the environment', () => {
    expect(resolveBenchData(['--data', FIXTURE], { [BENCH_DATA_ENV]: '/nowhere' }, '/')).toBe(FIXTURE);
    expect(resolveBenchData([], { [BENCH_DATA_ENV]: FIXTURE }, '/')).toBe(FIXTURE);
  });

  it('says in one sentence where to get the data when none is given or the folder has none', () => {
    expect(() => resolveBenchData([], {}, root)).toThrow(MissingDataError);
    expect(() => resolveBenchData([], {}, root)).toThrow(WHERE_TO_GET_DATA);
    writeFileSync(join(root, 'readme'), '');
    expect(() => resolveBenchData(['--data', root], {}, '/')).toThrow(`${root} holds no labelled series.`);
    expect(WHERE_TO_GET_DATA).toMatch(/numenta\/NAB at commit ea702d75cc22/);
    expect(WHERE_TO_GET_DATA.split('. ').length).toBe(1);
  });

  it('rejects a flag without a value', () => {
    expect(() => resolveBenchData(['--data'], {}, '/')).toThrow('--data needs a directory: --data DIR');
  });
});

describe('the CPU pool', () => {
  const labelled = (source: LabelledSeries['source'], kind: LabelledSeries['kind'], step: number, values: number[]) =>
    ({
      path: `${source}/x.csv`,
      name: 'x',
      kind,
      source,
      windows: [],
      points: values.map((value, i) => ({ time: T0 + i * step, value })),
    }) satisfies LabelledSeries;

  it.each<[string, LabelledSeries, boolean]>([
    ['a NAB series at 5 minutes', labelled('nab', 'rate/count', 5 * MINUTE, [1, 2, 3]), true],
    ['a NAB series at 10 minutes', labelled('nab', 'latency-like', 10 * MINUTE, [1, 2, 3]), true],
    ['an hourly NAB series', labelled('nab', 'other', 60 * MINUTE, [1, 2, 3]), false],
    ['a Microsoft series at a minute', labelled('microsoft', 'rate/count', MINUTE, [1, 2, 3]), false],
  ])('holds %s: %p', (_label, series, expected) => {
    expect(inCpuPool(series)).toBe(expected);
  });

  it('feeds a non-CPU series as CPU utilization peaking at 95 %, negative values at 0', () => {
    const series = labelled('nab', 'rate/count', 5 * MINUTE, [-4, 10, 200, 50]);
    const values = engineSeries(CPU_LIKE_VIEW.requests(series)).map((p) => p.value);
    expect(values.map((v) => Number(v.toFixed(4)))).toEqual([0, 0.0475, 0.95, 0.2375]);
  });

  it('feeds a CPU series as it is', () => {
    const series = labelled('nab', 'cpu', 5 * MINUTE, [12.5, 99]);
    expect(engineSeries(CPU_LIKE_VIEW.requests(series)).map((p) => p.value)).toEqual([0.125, 0.99]);
  });
});

describe('select', () => {
  const family = (fpPerSeries: boolean): Family => ({ ...(FAMILIES[0] as Family), fpPerSeries, grid: [{}, {}] });
  // Entry 0: no false positive on a long series, three on a short one; entry 1: five on the long one, none on the
  // short one. Pooled, entry 0 has fewer per series-day; per series, entry 1 has.
  const scores: Score[][] = [
    [
      { windows: 1, detected: 1, falsePositives: 0, scoredDays: 100 },
      { windows: 1, detected: 1, falsePositives: 3, scoredDays: 10 },
    ],
    [
      { windows: 1, detected: 1, falsePositives: 5, scoredDays: 100 },
      { windows: 1, detected: 1, falsePositives: 0, scoredDays: 10 },
    ],
  ];

  it('pools false positives over series-days by default', () => {
    expect(select(family(false), scores, [0, 1])).toBe(0);
  });

  it('averages them per series when the family says so, so a short series weighs as much as a long one', () => {
    expect(select(family(true), scores, [0, 1])).toBe(1);
  });
});
