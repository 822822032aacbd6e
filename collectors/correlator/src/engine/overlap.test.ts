import type { SimProcess } from './__fixtures__/spike-host';
import { falco, HOST, hostWith, judgeEpisode, MINUTE, spike, step, T0 } from './__fixtures__/spike-host';
import { AnomalyState } from './anomalies';

const WOBBLE = T0 + 30 * MINUTE;
const MINER = WOBBLE + 9 * MINUTE;
const MINER_END = MINER + 7 * MINUTE;
const AFTER = MINER_END + 5 * MINUTE;

/** A database that wobbles (a few points of a 4-cpu host) for four minutes, nine minutes before a miner starts. */
const postgres: SimProcess = {
  pid: 130,
  ppid: 1,
  name: 'postgres',
  exePath: '/usr/lib/postgresql/15/bin/postgres',
  start: T0 - 3_600_000,
  cores: step(0.5, 0.65, WOBBLE, WOBBLE + 4 * MINUTE),
};

function miner(start: number, cores: (t: number) => number): SimProcess {
  return {
    pid: 4242,
    ppid: 1,
    name: 'xmrig',
    exePath: '/tmp/.x/xmrig',
    commandLine: '/tmp/.x/xmrig -o pool:3333',
    owner: 'www-data',
    start,
    cores,
  };
}

const minerAlert = falco(MINER + 30_000, 'Detect crypto miners using the Stratum protocol', {
  pid: 4242,
  name: 'xmrig',
});

describe('spikes the culprit took no part in', () => {
  it('do not stretch the incident: window, anomalies, duration and sentences are the miner’s alone', () => {
    const host = hostWith([postgres, miner(MINER - 3_000, () => 3.6)], T0, AFTER);
    const wobble = spike(WOBBLE, WOBBLE + 4 * MINUTE, 0.13, 0.16);
    const mined = spike(MINER, MINER_END, 0.15, 0.98);
    const { incident, anomalies } = judgeEpisode(host, [wobble, mined], [minerAlert], AFTER);
    expect(incident?.culprit?.['process.executable.name']).toBe('xmrig');
    expect(incident?.score).toBeGreaterThanOrEqual(0.5);
    expect(incident?.anomalies).toEqual([mined.id]);
    expect(anomalies).toEqual([mined]);
    expect(incident?.start).toBe(new Date(MINER).toISOString());
    expect(incident?.end).toBe(new Date(MINER_END).toISOString());
    expect(incident?.summary.business).toContain('for 7 min');
    expect(incident?.summary.ops.match(/ rose from /g)).toHaveLength(1);
    expect(incident?.summary.ops).not.toContain('13%');
  });

  it('do not stretch it either when the culprit was alive but idle during the earlier spike', () => {
    const idleFirst = miner(T0 - 20 * MINUTE, step(0.01, 3.6, MINER));
    const host = hostWith([postgres, idleFirst], T0, AFTER);
    const wobble = spike(WOBBLE, WOBBLE + 4 * MINUTE, 0.13, 0.16);
    const mined = spike(MINER, MINER_END, 0.15, 0.98);
    const { incident } = judgeEpisode(host, [wobble, mined], [minerAlert], AFTER);
    expect(incident?.anomalies).toEqual([mined.id]);
    expect(incident?.summary.business).toContain('for 7 min');
  });

  it('keep the spikes it did take part in, such as the latency of the service it starved', () => {
    const host = hostWith([postgres, miner(MINER - 3_000, () => 3.6)], T0, AFTER);
    const wobble = spike(WOBBLE, WOBBLE + 4 * MINUTE, 0.13, 0.16);
    const mined = spike(MINER, MINER_END, 0.15, 0.98);
    const latency = new AnomalyState(
      'an_latency',
      'latency',
      { 'host.name': HOST, 'service.name': 'checkout' },
      'latency',
      's',
      MINER + 4 * MINUTE,
      0.07,
      0.33,
    );
    latency.end = MINER_END;
    latency.closed = true;
    const { incident } = judgeEpisode(host, [wobble, mined, latency], [minerAlert], AFTER);
    expect(incident?.anomalies).toEqual([mined.id, 'an_latency']);
    expect(incident?.entity['service.name']).toBe('checkout');
    expect(incident?.severity).toBe('critical');
  });

  it('leave an incident without a culprit as it was: nothing says which spike is whose', () => {
    const host = hostWith([postgres, miner(MINER - 3_000, () => 3.6)], T0, AFTER);
    const wobble = spike(WOBBLE, WOBBLE + 4 * MINUTE, 0.13, 0.16);
    const mined = spike(MINER, MINER_END, 0.15, 0.98);
    const hostOnly = falco(MINER + 60_000, 'Outbound connection to C2 server', undefined, 'high');
    const { incident } = judgeEpisode(host, [wobble, mined], [hostOnly], AFTER);
    expect(incident?.culprit).toBeNull();
    expect(incident?.anomalies).toEqual([wobble.id, mined.id]);
  });
});
