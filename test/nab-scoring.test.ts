import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_NAB_DIR, NAB_DIR_ENV, resolveNabDir } from '../bench/lib/data-dir';
import { spikeDetection, windowedGaussian } from '../bench/lib/detectors';
import type { Point } from '../bench/lib/nab-csv';
import { parseNabCsv, parseNabTime } from '../bench/lib/nab-csv';
import { parseWindows } from '../bench/lib/nab-windows';
import { falsePositivesPerDay, probationEnd, scoreSeries, sumScores } from '../bench/lib/scoring';
import { detectorOptionsFor } from '../collectors/correlator/src/engine/detector';

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
    expect(spikeDetection(detectorOptionsFor('cpu-utilization'), 0.01)(points)).toEqual([T0 + 60 * MINUTE]);
  });

  it('finds the step with the windowed Gaussian, once per run of anomalous samples', () => {
    expect(windowedGaussian(30)(points)).toEqual([T0 + 60 * MINUTE]);
  });
});

describe('resolveNabDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nab-'));
    writeFileSync(join(root, 'windows.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prefers --data, then the environment', () => {
    expect(resolveNabDir(['--data', root], { [NAB_DIR_ENV]: '/nowhere' }, '/repo')).toBe(root);
    expect(resolveNabDir([], { [NAB_DIR_ENV]: root }, '/repo')).toBe(root);
  });

  it('resolves the default against the repository root', () => {
    const repo = join(root, 'main');
    const shared = join(root, 'shared', 'data', 'nab');
    expect(DEFAULT_NAB_DIR).toBe('../shared/data/nab');
    expect(() => resolveNabDir([], {}, repo)).toThrow(`NAB data not found: ${shared} has no windows.json`);
  });

  it('says what to do when the directory is missing or the flag has no value', () => {
    expect(() => resolveNabDir(['--data', join(root, 'absent')], {}, '/repo')).toThrow(
      /Pass --data DIR or set LOCKSTEP_NAB_DIR/,
    );
    expect(() => resolveNabDir(['--data'], {}, '/repo')).toThrow('--data needs a directory: --data DIR');
  });
});
