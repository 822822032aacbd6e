import type { Episode } from './episode';
import type { ProcessBudget } from './limits';
import type { ProcessInstance } from './processes/instance';
import { ProgramRise } from './program-rise';
import { HostProcesses } from './processes/registry';
import type { Series } from './series';

/** Sampling interval assumed until a host's own data shows its rate (the hostmetrics default is 10 s... or 60 s). */
export const DEFAULT_INTERVAL_MS = 10_000;
/** Weight of the newest interval in the running estimate (smooths jitter between scrapes). */
const INTERVAL_SMOOTHING = 0.2;

/** Everything the engine tracks for one host. */
export class HostState {
  readonly processes: HostProcesses;
  cpuSeries: Series | undefined;
  /** Spikes per-process CPU makes plain where the host's noise hides them (see ProgramRise). */
  readonly programRise = new ProgramRise();
  /** Keys of the host's series in the engine's series map, to forget them with the host. */
  readonly seriesKeys = new Set<string>();
  cpus = 0;
  intervalMs = DEFAULT_INTERVAL_MS;
  private intervalKnown = false;
  private lastCpuSampleTime: number | undefined;
  /** The episode still collecting spikes (not yet resolved), if any. */
  episode: Episode | undefined;
  /**
   * Episodes that ended without an incident, newest last, for `lateEvidenceMs` past their end: an alert on the
   * process behind one of them that comes after it still makes its incident (EpisodeBook.alerted).
   */
  readonly ended: Episode[] = [];
  /** An alert arrived since the ended episodes were last judged. */
  alertedSinceEnd = false;
  /** When they were last judged (data time). */
  endedJudgedAt: number | undefined;
  /**
   * The process instance the host's latest incident names as its culprit, and when (data time) it was last judged:
   * a spike that ended before that with the same instance behind it is that incident's prelude, not one of its own.
   */
  lastCulprit: { instance: ProcessInstance; at: number } | undefined;

  constructor(
    readonly name: string,
    maxProcesses: number,
    budget?: ProcessBudget,
  ) {
    this.processes = new HostProcesses(name, maxProcesses, budget);
  }

  /** Learns the sampling interval from the host's CPU (or, lacking that, any series) timestamps. */
  noteSampleTime(time: number): void {
    const last = this.lastCpuSampleTime;
    this.lastCpuSampleTime = time;
    if (last === undefined || time <= last) return;
    const gap = time - last;
    if (!this.intervalKnown) {
      this.intervalMs = gap;
      this.intervalKnown = true;
    } else {
      this.intervalMs += INTERVAL_SMOOTHING * (gap - this.intervalMs);
    }
  }

  /** How far scrape-based first/last sightings of a process may be from its real start/end. */
  get slackMs(): number {
    return 2 * this.intervalMs;
  }
}
