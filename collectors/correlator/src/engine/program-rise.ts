import type { Share } from './attribution';
import { contributorsFor } from './contributors';
import { detectorOptionsFor } from './detector';
import type { HostState } from './host-state';
import type { EngineOptions } from './options';
import { ProcessGroups } from './processes/groups';
import type { Series, SeriesEvent } from './series';

/**
 * How long a new program must have held its share of the host before it opens a spike the host's detector has
 * not: 8 samples, or 4 minutes when samples are far apart, and never under 4 samples. The detector confirms an
 * ordinary rise within a few samples, so this only speaks where the host's own noise hides a program that is
 * plainly there (a throttled miner on a busy, noisy host); at one sample a minute, 8 samples would outlast a
 * miner that runs for seven minutes.
 */
const PROGRAM_CONFIRM_SAMPLES = 8;
const PROGRAM_CONFIRM_MS = 4 * 60_000;
const PROGRAM_CONFIRM_MIN_SAMPLES = 4;
/** Samples below half its material rise that end a program's spike (as the detector's closeSamples). */
const PROGRAM_QUIET_SAMPLES = 3;
/** A program is new when it used at most this fraction of its present CPU in the window before. */
const NEW_FRACTION = 0.1;
/** The host's own rise must show at least this fraction of the program's: a program that only replaced another's work is no rise. */
const HOST_SHOWS_FRACTION = 0.5;
/** Programs remembered per host as having run before (a bound on memory; least recently seen forgotten first). */
const MAX_PROGRAMS_REMEMBERED = 256;
/**
 * A new program's share of the host is material by the detector's floors, or at a tenth of the host's capacity
 * when that is less: on a busy host the relative floor asks 15 points at 50 % and 24 at 80 %, while a program the
 * host never ran taking a tenth of all its CPUs is plain load, measured exactly rather than read through noise.
 */
const MATERIAL_CAPACITY = 0.1;
/** How long after its first sighting a program can still open a spike (it was hidden in the noise all along). */
const PROGRAM_MAX_AGE_MS = 60 * 60_000;
/** An instance using less than this (cores) now is not a candidate: a shell, a cron job's scrap. */
const BUSY_CORES = 0.02;
/** A program that held a material share of the host within this long before is routine on it, not news. */
const PROGRAM_MEMORY_MS = 7 * 24 * 3_600_000;

const CPU_FLOORS = detectorOptionsFor('cpu-utilization');

interface Run {
  /** Last data time it held a material share. */
  last: number;
  /** End of an earlier run within PROGRAM_MEMORY_MS, if it had one. */
  earlier: number | undefined;
}

interface Led {
  key: string;
  quiet: number;
  lastMaterial: number;
  /** Cores that count as the program still running: half its material rise at the open. */
  runningCores: number;
}

/**
 * Host CPU spikes that per-process CPU makes plain: a program the host has not run lately takes a material share of
 * it (the detector's floors, 0.2 points and 30 % of the host's level, or a tenth of its capacity if less) for a
 * few samples (PROGRAM_CONFIRM_SAMPLES), the host's total shows it, and yet the host's noise keeps its detector from
 * opening. The spike starts at the program's first sighting and ends when the program stops using half that share. Programs that held such a share
 * before, within PROGRAM_MEMORY_MS, are routine (the nightly backup), as the detector's memory makes the host's
 * recurring rises routine.
 */
export class ProgramRise {
  private led: Led | undefined;
  /** Data time before which the rule stays silent (the host's detector spoke for the stretch). */
  private quietFrom = Number.NEGATIVE_INFINITY;
  /** Program (group key) -> its current or last run holding a material share of the host. */
  private readonly seen = new Map<string, Run>();

