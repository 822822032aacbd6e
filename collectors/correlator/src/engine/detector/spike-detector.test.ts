import { FIVE_MINUTES, T0, TEN_SECONDS, feed, ofType, series } from './__fixtures__/synthetic';
import type { DetectorKind } from './index';
import { detectorOptionsFor, SpikeDetector } from './index';

const cpu = detectorOptionsFor('cpu-utilization');
/** 4 minutes of 10-second samples: the shortest baseline the synthetic scenarios have. */
const FOUR_MINUTES_AT_10S = 24;

describe('SpikeDetector on normal load', () => {
  it.each<[DetectorKind, string, number, number, number]>([
    ['cpu-utilization', '10 s', TEN_SECONDS, 0.15, 0.01],
    ['cpu-utilization', '5 min', FIVE_MINUTES, 0.15, 0.01],
    ['cpu-cores', '10 s', TEN_SECONDS, 0.8, 0.05],
    ['latency', '10 s', TEN_SECONDS, 0.2, 0.02],
    ['latency', '5 min', FIVE_MINUTES, 0.2, 0.02],
  ])('never opens on a flat %s series with noise at %s sampling', (kind, _label, interval, level, noise) => {
    const values = series([{ samples: 3000, level }], noise, 7);
    const { events, detector } = feed(detectorOptionsFor(kind), values, interval);
    expect(ofType(events, 'open')).toEqual([]);
    expect(detector.baseline).toBeCloseTo(level, 1);
  });

  it.each<[DetectorKind, string, number[]]>([
    // 0.04 % CPU with rises of up to 0.03 points, some sustained: under the 0.05-point floor.
    [
      'cpu-utilization',
      'near-idle host',
      series(
        [
          { samples: 200, level: 0.0004 },
          { samples: 10, level: 0.0007 },
        ],
        0.0001,
      ),
    ],
    // 4 ms p95 with a sustained 20 % rise: under both the 5 ms and the 25 % floors.
    [
      'latency',
      'fast endpoint',
      series(
        [
          { samples: 200, level: 0.004 },
          { samples: 30, level: 0.0048 },
        ],
        0.0002,
      ),
    ],
    // An idle container whose health check takes 0.03 cores for two samples: under the 0.05-core floor.
    [
      'cpu-cores',
      'idle container',
      [...Array<number>(100).fill(0.002), 0.032, 0.032, ...Array<number>(30).fill(0.002)],
    ],
  ])('ignores tiny rises on a near-zero %s baseline (%s)', (kind, _label, values) => {
    const { events } = feed(detectorOptionsFor(kind), values, TEN_SECONDS);
    expect(ofType(events, 'open')).toEqual([]);
  });

  it('never opens on one freak sample, however large', () => {
    const values = series([{ samples: 60, level: 0.1 }], 0.01, 3);
    values.push(1, ...series([{ samples: 30, level: 0.1 }], 0.01, 4));
    const { events } = feed(cpu, values, TEN_SECONDS);
    expect(ofType(events, 'open')).toEqual([]);
  });
});

