import type { Anomaly, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import type { SimProcess } from './__fixtures__/spike-host';
import {
  falco,
  HOST,
  hostWith,
  judgeEpisode,
  MINUTE,
  ordinaryProcesses,
  runEngine,
  spike,
  T0,
} from './__fixtures__/spike-host';
import { Episode } from './episode';
import { holds } from './hold';
import type { EngineOptions } from './options';
import { DEFAULT_ENGINE_OPTIONS } from './options';

/**
 * The culprit hold (hold.ts): a miner that bumps the CPU, idles for a while and then mines in earnest is one
 * incident; another process, another instance of the same pid, or a gap past the hold is not.
 */

const BUMP = T0 + 30 * MINUTE;
const BUMP_END = BUMP + 6 * MINUTE;

/** A miner that takes 1.5 cores during the bump, idles, and takes 3 cores from `mine` for 8 minutes. */
function miner(mine: number, overrides: Partial<SimProcess> = {}): SimProcess {
  return {
    pid: 4269,
    ppid: 1,
    name: 'sysupdate',
    exePath: '/tmp/.ICE-unix/sysupdate',
    owner: 'www-data',
    start: T0 + 10 * MINUTE,
    cores: (t) => (t >= BUMP && t < BUMP_END ? 1.5 : t >= mine && t < mine + 8 * MINUTE ? 3 : 0.02),
    ...overrides,
  };
}

interface Run {
  /** Final incidents, in the order they were resolved. */
  incidents: Incident[];
  /** Final CPU spikes. */
  spikes: Anomaly[];
}

// Falco names the miner when it connects to its pool, before either rise.
const C2_ALERT = falco(T0 + 12 * MINUTE, 'Outbound Connection to C2 Servers', {
  pid: 4269,
  name: 'sysupdate',
  exePath: '/tmp/.ICE-unix/sysupdate',
  startTime: T0 + 10 * MINUTE,
});

function run(processes: SimProcess[], end: number, options: Partial<EngineOptions> = {}, alert = C2_ALERT): Run {
  const { finals, spikes } = runEngine(processes, [alert], end, options);
  return { incidents: finals, spikes };
}

const culpritOf = (i: Incident | undefined) =>
  i?.culprit && `${i.culprit['process.executable.name']}/${i.culprit['process.pid']}`;

const BUMP_ENDED = new Date(BUMP_END - 10_000).toISOString();

/** The run saw the bump and one later spike, and one incident: the bump's alone, resolved on its own. */
function expectBumpAlone({ incidents, spikes }: Run): void {
  expect(spikes).toHaveLength(2);
  expect(incidents).toHaveLength(1);
  expect(culpritOf(incidents[0])).toBe('sysupdate/4269');
  expect(incidents[0]?.anomalies).toEqual([spikes[0]?.id]);
  expect(incidents[0]?.end).toBe(BUMP_ENDED);
}

describe('the culprit hold', () => {
  it('folds a bump and, 25 minutes of idling later, the same miner mining in earnest into one incident', () => {
    const mine = BUMP_END + 25 * MINUTE;
    const { incidents, spikes } = run([...ordinaryProcesses(), miner(mine)], mine + 20 * MINUTE);
    expect(spikes).toHaveLength(2);
    expect(incidents).toHaveLength(1);
    expect(culpritOf(incidents[0])).toBe('sysupdate/4269');
    // The incident covers the mining, what the culprit came to do.
    expect(incidents[0]?.anomalies).toContain(spikes[1]?.id);
    expect(Date.parse(incidents[0]?.end ?? '')).toBeGreaterThan(mine);
  });

  it('does not hold when the option is off: two incidents, each naming the miner', () => {
    const mine = BUMP_END + 25 * MINUTE;
    const { incidents } = run([...ordinaryProcesses(), miner(mine)], mine + 20 * MINUTE, { culpritHoldMs: 0 });
    expect(incidents.map(culpritOf)).toEqual(['sysupdate/4269', 'sysupdate/4269']);
    expect(incidents[0]?.end).toBe(BUMP_ENDED);
  });

  it('lets the hold run out: mining that starts past culpritHoldMs does not stretch the bump incident', () => {
    const mine = BUMP_END + DEFAULT_ENGINE_OPTIONS.culpritHoldMs + 10 * MINUTE;
    const { incidents, spikes } = run([...ordinaryProcesses(), miner(mine)], mine + 20 * MINUTE);
    expect(spikes).toHaveLength(2);
    expect(incidents[0]?.anomalies).toEqual([spikes[0]?.id]);
    expect(incidents[0]?.end).toBe(BUMP_ENDED);
    // The mining is an incident of its own: the alert still names that very instance (identityLookbackMs).
    expect(incidents.map(culpritOf)).toEqual(['sysupdate/4269', 'sysupdate/4269']);
    expect(incidents[1]?.anomalies).toEqual([spikes[1]?.id]);
  });

  it('releases the held incident when another program is behind the next spike', () => {
    const later = BUMP_END + 20 * MINUTE;
    const backup: SimProcess = {
      pid: 7001,
      ppid: 1,
      name: 'pg_dump',
      exePath: '/usr/bin/pg_dump',
      start: later - 5_000,
      end: later + 8 * MINUTE,
      cores: () => 3,
    };
    expectBumpAlone(run([...ordinaryProcesses(), miner(Number.POSITIVE_INFINITY), backup], later + 20 * MINUTE));
  });

  it('does not hold for an instance that exited: the same pid reused by a new process later implicates nothing', () => {
    const mine = BUMP_END + 20 * MINUTE;
    const first = miner(Number.POSITIVE_INFINITY, { end: BUMP_END + 2 * MINUTE });
    const reused: SimProcess = {
      ...miner(mine),
      name: 'convert',
      exePath: '/usr/bin/convert',
      owner: 'app',
      start: mine - 5_000,
    };
    expectBumpAlone(run([...ordinaryProcesses(), first, reused], mine + 20 * MINUTE));
  });
});

describe('holds', () => {
  const sysupdate = miner(Number.POSITIVE_INFINITY);
  const quiet = DEFAULT_ENGINE_OPTIONS.quietPeriodMs;
  const now = BUMP_END + 10 * MINUTE;

  /** The bump's episode as the engine leaves it once evaluated: a correlated incident naming the miner. */
  function evaluated(): Episode {
    const host = hostWith([...ordinaryProcesses(), sysupdate], T0, now);
    const bump = spike(BUMP, BUMP_END, 0.17, 0.55);
    const { incident, named } = judgeEpisode(host, [bump], [C2_ALERT], now);
    const episode = new Episode(HOST, bump);
    episode.incident = incident;
    episode.culprit = named;
    return episode;
  }

  it('holds a correlated incident whose culprit still runs', () => {
    const episode = evaluated();
    expect(episode.incident?.score).toBeGreaterThanOrEqual(CORRELATED_SCORE);
    expect(holds(episode, BUMP_END, quiet, now, DEFAULT_ENGINE_OPTIONS)).toBe(true);
  });

  it('does not hold an incident that names a culprit on evidence too weak to correlate it', () => {
    const episode = evaluated();
    episode.incident = { ...(episode.incident as Incident), score: 0.3 };
    expect(episode.incident.culprit).not.toBeNull();
    expect(holds(episode, BUMP_END, quiet, now, DEFAULT_ENGINE_OPTIONS)).toBe(false);
  });
});