  /** Judges the host after its CPU sample at `time`; returns the spike event it opened or closed, if any. */
  judge(host: HostState, series: Series, time: number, options: EngineOptions): SeriesEvent | undefined {
    if (this.led) return this.follow(this.led, host, series, time);
    const confirm =
      host.intervalMs *
      Math.max(PROGRAM_CONFIRM_MIN_SAMPLES, Math.min(PROGRAM_CONFIRM_SAMPLES, PROGRAM_CONFIRM_MS / host.intervalMs));
    const span = Math.max(options.attributionBaselineMs, 10 * host.intervalMs);
    // The detector spoke for this stretch: its spike's programs are its to judge, during and just after it.
    if (series.anomaly !== undefined || series.detectorOpen) this.quietFrom = time + confirm + span;
    if (time < this.quietFrom) return undefined;
    const level = series.baseline;
    if (level === undefined || host.cpus <= 0) return undefined;
    const materialCores =
      host.cpus * Math.max(CPU_FLOORS.minRise, Math.min(CPU_FLOORS.minRelativeRise * level, MATERIAL_CAPACITY));
    // Only programs first seen after the host had been watched for a whole window: at the start of the data every
    // program is "new".
    const watched = series.history.firstTime();
    if (watched === undefined) return undefined;
    const bornAfter = Math.max(time - PROGRAM_MAX_AGE_MS, watched + host.intervalMs + span);
    const groups = new ProcessGroups(host.processes, host.slackMs);
    for (const [key, born] of this.births(host, groups, time, bornAfter, confirm, materialCores / 2)) {
      // From the program's first sighting on, against the stretch before it: a ramp counts from where it began.
      const during = { from: born - host.intervalMs, to: time };
      const before = { from: during.from - span, to: during.from };
      const row = contributorsFor(host, during, before, undefined, groups).find(
        (r) => groups.keyOf(r.instance) === key,
      );
      if (row === undefined || !isNew(row, materialCores)) continue;
      // It held such a share in an earlier run: routine on this host.
      if (this.remember(key, time, host.intervalMs).earlier !== undefined) continue;
      const hostMean = series.mean(during.from, during.to);
      if (hostMean === undefined || (hostMean - level) * host.cpus < HOST_SHOWS_FRACTION * row.riseCores) continue;
      const event = series.openForProgram(time, born);
      if (event) this.led = { key, quiet: 0, lastMaterial: time, runningCores: materialCores / 2 };
      return event;
    }
    return undefined;
  }

  /**
   * Programs with an instance first seen after `bornAfter`, at least `confirm` ago, whose new instances' last two
   * intervals carry `runningCores` (still running, and big enough to be worth attributing): group key -> the
   * earliest such sighting. Cheap (no attribution), since it runs on every quiet host sample.
   */
  private births(
    host: HostState,
    groups: ProcessGroups,
    time: number,
    bornAfter: number,
    confirm: number,
    runningCores: number,
  ): Map<string, number> {
    const found = new Map<string, { born: number; cores: number }>();
    for (const instance of host.processes.instances()) {
      if (!instance.hasMetrics || instance.firstSeen <= bornAfter) continue;
      const cores = instance.meanCores(time - 2 * host.intervalMs, time);
      if (cores <= BUSY_CORES) continue;
      const key = groups.keyOf(instance);
      const seen = found.get(key);
      if (seen === undefined) found.set(key, { born: instance.firstSeen, cores });
      else {
        seen.born = Math.min(seen.born, instance.firstSeen);
        seen.cores += cores;
      }
    }
    const out = new Map<string, number>();
    for (const [key, { born, cores }] of found) if (born <= time - confirm && cores >= runningCores) out.set(key, born);
    return out;
  }

  private follow(led: Led, host: HostState, series: Series, time: number): SeriesEvent | undefined {
    const groups = new ProcessGroups(host.processes, host.slackMs);
    let cores = 0;
    for (const instance of host.processes.instances()) {
      if (groups.keyOf(instance) === led.key) cores += instance.meanCores(time - 2 * host.intervalMs, time);
    }
    if (cores >= led.runningCores) {
      led.quiet = 0;
      led.lastMaterial = time;
      this.remember(led.key, time, host.intervalMs);
      return undefined;
    }
    led.quiet += 1;
    if (led.quiet < PROGRAM_QUIET_SAMPLES) return undefined;
    this.led = undefined;
    return series.closeForProgram(led.lastMaterial);
  }

  /**
   * Notes that the program holds a material share at `time`: the same run while sightings are at most
   * PROGRAM_QUIET_SAMPLES + 1 intervals apart, a new one after a longer gap (the earlier run's end is kept).
   */
  private remember(key: string, time: number, intervalMs: number): Run {
    const known = this.seen.get(key);
    this.seen.delete(key);
    let run: Run;
    if (known !== undefined && time - known.last <= (PROGRAM_QUIET_SAMPLES + 1) * intervalMs) {
      run = { last: time, earlier: known.earlier };
    } else {
      const earlier = known?.last;
      run = { last: time, earlier: earlier !== undefined && earlier >= time - PROGRAM_MEMORY_MS ? earlier : undefined };
    }
    this.seen.set(key, run);
    if (this.seen.size > MAX_PROGRAMS_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    return run;
  }
}

/** New (next to nothing before it appeared) and material since it appeared. */
function isNew(row: Share, materialCores: number): boolean {
  return row.beforeCores <= NEW_FRACTION * row.duringCores && row.riseCores >= materialCores;
}
