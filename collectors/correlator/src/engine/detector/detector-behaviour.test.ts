import { FIVE_MINUTES, T0, TEN_SECONDS, feed, normal, ofType, series, uniform } from './__fixtures__/synthetic';
import { detectorOptionsFor, SpikeDetector } from './index';

const HOUR = 3_600_000;

/** Bytes of numbers an object graph holds (typed arrays by length, arrays and objects walked): its state size. */
function stateSize(root: unknown, seen = new Set<unknown>()): number {
  if (typeof root !== 'object' || root === null || seen.has(root)) return typeof root === 'number' ? 8 : 0;
  seen.add(root);
  if (ArrayBuffer.isView(root)) return root.byteLength;
  return Object.values(root).reduce((total: number, value) => total + stateSize(value, seen), 0);
}
const cpu = detectorOptionsFor('cpu-utilization');
const latency = detectorOptionsFor('latency');

/** Hourly latency with a daily rhythm: 100 ms at night, 200 ms in the afternoon (UTC), 5 % noise. */
function dailyLatency(days: number, seed = 3): number[] {
  const gauss = normal(seed);
  return Array.from({ length: days * 24 }, (_, h) => {
    const hour = h % 24;
    const level = hour >= 12 && hour < 18 ? 0.2 : 0.1;
    return level * (1 + 0.05 * gauss());
  });
}

describe('SpikeDetector, seasonal series', () => {
  it('learns a daily rhythm: the afternoon peak stops counting once seen on two days, a night-time rise does not', () => {
    const values = dailyLatency(21);
    // Day 18, 03:00 to 05:00 UTC: the night rises to 170 ms, below every afternoon but far above its own hour.
    for (let h = 18 * 24 + 3; h < 18 * 24 + 6; h += 1) values[h] = 0.17;
    const { events, timeOf } = feed(latency, values, HOUR);
    const afterLearning = ofType(events, 'open').filter((e) => e.start >= timeOf(4 * 24));
    expect(afterLearning.map((e) => e.start)).toEqual([timeOf(18 * 24 + 3)]);
  });

  it('without the profile, that night-time rise hides inside the day’s range (what the profile is for)', () => {
    const values = dailyLatency(21);
    for (let h = 18 * 24 + 3; h < 18 * 24 + 6; h += 1) values[h] = 0.17;
    const { events, timeOf } = feed({ ...latency, seasonal: false }, values, HOUR);
    expect(ofType(events, 'open').filter((e) => e.start >= timeOf(4 * 24))).toEqual([]);
  });
});

describe('SpikeDetector, a new high at hourly sampling (newHighFactor)', () => {
  /**
   * Hourly latency that is busy (200 ms) or quiet (100 ms) in spells of a few hours at random times, not by the
   * clock, with 5 % noise: no profile predicts it, so its noise is the spread between the spells, and one hour at
   * 500 ms, 2.5 times its busiest hours, is under 7 sigmas of that noise.
   */
  function spells(seed: number): number[] {
    const gauss = normal(seed);
    const flip = uniform(seed + 100);
    let busy = false;
    const values = Array.from({ length: 14 * 24 }, () => {
      if (flip() < 0.15) busy = !busy;
      return (busy ? 0.2 : 0.1) * (1 + 0.05 * gauss());
    });
    values[SPIKE_HOUR] = 0.5;
    return values;
  }
  const SPIKE_HOUR = 12 * 24 + 5;
  // Seeds where that hour does not fall inside a spike already open (seed 19: a busy spell opened 4 hours before).
  const SEEDS = Array.from({ length: 18 }, (_, i) => i + 1);
  const opensAt = (options: typeof latency, seed: number): boolean => {
    const { events, timeOf } = feed(options, spells(seed), HOUR);
    return ofType(events, 'open').some((e) => e.start === timeOf(SPIKE_HOUR));
  };

  it('opens on an hour far above every recent hour, on every seed', () => {
    expect(SEEDS.filter((seed) => !opensAt(latency, seed))).toEqual([]);
  });

  it('without the rule, the wide reference hides that hour on every seed (what the rule is for)', () => {
    expect(SEEDS.filter((seed) => opensAt({ ...latency, newHighFactor: 0 }, seed))).toEqual([]);
  });

  it('is off at fine sampling: the same values ten seconds apart open nothing at that sample', () => {
    const { events, timeOf } = feed(latency, spells(1), TEN_SECONDS);
    expect(ofType(events, 'open').filter((e) => e.start === timeOf(SPIKE_HOUR))).toEqual([]);
  });
});