describe('SpikeDetector on spikes', () => {
  // A cryptominer takes a host from 15 % to 90 % for five minutes after four minutes of baseline.
  const stepAt = FOUR_MINUTES_AT_10S;
  const stepSamples = 30;
  const miner = series(
    [
      { samples: stepAt, level: 0.15 },
      { samples: stepSamples, level: 0.9 },
      { samples: 60, level: 0.15 },
    ],
    0.01,
    11,
  );

  it('opens within three samples of a step, with start at the step, and closes after it ends', () => {
    const { events, timeOf } = feed(cpu, miner, TEN_SECONDS);
    const [open, ...moreOpens] = ofType(events, 'open');
    const [close] = ofType(events, 'close');
    expect(moreOpens).toEqual([]);
    expect(open?.start).toBe(timeOf(stepAt));
    expect(open?.time).toBeLessThanOrEqual(timeOf(stepAt + 2));
    expect(open?.baseline).toBeCloseTo(0.15, 1);
    const lastHigh = stepAt + stepSamples - 1;
    expect(close?.end).toBe(timeOf(lastHigh));
    expect(close?.time).toBe(timeOf(lastHigh + cpu.closeSamples));
    expect(close?.peak).toBe(Math.max(...miner.slice(stepAt, lastHigh + 1)));
  });

  it('reports every new peak while open, and the baseline stays frozen', () => {
    const detector = new SpikeDetector(cpu);
    let frozen: number | undefined;
    const peaks: number[] = [];
    miner.forEach((value, i) => {
      for (const event of detector.push(i * TEN_SECONDS, value)) {
        if (event.type === 'open') frozen = event.baseline;
        if (event.type === 'update') peaks.push(event.peak);
      }
      if (detector.open) expect(detector.baseline).toBe(frozen);
    });
    expect(peaks.length).toBeGreaterThan(0);
    expect(peaks).toEqual([...peaks].sort((a, b) => a - b));
  });

  it.each<[string, number, number, number]>([
    ['a quiet', 0.03, 0.003, TEN_SECONDS],
    ['a busy', 0.15, 0.02, TEN_SECONDS],
    ['a quiet (5 min)', 0.03, 0.003, FIVE_MINUTES],
  ])('opens on a one-core compressor (+12.5 points of 8 cpus) on %s host', (_label, level, noise, interval) => {
    const values = series(
      [
        { samples: 40, level },
        { samples: 30, level: level + 0.125 },
      ],
      noise,
      5,
    );
    const { events, timeOf } = feed(cpu, values, interval);
    const [open] = ofType(events, 'open');
    expect(open?.start).toBe(timeOf(40));
    expect(open?.time).toBeLessThanOrEqual(timeOf(42));
  });

  it.each([TEN_SECONDS, 60_000])('opens when p95 latency triples (every %i ms)', (interval) => {
    const values = series(
      [
        { samples: 30, level: 0.12 },
        { samples: 20, level: 0.36 },
      ],
      0.01,
      9,
    );
    const { events, timeOf } = feed(detectorOptionsFor('latency'), values, interval);
    expect(ofType(events, 'open').map((e) => e.start)).toEqual([timeOf(30)]);
  });

  it('opens on a sustained rise too small for any one sample to stand out', () => {
    // +3 sigmas: no sample is remarkable alone, the run is. This is the shape of NAB's ec2_cpu_utilization_53ea38.
    const values = series(
      [
        { samples: 100, level: 0.1 },
        { samples: 20, level: 0.13 },
      ],
      0.01,
      13,
    );
    const { events, timeOf } = feed(cpu, values, FIVE_MINUTES);
    const [open] = ofType(events, 'open');
    expect(open?.start).toBeGreaterThanOrEqual(timeOf(100));
    expect(open?.time).toBeLessThan(timeOf(110));
  });
});

describe('SpikeDetector undecided rises', () => {
  it('tells when a rise it is still judging began, and nothing while normal or once the rise opens', () => {
    const values = series([{ samples: 300, level: 0.15 }], 0.01, 5);
    const { detector, timeOf } = feed(cpu, values, TEN_SECONDS);
    expect(detector.undecidedSince).toBeUndefined();
    // A few points up: above the noise, but 20 % of the level is not material, so it stays undecided.
    let t = timeOf(values.length);
    expect(detector.push(t, 0.18)).toEqual([]);
    const began = t;
    t += TEN_SECONDS;
    expect(detector.push(t, 0.18)).toEqual([]);
    expect(detector.undecidedSince).toBe(began);
    // Then the host takes off: the rise opens and is no longer undecided.
    const events = [];
    for (let i = 0; i < 6; i += 1) {
      t += TEN_SECONDS;
      events.push(...detector.push(t, 0.7));
    }
    expect(ofType(events, 'open')).toHaveLength(1);
    expect(detector.undecidedSince).toBeUndefined();
  });

  it('forgets the rise once the series is back within its noise', () => {
    const values = series([{ samples: 300, level: 0.15 }], 0.01, 5);
    const { detector, timeOf } = feed(cpu, values, TEN_SECONDS);
    let t = timeOf(values.length);
    detector.push(t, 0.18);
    expect(detector.undecidedSince).toBe(t);
    for (let i = 0; i < 5; i += 1) {
      t += TEN_SECONDS;
      detector.push(t, 0.15);
    }
    expect(detector.undecidedSince).toBeUndefined();
  });
});

