import type { ProcessRef } from '../../model/process';
import { TimeValueRing } from '../ring';
import { argsCompatible, basename, namesCompatible } from './names';
import { programOf } from './program';

/**
 * CPU history kept per process: an hour at a 10 s scrape, the longest a spike stays a spike before the detector
 * takes it as the new level (levelShiftSamples), plus its baseline window at slower scrapes. Thousands of processes
 * are tracked per correlator, so this is most of its memory.
 */
const CPU_HISTORY_POINTS = 400;
/** Start times from /proc (clock ticks), Tetragon (ns) and OTel (ns) agree to well within this. */
export const START_TIME_TOLERANCE_MS = 2_000;
/**
 * How far a security tool's clock may be from the metrics' (a SIEM stamping events, a collector on another machine,
 * an unsynchronized host): times from signals are compared with metric lifetimes this loosely. Identity (name,
 * arguments, path) still has to agree, so a pid reused by another program within it still implicates nothing.
 */
export const SIGNAL_CLOCK_SKEW_MS = 90_000;
/** Until two scrapes tell the interval, a metrics-known process counts as alive this long after its last one. */
const DEFAULT_SCRAPE_GAP_MS = 60_000;

/**
 * One process lifetime on one host: what every source said about it, and its CPU history from metrics.
 * Identity is (host, pid, start time); when the start time is unknown, a change of name or command line
 * under the same pid means the pid was reused.
 */
export class ProcessInstance {
  pid: number | undefined;
  startTime: number | undefined;
  firstSeen: number;
  lastSeen: number;
  exitTime: number | undefined;
  /**
   * Data time of the latest alert about this very process (by pid or exec id): it is remembered as long as that
   * alert is (EngineOptions.identityLookbackMs), however long ago it was last seen.
   */
  alertedAt: number | undefined;
  name: string | undefined;
  exePath: string | undefined;
  commandLine: string | undefined;
  owner: string | undefined;
  containerId: string | undefined;
  ppid: number | undefined;
  execId: string | undefined;
  parentExecId: string | undefined;
  ancestorNames: string[] | undefined;
  /** Set once a metric sample arrived: only such processes can account for a rise. */
  hasMetrics = false;
  /** Time between its last two scrapes; until then, a default no scrape interval exceeds. */
  scrapeIntervalMs = DEFAULT_SCRAPE_GAP_MS;
  private programValue: string | undefined;
  /** cpu-seconds consumed in the interval ending at each sample time. */
  readonly cpu = new TimeValueRing(CPU_HISTORY_POINTS);

  constructor(
    readonly id: string,
    readonly host: string,
    time: number,
  ) {
    this.firstSeen = time;
    this.lastSeen = time;
  }

  /** What it runs (programOf), worked out once its name, path and command line are known. */
  get program(): string {
    this.programValue ??= programOf(this);
    return this.programValue;
  }

  /** Fills what is still unknown; metric-derived values are never overwritten by signal-derived ones. */
  enrich(ref: ProcessRef, time: number): void {
    // What it runs may become clearer (a signal-only process later scraped with its command line).
    if (
      (this.name === undefined && ref.name !== undefined) ||
      (this.exePath === undefined && ref.exePath !== undefined) ||
      (this.commandLine === undefined && ref.commandLine !== undefined)
    ) {
      this.programValue = undefined;
    }
    if (time > this.lastSeen) this.lastSeen = time;
    if (time < this.firstSeen) this.firstSeen = time;
    this.pid ??= ref.pid;
    this.startTime ??= ref.startTime;
    this.name ??= ref.name;
    this.exePath ??= ref.exePath;
    this.commandLine ??= ref.commandLine;
    this.owner ??= ref.owner;
    // Prefer the full 64-hex container id (metrics, Tetragon) over Falco's 12-hex short form.
    if (
      ref.containerId &&
      (!this.containerId ||
        (ref.containerId.length > this.containerId.length && ref.containerId.startsWith(this.containerId)))
    ) {
      this.containerId = ref.containerId;
    }
    this.ppid ??= ref.ppid ?? ref.parent?.pid;
    this.execId ??= ref.execId;
    this.parentExecId ??= ref.parentExecId ?? ref.parent?.execId;
    this.ancestorNames ??= ref.ancestorNames;
  }

  addCpu(time: number, cpuSeconds: number): void {
    const last = this.cpu.lastTime();
    if (last !== undefined && time <= last) return;
    if (last !== undefined) this.scrapeIntervalMs = time - last;
    this.cpu.push(time, cpuSeconds);
    this.hasMetrics = true;
    if (time > this.lastSeen) this.lastSeen = time;
  }