describe('SpikeDetector, level shifts, idle and noisy hosts', () => {
  it('reports a step up that stays once, at its start, and takes the new level as normal', () => {
    const values = series(
      [
        { samples: 300, level: 0.3 },
        { samples: 1500, level: 0.6 },
      ],
      0.01,
      21,
    );
    const { events, timeOf } = feed(cpu, values, FIVE_MINUTES);
    expect(ofType(events, 'open').map((e) => e.start)).toEqual([timeOf(300)]);
    const [close, ...later] = ofType(events, 'close');
    // Accepted as the new level once it has been open levelShiftSamples (it opened a sample or two after the step).
    expect(close?.time).toBeGreaterThanOrEqual(timeOf(300 + cpu.levelShiftSamples));
    expect(close?.time).toBeLessThanOrEqual(timeOf(300 + cpu.levelShiftSamples + 2));
    expect(later).toEqual([]);
  });

  /** A host at 30 % with one-sample bursts to 95 % on about one sample in eight, and 3 hours at 62 % from sample 2400. */
  function burstyHost(): number[] {
    const draw = uniform(5);
    const values = series([{ samples: 3000, level: 0.3 }], 0.02, 9).map((v) => (draw() < 0.12 ? 0.95 : v));
    for (let i = 2400; i < 2436; i += 1) values[i] = 0.62 + 0.02 * (draw() - 0.5);
    return values;
  }

  it('finds a rise held for hours on a bursty host, whose bursts are routine', () => {
    const { events, timeOf } = feed(cpu, burstyHost(), FIVE_MINUTES);
    // Before sample 500 the memory is still learning the bursts (probation, in the bench's terms).
    expect(
      ofType(events, 'open')
        .filter((e) => e.start >= timeOf(500))
        .map((e) => e.start),
    ).toEqual([timeOf(2400)]);
  });

  it('with the 90th percentile of the deviations as its noise, that host hides the rise (why CPU uses the 75th)', () => {
    const { events, timeOf } = feed({ ...cpu, spreadQuantile: 0.9 }, burstyHost(), FIVE_MINUTES);
    expect(ofType(events, 'open').map((e) => e.start)).not.toContain(timeOf(2400));
  });

  it('finds a spike on a host idling near 2 % with quantized readings', () => {
    const idle = Array.from({ length: 600 }, (_, i) => [0.018, 0.02, 0.02, 0.022][i % 4] as number);
    idle.splice(400, 3, 0.09, 0.12, 0.1);
    const { events, timeOf } = feed(cpu, idle, FIVE_MINUTES);
    expect(ofType(events, 'open').map((e) => e.start)).toEqual([timeOf(400)]);
  });

  it('finds a 22-point rise on a noisy 40 % baseline, and nothing in the noise before it', () => {
    const values = series(
      [
        { samples: 2000, level: 0.4 },
        { samples: 12, level: 0.62 },
        { samples: 100, level: 0.4 },
      ],
      0.05,
      8,
    ).map((v) => Math.min(1, v));
    const { events, timeOf } = feed(cpu, values, FIVE_MINUTES);
    const opens = ofType(events, 'open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.start).toBeGreaterThanOrEqual(timeOf(2000));
    expect(opens[0]?.start).toBeLessThanOrEqual(timeOf(2002));
  });
});

describe('SpikeDetector, a throttled miner on a noisy host', () => {
  // A host at 35 % with 7 points of noise, scraped every 15 s; a miner held to a fifth of it (+20 points, under 3
  // sigmas) for a quarter of an hour. The smallest of its 16 or 32 samples sits well below the rise, so judged on
  // its smallest sample it often never carried the threshold's evidence (9 seeds of these 40 missed it); judged on
  // their mean, as the CUSUM judges them, it does.
  const FIFTEEN_SECONDS = 15_000;
  it('finds it within five minutes on every seed, and nothing in the noise before or after it', () => {
    const missed: number[] = [];
    for (let seed = 1; seed <= 40; seed += 1) {
      const values = series(
        [
          { samples: 300, level: 0.35 },
          { samples: 60, level: 0.55 },
          { samples: 100, level: 0.35 },
        ],
        0.07,
        seed,
      );
      const { events, timeOf } = feed(cpu, values, FIFTEEN_SECONDS);
      const opens = ofType(events, 'open');
      const found = (opens[0]?.time ?? Infinity) < timeOf(320);
      const inside = opens.every((open) => open.start >= timeOf(300) && open.time < timeOf(360));
      if (!found || !inside) missed.push(seed);
    }
    expect(missed).toEqual([]);
  });
});

describe('SpikeDetector, materiality', () => {
  it.each([TEN_SECONDS, FIVE_MINUTES])(
    'never calls a 13 % -> 16 %% wobble a spike, however quiet the host (%i ms)',
    (interval) => {
      const values = series(
        [
          { samples: 200, level: 0.13 },
          { samples: 40, level: 0.16 },
          { samples: 60, level: 0.13 },
        ],
        0.002,
        4,
      );
      expect(ofType(feed(cpu, values, interval).events, 'open')).toEqual([]);
    },
  );

  it('calls a throttled miner taking a fifth of the host a spike', () => {
    const values = series(
      [
        { samples: 200, level: 0.13 },
        { samples: 40, level: 0.33 },
      ],
      0.01,
      4,
    );
    const { events, timeOf } = feed(cpu, values, TEN_SECONDS);
    expect(ofType(events, 'open').map((e) => e.start)).toEqual([timeOf(200)]);
  });

  // Every seed: one lucky seed would say nothing about a rule that works on nine series out of ten.
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

  it.each([TEN_SECONDS, 60_000])(
    'latency 20 %% slower on a service with 5 %% jitter is never a spike (%i ms)',
    (interval) => {
      for (const seed of SEEDS) {
        const values = series(
          [
            { samples: 300, level: 0.2 },
            { samples: 12, level: 0.24 },
          ],
          0.01,
          seed,
        );
        expect({ seed, opens: ofType(feed(latency, values, interval).events, 'open') }).toEqual({ seed, opens: [] });
      }
    },
  );

  it.each([TEN_SECONDS, 60_000])(
    'latency 1.5 times slower on that service is a spike at its start (%i ms)',
    (interval) => {
      for (const seed of SEEDS) {
        const values = series(
          [
            { samples: 300, level: 0.2 },
            { samples: 12, level: 0.3 },
          ],
          0.01,
          seed,
        );
        const { events, timeOf } = feed(latency, values, interval);
        expect({ seed, starts: ofType(events, 'open').map((e) => e.start) }).toEqual({ seed, starts: [timeOf(300)] });
      }
    },
  );

  it('finds hourly latency 1.5 times up for 8 hours on a series with 10 % jitter, where the rise began', () => {
    for (const seed of SEEDS) {
      const values = series(
        [
          { samples: 300, level: 0.2 },
          { samples: 8, level: 0.3 },
          { samples: 50, level: 0.2 },
        ],
        0.02,
        seed,
      );
      const { events, timeOf } = feed(latency, values, HOUR);
      const starts = ofType(events, 'open').map((e) => e.start);
      // The rise dips below the reference on some hours: the start still lands on its first hours.
      expect({ seed, found: starts.filter((t) => t >= timeOf(300) && t <= timeOf(302)).length }).toEqual({
        seed,
        found: 1,
      });
      expect({ seed, elsewhere: starts.filter((t) => t < timeOf(300) || t > timeOf(302)) }).toEqual({
        seed,
        elsewhere: [],
      });
    }
  });
});

describe('SpikeDetector, coarse and fine sampling', () => {
  const oneHigh = (n: number): number[] => {
    const values = series([{ samples: n, level: 0.1 }], 0.005, 12);
    values[n - 10] = 0.4;
    return values;
  };

  it('opens on one hour of tripled latency at hourly sampling', () => {
    const { events, timeOf } = feed(latency, oneHigh(200), HOUR);
    expect(ofType(events, 'open').map((e) => e.start)).toEqual([timeOf(190)]);
  });

  it('ignores ten seconds of it at 10-second sampling', () => {
    expect(ofType(feed(latency, oneHigh(200), TEN_SECONDS).events, 'open')).toEqual([]);
  });
});

describe('SpikeDetector, determinism and bounded memory', () => {
  it('gives the same events for the same samples, whatever the wall clock', () => {
    const values = dailyLatency(10, 9);
    values[150] = 0.6;
    const first = feed(latency, values, HOUR).events;
    const second = feed(latency, values, HOUR).events;
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });

  it('holds the same state size after a week of samples as after a year of them', () => {
    const detector = new SpikeDetector(latency);
    const gauss = normal(2);
    const sizeAfter = (from: number, to: number): number => {
      for (let i = from; i < to; i += 1)
        detector.push(T0 + i * FIVE_MINUTES, 0.2 + 0.01 * gauss() + (i % 997 === 0 ? 1 : 0));
      return stateSize(detector);
    };
    const week = sizeAfter(0, 7 * 288);
    const year = sizeAfter(7 * 288, 365 * 288);
    expect(year).toBeLessThanOrEqual(week * 1.05);
  });
});
