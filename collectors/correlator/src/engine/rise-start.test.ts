import { uniform } from '../__fixtures__/uniform';
import type { SimProcess } from './__fixtures__/spike-host';
import { falco, hostWith, judgeEpisode, MINUTE, refOf, spike, T0 } from './__fixtures__/spike-host';
import { RISE_LOOKBACK_MS, riseStart } from './anomalies';

/**
 * A spike is measured from where its rise left the baseline (riseStart, set by Series when the detector opens it),
 * not from where the detector opened it: on a noisy host a miner held to a fifth of the host can take the detector
 * minutes to be sure of, and measured from then its CPU "before" is already its mining, while an app server's
 * request noise looks like the rise.
 */

describe('riseStart', () => {
  const S = T0 + 60 * MINUTE;
  const series = (values: number[]): Array<[number, number]> =>
    values.map((v, i) => [S - (values.length - i) * 10_000, v]);

  it('is the sample after the last one at or below the baseline', () => {
    expect(riseStart(series([0.2, 0.21, 0.19, 0.3, 0.34, 0.29, 0.33]), S, 0.2)).toBe(S - 4 * 10_000);
  });

  it('is the opening itself when the sample before it is at the baseline', () => {
    expect(riseStart(series([0.3, 0.31, 0.2]), S, 0.25)).toBe(S);
  });

  it('is the opening itself when the series stayed above the baseline for the whole lookback (a drift)', () => {
    const above = Array.from({ length: RISE_LOOKBACK_MS / 10_000 + 5 }, () => 0.4);
    expect(riseStart(series([0.1, ...above]), S, 0.3)).toBe(S);
  });

  it('ignores samples at or after the opening', () => {
    expect(riseStart([...series([0.2, 0.3, 0.3]), [S, 0.1], [S + 10_000, 0.1]], S, 0.2)).toBe(S - 2 * 10_000);
  });
});

describe('a throttled miner on a noisy host, opened late by the detector', () => {
  const MINE = T0 + 40 * MINUTE;
  const MINE_END = MINE + 15 * MINUTE;
  const OPENED = MINE + 5 * MINUTE;
  const CPUS = 2;

  /** An app server whose request load wanders some 7 points of the host from one scrape to the next. */
  function noisyApp(seed: number): SimProcess {
    const next = uniform(seed);
    const noise = new Map<number, number>();
    return {
      pid: 2001,
      ppid: 1,
      name: 'node',
      exePath: '/usr/bin/node',
      start: T0 - 3_600_000,
      cores: (t) => {
        if (!noise.has(t)) noise.set(t, (next() + next() + next() - 1.5) * 0.5);
        // Its traffic also swells a little over the spike, as it does now and then.
        const swell = t >= OPENED && t < MINE_END ? 0.1 : 0;
        return Math.max(0, 0.5 + swell + (noise.get(t) ?? 0));
      },
    };
  }

  const miner: SimProcess = {
    pid: 4242,
    ppid: 1,
    name: 'xmrig',
    exePath: '/tmp/.X11-unix/.xm/xmrig',
    owner: 'www-data',
    start: MINE - 1_000,
    end: MINE_END,
    cores: (t) => (t >= MINE ? 0.2 * CPUS : 0),
  };

  it.each([1, 2, 3])('names the miner, measured from where the rise began (noise seed %d)', (seed) => {
    const host = hostWith([noisyApp(seed), miner], T0, MINE_END + 5 * MINUTE, CPUS);
    const alert = falco(MINE + 30_000, 'Outbound Connection to C2 Servers', refOf(miner));
    const opened = spike(OPENED, MINE_END, 0.3, 0.55);
    opened.riseFrom = MINE + 10_000;
    const { incident } = judgeEpisode(host, [opened], [alert], MINE_END + 5 * MINUTE);
    expect(incident?.culprit?.['process.executable.name']).toBe('xmrig');
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
  });
});