  /** Mean cores used over (from, to]. */
  meanCores(from: number, to: number): number {
    const span = (to - from) / 1000;
    return span > 0 ? this.cpu.sumBetween(from, to) / span : 0;
  }

  /** Earliest time this process can have existed: its start, or a scrape before it was first seen. */
  bornBy(slackMs: number): number {
    return this.startTime ?? this.firstSeen - slackMs;
  }

  names(): string[] {
    const out: string[] = [];
    if (this.name) out.push(this.name);
    if (this.exePath) out.push(basename(this.exePath));
    return out;
  }
}

function refNames(ref: ProcessRef): string[] {
  const out: string[] = [];
  if (ref.name) out.push(ref.name);
  if (ref.exePath) out.push(basename(ref.exePath));
  return out;
}

/** Interpreters and symlinked binaries: `python3` (comm) vs `python3.11` (exe). Short names must match exactly. */
const MIN_PREFIX_MATCH = 4;

function nameMatch(a: string, b: string): boolean {
  if (namesCompatible(a, b)) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return (
    shorter.length >= MIN_PREFIX_MATCH && longer.startsWith(shorter) && /^[.\d-]/.test(longer.slice(shorter.length))
  );
}

export function namesAgree(instance: ProcessInstance, ref: ProcessRef): boolean | undefined {
  const ours = instance.names();
  const theirs = refNames(ref);
  if (ours.length === 0 || theirs.length === 0) return undefined;
  return ours.some((a) => theirs.some((b) => nameMatch(a, b)));
}

/**
 * True when something known on both sides says `ref` is a different process than this instance. `clockMs`: how far
 * apart two start times (or a start and a sighting) may be for the same process — more when the two come from
 * different clocks (a signal against metrics).
 */
export function identityConflict(
  instance: ProcessInstance,
  ref: ProcessRef,
  clockMs: number = START_TIME_TOLERANCE_MS,
): boolean {
  if (ref.pid !== undefined && instance.pid !== undefined && ref.pid !== instance.pid) return true;
  if (ref.execId !== undefined && instance.execId !== undefined) return ref.execId !== instance.execId;
  if (
    ref.startTime !== undefined &&
    instance.startTime !== undefined &&
    Math.abs(ref.startTime - instance.startTime) > clockMs
  ) {
    return true;
  }
  // Seen before this process even started: an earlier lifetime of the same pid.
  if (ref.startTime !== undefined && instance.startTime === undefined && instance.firstSeen < ref.startTime - clockMs) {
    return true;
  }
  if (namesAgree(instance, ref) === false) return true;
  if (ref.commandLine && instance.commandLine && !argsCompatible(ref.commandLine, instance.commandLine)) return true;
  if (ref.containerId && instance.containerId) {
    const [a, b] = [ref.containerId, instance.containerId];
    if (!(a.length <= b.length ? b.startsWith(a) : a.startsWith(b))) return true;
  }
  return false;
}

/**
 * Whether the instance existed at `time`. `slackMs` widens the lifetime by the uncertainty of scrape-based
 * first/last sightings; processes known only from signals have no known end. A scraped process may still be
 * alive until the scrape after its last one would have shown it (a signal between two scrapes is about it).
 */
export function aliveAt(
  instance: ProcessInstance,
  time: number,
  slackMs: number,
  clockMs: number = START_TIME_TOLERANCE_MS,
): boolean {
  if (time < instance.bornBy(slackMs) - clockMs) return false;
  const unseenFor = Math.max(slackMs, instance.scrapeIntervalMs);
  const gone = instance.exitTime ?? (instance.hasMetrics ? instance.lastSeen + unseenFor : undefined);
  return gone === undefined || time <= gone + clockMs;
}

/**
 * Whether a signal's `ref`, observed at `time` by the signal's clock, can describe this instance. Against a
 * process known from metrics, the two clocks may disagree by SIGNAL_CLOCK_SKEW_MS.
 */
export function compatible(instance: ProcessInstance, ref: ProcessRef, time: number, slackMs: number): boolean {
  const clockMs = signalClockTolerance(instance);
  return !identityConflict(instance, ref, clockMs) && aliveAt(instance, time, slackMs, clockMs);
}

/** How loosely a signal's times compare with what is known of `instance`: metrics run on another clock. */
export function signalClockTolerance(instance: ProcessInstance): number {
  return instance.hasMetrics ? SIGNAL_CLOCK_SKEW_MS : START_TIME_TOLERANCE_MS;
}