describe('SpikeDetector learning', () => {
  it('accepts a long-lasting level as the new normal after levelShiftSamples', () => {
    const options = { ...cpu, levelShiftSamples: 60 };
    const values = series(
      [
        { samples: 30, level: 0.15 },
        { samples: 200, level: 0.6 },
      ],
      0.01,
      17,
    );
    const { events, detector, timeOf } = feed(options, values, TEN_SECONDS);
    const [open] = ofType(events, 'open');
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['open', 'close']));
    expect(ofType(events, 'open')).toHaveLength(1);
    expect(ofType(events, 'close').map((e) => e.time)).toEqual([(open?.time ?? 0) + 60 * TEN_SECONDS]);
    expect(detector.open).toBe(false);
    expect(detector.baseline).toBeCloseTo(0.6, 1);
    expect(open?.start).toBe(timeOf(30));
  });

  it('stops opening on a burst once it has recurred, and still opens on a longer one', () => {
    // A job runner: four samples at 90 % every ten minutes; then one that runs for two minutes.
    const quiet = (seed: number): number[] => series([{ samples: 60, level: 0.1 }], 0.01, seed);
    const burst = (samples: number): number[] => Array<number>(samples).fill(0.9);
    const values = [...quiet(1)];
    for (let i = 0; i < 5; i += 1) values.push(...burst(4), ...quiet(i + 2));
    const longStart = values.length;
    values.push(...burst(12), ...quiet(99));
    const { events, timeOf } = feed(cpu, values, TEN_SECONDS);
    const starts = ofType(events, 'open').map((e) => e.start);
    // The first two bursts open: one spike is not evidence that such spikes are normal, two are.
    expect(starts).toEqual([timeOf(60), timeOf(124), timeOf(longStart)]);
  });

  it('opens on a tall short spike after long mild drifts that filled the memory', () => {
    // Two slow 6-point drifts of 15 minutes each accumulate as much evidence as any routine burst could; a jump
    // from 16 % to 90 % for six minutes afterwards is nothing like them and must not wait for their size.
    const quiet = (seed: number): number[] => series([{ samples: 120, level: 0.16 }], 0.005, seed);
    const drift = Array<number>(90).fill(0.22);
    const values = [...quiet(1), ...drift, ...quiet(2), ...drift, ...quiet(3)];
    const tallStart = values.length;
    values.push(...Array<number>(36).fill(0.9), ...quiet(4));
    const { events, timeOf } = feed(cpu, values, TEN_SECONDS);
    const starts = ofType(events, 'open').map((e) => e.start);
    expect(starts).toContain(timeOf(tallStart));
  });

  it.each([0.02, 0.03])(
    'holds a rise to routine by height and duration together: as tall for as long is routine, taller is news (noise %d)',
    (noise) => {
      // A host at 40 % (wiggles of a couple of points) runs a job that lifts it 10 points for an hour every six
      // hours; then a rise of 22 points for an hour, on the same noise. With 3 points of noise the job's height
      // varies by a sigma from run to run: marginSigmas keeps every other run from being news.
      const noisy = (samples: number, level: number, seed: number): number[] =>
        series([{ samples, level }], noise, seed);
      const values = [...noisy(300, 0.4, 1)];
      for (let i = 0; i < 6; i += 1) values.push(...noisy(12, 0.5, 10 + i), ...noisy(60, 0.4, 20 + i));
      const riseStart = values.length;
      values.push(...noisy(12, 0.62, 40), ...noisy(60, 0.4, 41));
      const { events, timeOf } = feed(cpu, values, FIVE_MINUTES);
      const starts = ofType(events, 'open').map((e) => e.start);
      // The job opens at most twice (one spike is not evidence that such spikes are normal), the rise does.
      expect(starts.filter((t) => t < timeOf(riseStart)).length).toBeLessThanOrEqual(2);
      expect(starts.filter((t) => t >= timeOf(444) && t < timeOf(riseStart))).toEqual([]);
      expect(starts.filter((t) => t >= timeOf(riseStart) && t <= timeOf(riseStart + 3))).toHaveLength(1);
    },
  );

  it.each<[string, number, number]>([
    ['with durationSlack 0.5, bursts to 90 % for one sample make 40 % for two routine', 0.5, 0],
    ['without it, 40 % for two samples is news', 0, 1],
  ])('%s', (_label, durationSlack, opens) => {
    // An idle host with one-sample bursts to 90 % every half hour, then a two-sample rise to 40 %.
    const idle = (seed: number): number[] => series([{ samples: 6, level: 0.02 }], 0.002, seed);
    const values = series([{ samples: 100, level: 0.02 }], 0.002, 1);
    for (let i = 0; i < 20; i += 1) values.push(0.9, ...idle(i + 2));
    const riseStart = values.length;
    values.push(0.4, 0.4, ...idle(99));
    const { events, timeOf } = feed({ ...cpu, durationSlack }, values, FIVE_MINUTES);
    const late = ofType(events, 'open').filter((e) => e.start >= timeOf(riseStart));
    expect(late).toHaveLength(opens);
  });
});

