import type { Anomaly, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import type { ProcessRef } from '../model/process';
import type { Signal } from '../model/signal';
import type { SimProcess } from './__fixtures__/spike-host';
import { falco, MINUTE, ordinaryProcesses, runEngine, T0 } from './__fixtures__/spike-host';
import type { EngineOptions } from './options';
import { DEFAULT_ENGINE_OPTIONS } from './options';

/**
 * How far from a spike an alert still explains it. identityLookbackMs: an alert on the very process instance behind
 * a spike explains it hours later (a miner that waits after its exec alert), while every looser tie keeps its short
 * reach: another run of the same program, an earlier process with the same pid. lateEvidenceMs: an alert on that
 * instance after the spike ended still makes its incident.
 */

const HOUR = 60 * MINUTE;
const EXEC = T0 + 10 * MINUTE;

const ordinary = ordinaryProcesses();

/** A miner exec'd at `start` that idles until `mine`, then takes 3 of the 4 cores for 8 minutes. */
function miner(start: number, mine: number, overrides: Partial<SimProcess> = {}): SimProcess {
  return {
    pid: 4269,
    ppid: 1,
    name: 'sysupdate',
    exePath: '/tmp/.ICE-unix/sysupdate',
    owner: 'www-data',
    start,
    cores: (t) => (t >= mine && t < mine + 8 * MINUTE ? 3 : 0.02),
    ...overrides,
  };
}

/** Falco's alert a minute after `p` started, naming it by pid and start time, or (withPid false) only by path. */
function execAlert(p: SimProcess, withPid = true): Signal {
  const ref: ProcessRef = { name: p.name, exePath: p.exePath };
  if (withPid) Object.assign(ref, { pid: p.pid, startTime: p.start });
  return falco(p.start + MINUTE, 'Drop and execute new binary in container', ref);
}

interface Run {
  /** Every incident emitted, in its last state: one shown correlated while open counts even if its final were lost. */
  incidents: Incident[];
  spikes: Anomaly[];
}

function run(
  processes: SimProcess[],
  alert: Signal | Signal[],
  end: number,
  options: Partial<EngineOptions> = {},
): Run {
  const { spikes, finals, latest } = runEngine(processes, Array.isArray(alert) ? alert : [alert], end, options);
  // Whatever an incident was shown as, it ends: its final state is emitted.
  expect(finals.map((i) => i.id).sort()).toEqual(latest.map((i) => i.id).sort());
  return { incidents: latest, spikes };
}

const correlated = (r: Run) => r.incidents.filter((i) => i.score >= CORRELATED_SCORE);
const culprits = (r: Run) =>
  correlated(r).map((i) => `${i.culprit?.['process.executable.name']}/${i.culprit?.['process.pid']}`);

describe('an alert long before the spike (identityLookbackMs)', () => {
  it.each([true, false])('names the very instance it was raised on, hours later (pid known: %s)', (withPid) => {
    const mine = EXEC + 2 * HOUR;
    const m = miner(EXEC, mine);
    const r = run([...ordinary, m], execAlert(m, withPid), mine + 20 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
    expect(correlated(r)[0]?.signals.map((s) => s.rule)).toEqual(['Drop and execute new binary in container']);
  });

  it('without it, an alert past processLookbackMs explains nothing (what the option is for)', () => {
    const mine = EXEC + 2 * HOUR;
    const m = miner(EXEC, mine);
    const r = run([...ordinary, m], execAlert(m), mine + 20 * MINUTE, { identityLookbackMs: 0 });
    expect(r.spikes).toHaveLength(1);
    expect(correlated(r)).toEqual([]);
  });

  it('stops at identityLookbackMs', () => {
    const mine = EXEC + DEFAULT_ENGINE_OPTIONS.identityLookbackMs + 20 * MINUTE;
    const m = miner(EXEC, mine);
    const r = run([...ordinary, m], execAlert(m), mine + 20 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(correlated(r)).toEqual([]);
  });

  it('does not reach another run of the same program: that tie stays within processLookbackMs', () => {
    const first = miner(EXEC, Number.POSITIVE_INFINITY, { end: EXEC + 10 * MINUTE });
    const later = (start: number): SimProcess => miner(start, start + 10_000, { pid: 5120 });
    // Control: 40 minutes on, the second run is tied to the first one's alert as the same executable.
    const near = later(EXEC + 40 * MINUTE);
    expect(culprits(run([...ordinary, first, near], execAlert(first), near.start + 30 * MINUTE))).toEqual([
      'sysupdate/5120',
    ]);
    // 75 minutes on, past processLookbackMs, while the first run is still remembered (retentionMs).
    const far = later(EXEC + 75 * MINUTE);
    const r = run([...ordinary, first, far], execAlert(first), far.start + 30 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(correlated(r)).toEqual([]);
  });

  /** A shell that starts the miner at EXEC and exits 3 minutes later. */
  const shell: SimProcess = {
    pid: 4000,
    ppid: 1,
    name: 'sh',
    exePath: '/bin/sh',
    start: EXEC - 30_000,
    end: EXEC + 3 * MINUTE,
    cores: () => 0.01,
  };

  it('names the process an alerted shell started, the shell long gone', () => {
    // Remembered for its alert (ProcessInstance.alertedAt), though last seen longer ago than retentionMs.
    const mine = EXEC + 2 * HOUR;
    const m = miner(EXEC, mine, { ppid: 4000 });
    const r = run([...ordinary, shell, m], execAlert(shell), mine + 20 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
  });

  it('keeps what the evidence was resolved to until the incident ends', () => {
    // The alert names the shell by its executable only (no pid: nothing remembers it for the alert). The miner
    // mines 70 minutes on for 50 minutes: by the incident's end the shell was last seen longer ago than
    // retentionMs, and the final incident must still find it.
    const mine = EXEC + 70 * MINUTE;
    const m = miner(EXEC, mine, { ppid: 4000, cores: (t) => (t >= mine && t < mine + 50 * MINUTE ? 3 : 0.02) });
    expect(mine + 50 * MINUTE - (shell.end as number)).toBeGreaterThan(DEFAULT_ENGINE_OPTIONS.retentionMs);
    const r = run([...ordinary, shell, m], execAlert(shell, false), mine + 70 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
  });

  it('does not reach far when the alert fitted several processes (no pid, two workers of one executable)', () => {
    const pool = (mine: number): SimProcess[] => [
      { pid: 6000, ppid: 1, name: 'php-fpm8.2', exePath: '/usr/sbin/php-fpm8.2', start: T0 - HOUR, cores: () => 0.01 },
      ...[6001, 6002].map((pid) => ({
        pid,
        ppid: 6000,
        name: 'php-fpm8.2',
        exePath: '/usr/sbin/php-fpm8.2',
        start: EXEC - MINUTE,
        cores: (t: number) => (t >= mine && t < mine + 8 * MINUTE ? 1.5 : 0.02),
      })),
    ];
    const alert = falco(EXEC, 'Run shell untrusted', { name: 'php-fpm8.2', exePath: '/usr/sbin/php-fpm8.2' });
    // Control: 30 minutes on, the pool is the culprit (by executable, as always).
    const near = EXEC + 30 * MINUTE;
    expect(culprits(run([...ordinary, ...pool(near)], alert, near + 20 * MINUTE))).toHaveLength(1);
    const far = EXEC + 2 * HOUR;
    const r = run([...ordinary, ...pool(far)], alert, far + 20 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(correlated(r)).toEqual([]);
  });

  it('does not reach a later process that reuses the pid', () => {
    const curl: SimProcess = {
      pid: 4269,
      ppid: 1,
      name: 'curl',
      exePath: '/usr/bin/curl',
      start: EXEC,
      end: EXEC + 2 * MINUTE,
      cores: () => 0.01,
    };
    const reuse = miner(EXEC + 2 * HOUR, EXEC + 2 * HOUR + 10_000, { name: 'ffmpeg', exePath: '/usr/bin/ffmpeg' });
    const r = run([...ordinary, curl, reuse], execAlert(curl), reuse.start + 30 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(correlated(r)).toEqual([]);
  });
});

describe('an alert after the spike ended (lateEvidenceMs)', () => {
  const mine = EXEC + 20 * MINUTE;
  const ENDED = mine + 8 * MINUTE;
  /** Falco's pool-connection rule on `p`, `lag` after the mining ended. */
  const stratum = (p: SimProcess, lag: number): Signal =>
    falco(ENDED + lag, 'Detect crypto miners using the Stratum protocol', {
      pid: p.pid,
      name: p.name,
      exePath: p.exePath,
      startTime: p.start,
    });

  it('makes the incident of the spike the alerted process caused, resolved', () => {
    const m = miner(EXEC, mine);
    const r = run([...ordinary, m], stratum(m, 15 * MINUTE), ENDED + 40 * MINUTE);
    expect(r.spikes).toHaveLength(1);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
    const [incident] = correlated(r);
    expect(incident?.status).toBe('resolved');
    expect(incident?.anomalies).toEqual([r.spikes[0]?.id]);
    expect([incident?.start, incident?.end]).toEqual([r.spikes[0]?.start, r.spikes[0]?.end]);
    expect(incident?.summary.security).toContain('ties sysupdate (pid 4269)');
  });

  it('is found among a flood of alerts about other processes', () => {
    const m = miner(EXEC, mine);
    // From 5 minutes after the spike (past its quiet period: no incident of its own), one a second for 10 minutes.
    const noise = Array.from({ length: 600 }, (_, i) =>
      falco(ENDED + 5 * MINUTE + i * 1_000, 'Read sensitive file untrusted', {
        pid: 9000 + i,
        name: 'cat',
        exePath: '/usr/bin/cat',
      }),
    );
    const r = run([...ordinary, m], [...noise, stratum(m, 14 * MINUTE)], ENDED + 40 * MINUTE);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
  });

  it('does not split off a first bump when the alert comes with the mining that follows it', () => {
    // A bump of 1.5 cores for 5 minutes, back to idle for 10, then mining, alerted during it: one incident, the
    // mining's (the bump ended without one, and the alert names the instance behind it too).
    const bump = EXEC + 20 * MINUTE;
    const later = bump + 15 * MINUTE;
    const m = miner(EXEC, later, {
      cores: (t) => (t >= bump && t < bump + 5 * MINUTE ? 1.5 : t >= later && t < later + 8 * MINUTE ? 3 : 0.02),
    });
    const r = run([...ordinary, m], stratum(m, later + 2 * MINUTE - ENDED), later + 40 * MINUTE);
    expect(r.spikes).toHaveLength(2);
    expect(culprits(r)).toEqual(['sysupdate/4269']);
    expect(correlated(r)[0]?.anomalies).toEqual([r.spikes[1]?.id]);
  });

  it('stops at lateEvidenceMs, and not at all when it is 0', () => {
    const m = miner(EXEC, mine);
    const late = DEFAULT_ENGINE_OPTIONS.lateEvidenceMs + 5 * MINUTE;
    expect(run([...ordinary, m], stratum(m, late), ENDED + late + 10 * MINUTE).incidents).toEqual([]);
    const off = run([...ordinary, m], stratum(m, 15 * MINUTE), ENDED + 40 * MINUTE, { lateEvidenceMs: 0 });
    expect(off.spikes).toHaveLength(1);
    expect(off.incidents).toEqual([]);
  });

  it('is not made by an alert on another process, nor on a later run of the program that spiked', () => {
    const m = miner(EXEC, mine, { end: ENDED + MINUTE });
    const curl: SimProcess = {
      pid: 5001,
      ppid: 1,
      name: 'curl',
      exePath: '/usr/bin/curl',
      start: ENDED + 9 * MINUTE,
      end: ENDED + 11 * MINUTE,
      cores: () => 0.01,
    };
    const unrelated = run([...ordinary, m, curl], stratum(curl, 10 * MINUTE), ENDED + 40 * MINUTE);
    expect(unrelated.spikes).toHaveLength(1);
    expect(unrelated.incidents).toEqual([]);
    const rerun = miner(ENDED + 5 * MINUTE, Number.POSITIVE_INFINITY, { pid: 5120 });
    const again = run([...ordinary, m, rerun], stratum(rerun, 10 * MINUTE), ENDED + 40 * MINUTE);
    expect(again.spikes).toHaveLength(1);
    expect(again.incidents).toEqual([]);
  });
});