describe('SpikeDetector input handling', () => {
  const values = series(
    [
      { samples: 30, level: 0.2 },
      { samples: 10, level: 0.8 },
      { samples: 20, level: 0.2 },
    ],
    0.01,
    21,
  );
  const clean = feed(cpu, values, TEN_SECONDS).events;

  it.each<[string, (time: number) => [number, number]]>([
    ['a NaN value', (time) => [time + 1, Number.NaN]],
    ['an infinite value', (time) => [time + 1, Number.POSITIVE_INFINITY]],
    ['a negative infinite value', (time) => [time + 1, Number.NEGATIVE_INFINITY]],
    ['a repeated time', (time) => [time, 5]],
    ['an earlier time', (time) => [time - 1, 5]],
    ['a NaN time', () => [Number.NaN, 5]],
  ])('ignores %s after every sample, changing nothing', (_label, bad) => {
    const detector = new SpikeDetector(cpu);
    const events = values.flatMap((value, i) => {
      const time = T0 + i * TEN_SECONDS;
      const out = detector.push(time, value);
      expect(detector.push(...bad(time))).toEqual([]);
      return out;
    });
    expect(events).toEqual(clean);
  });

  it('is deterministic: the same samples give the same events', () => {
    expect(feed(cpu, values, TEN_SECONDS).events).toEqual(clean);
    expect(clean.length).toBeGreaterThan(0);
  });

  it('opens nothing and reports no baseline during warm-up', () => {
    const detector = new SpikeDetector(cpu);
    const warmUp = cpu.warmUpSamples;
    for (let i = 0; i < warmUp - 1; i += 1) {
      expect(detector.push(i * TEN_SECONDS, i < 5 ? 0.1 : 0.9)).toEqual([]);
      expect(detector.baseline).toBeUndefined();
    }
    detector.push(warmUp * TEN_SECONDS, 0.9);
    // The step happened during warm-up, so it is the baseline now, not a spike.
    expect(detector.baseline).toBe(0.9);
    expect(detector.open).toBe(false);
  });
});

describe('SpikeDetector options', () => {
  it.each<[string, Record<string, number>, RegExp]>([
    ['a zero baseline', { baselineSamples: 0 }, /baselineSamples must be a positive integer/],
    ['a fractional warm-up', { warmUpSamples: 1.5 }, /warmUpSamples must be a positive integer/],
    [
      'a warm-up longer than the baseline',
      { warmUpSamples: 500 },
      /warmUpSamples \(500\) cannot exceed baselineSamples/,
    ],
    ['a zero reference', { referenceSigmas: 0 }, /referenceSigmas must be greater than 0/],
    ['a clip under the reference', { clipSigmas: 1 }, /clipSigmas \(1\) must exceed referenceSigmas/],
    ['a negative floor', { minRise: -1 }, /minRise must be a finite number >= 0/],
    ['a slack above 1', { durationSlack: 1.5 }, /durationSlack must be between 0 and 1/],
    ['a new-high factor under 1', { newHighFactor: 0.5 }, /newHighFactor must be 0 \(off\) or at least 1/],
  ])('rejects %s, naming the option', (_label, options, message) => {
    expect(() => new SpikeDetector(options)).toThrow(message);
  });

  it('rejects a flag that is not a boolean, naming it', () => {
    expect(() => new SpikeDetector({ rememberRoutine: 1 as unknown as boolean })).toThrow(
      /rememberRoutine must be true or false/,
    );
  });

  it('fills unset options with defaults', () => {
    const detector = new SpikeDetector({});
    expect(detector.open).toBe(false);
    expect(detector.baseline).toBeUndefined();
  });
});
