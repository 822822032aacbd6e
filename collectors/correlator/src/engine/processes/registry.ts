import type { ProcessAncestor, ProcessRef } from '../../model/process';
import type { ProcessCpuSample } from '../../model/samples';
import {
  aliveAt,
  compatible,
  identityConflict,
  ProcessInstance,
  SIGNAL_CLOCK_SKEW_MS,
  signalClockTolerance,
  START_TIME_TOLERANCE_MS,
} from './instance';
import { argsCompatible, basename, isRootAncestor } from './names';
import { evictionBatch, ProcessBudget } from '../limits';

/** Lifetimes remembered per pid: enough to tell a reused pid from its predecessors. */
const INSTANCES_PER_PID = 4;
/** A signal-only process first scraped within this time is the same lifetime (first scrape after an exec alert). */
const STUB_ADOPT_MS = 90_000;
/** Ancestor walks stop here: evidence further up says little about one process. */
export const MAX_LINEAGE_DEPTH = 4;

export type MatchLevel = 'process' | 'executable';

export interface Resolution {
  instance: ProcessInstance;
  level: MatchLevel;
}

/**
 * Every process lifetime seen on one host, from metrics and from security signals, indexed by pid and by
 * Tetragon exec id. It answers "which process did this signal mean?" and "who is this process's parent?".
 */
export class HostProcesses {
  private readonly byPid = new Map<number, ProcessInstance[]>();
  private readonly byExecId = new Map<string, ProcessInstance>();
  private readonly unnumbered: ProcessInstance[] = [];
  private sequence = 0;
  private count = 0;

  constructor(
    readonly host: string,
    private readonly maxInstances: number,
    /** Lifetimes held by all hosts, and how many were evicted (by this bound or by the total one). */
    private readonly budget: ProcessBudget = new ProcessBudget(),
  ) {}

  get size(): number {
    return this.count;
  }

  *instances(): Iterable<ProcessInstance> {
    for (const list of this.byPid.values()) yield* list;
    yield* this.unnumbered;
  }

  /** Records a metric sample: cpu-seconds over the interval that ends at the sample time. */
  observeSample(sample: ProcessCpuSample, intervalMs: number): ProcessInstance | undefined {
    const ref = sample.process;
    if (ref.pid === undefined) return undefined;
    const instance = this.instanceFor(ref, sample.time, 'metrics');
    const previous = instance.cpu.lastTime();
    let spanMs =
      previous !== undefined && sample.time - previous < 3 * intervalMs ? sample.time - previous : intervalMs;
    // A process first scraped after starting within the interval used its CPU only since it started: a short-lived
    // compiler `make -j` forks must not count for the whole interval.
    const start = instance.startTime;
    if (previous === undefined && start !== undefined && start > sample.time - spanMs && start < sample.time) {
      spanMs = sample.time - start;
    }
    instance.addCpu(sample.time, (sample.cores * spanMs) / 1000);
    return instance;
  }

  /** Learns from a signal's process description (and its parent's); marks exits. */
  observeRef(ref: ProcessRef, time: number, lifecycle?: 'exec' | 'exit'): ProcessInstance | undefined {
    if (ref.pid === undefined && ref.execId === undefined) return undefined;
    const instance = this.instanceFor(ref, time, 'signal');
    if (lifecycle === 'exit') instance.exitTime = time;
    if (ref.parent && (ref.parent.pid !== undefined || ref.parent.execId !== undefined)) {
      this.instanceFor(ancestorRef(ref.parent, ref.containerId), ref.startTime ?? time, 'signal');
    }
    return instance;
  }

  /** The process a signal describes, at the most specific level its fields allow. */
  resolve(ref: ProcessRef, time: number, slackMs: number): Resolution[] {
    if (ref.execId !== undefined) {
      const byExec = this.byExecId.get(ref.execId);
      if (byExec) return [{ instance: byExec, level: 'process' }];
    }
    if (ref.pid !== undefined) {
      // A pid is a hard key: if no lifetime of that pid fits, the signal is about a process we never saw.
      const list = this.byPid.get(ref.pid) ?? [];
      const fits = list.filter((candidate) => compatible(candidate, ref, time, slackMs));
      return fits.slice(-1).map((instance) => ({ instance, level: 'process' }));
    }
    if (!ref.name && !ref.exePath) return [];
    const out: Resolution[] = [];
    for (const candidate of this.instances()) {
      if (!candidate.name && !candidate.exePath) continue;
      if (!executableMatches(candidate, ref)) continue;
      if (compatible(candidate, ref, time, slackMs)) out.push({ instance: candidate, level: 'executable' });
    }
    return out;
  }

  /** The parent lifetime of `instance`, if known. */
  parentOf(instance: ProcessInstance, slackMs: number): ProcessInstance | undefined {
    if (instance.parentExecId !== undefined) {
      const byExec = this.byExecId.get(instance.parentExecId);
      if (byExec) return byExec;
    }
    if (instance.ppid === undefined || instance.ppid === instance.pid) return undefined;
    const born = instance.bornBy(slackMs);
    const list = this.byPid.get(instance.ppid) ?? [];
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const candidate = list[i] as ProcessInstance;
      if (aliveAt(candidate, born, slackMs)) return candidate;
    }
    return undefined;
  }

  /** Ancestors nearest first, stopping at init/container runtimes (everything descends from them). */
  ancestors(instance: ProcessInstance, slackMs: number): ProcessInstance[] {
    const out: ProcessInstance[] = [];
    let current = this.parentOf(instance, slackMs);
    while (current && out.length < MAX_LINEAGE_DEPTH && !out.includes(current) && current !== instance) {
      if (isRootAncestor(current.name, current.pid)) break;
      out.push(current);
      current = this.parentOf(current, slackMs);
    }
    return out;
  }

  /**
   * Drops lifetimes not seen since `before`, except those in `keep` and those an alert named since `alertedBefore`;
   * then enforces the size bound.
   */
  prune(before: number, keep: ReadonlySet<ProcessInstance>, alertedBefore = before): void {
    const drop = (instance: ProcessInstance): boolean => {
      const alerted = instance.alertedAt !== undefined && instance.alertedAt >= alertedBefore;
      return instance.lastSeen < before && !keep.has(instance) && !alerted;
    };
    this.removeWhere(drop);
    if (this.count > this.maxInstances) this.evictOldest(this.count - this.maxInstances, keep);
  }

  /** Forgets these lifetimes now (a bound was passed), counting them as evicted. */
  evict(instances: ReadonlySet<ProcessInstance>): void {
    this.budget.evicted += this.removeWhere((instance) => instances.has(instance));
  }

  /** Evicts the `excess` least recently seen lifetimes, those in `keep` only once no others are left. */
  private evictOldest(excess: number, keep: ReadonlySet<ProcessInstance>, spare?: ProcessInstance): void {
    const ordered = [...this.instances()]
      .filter((instance) => instance !== spare)
      .sort((a, b) => Number(keep.has(a)) - Number(keep.has(b)) || a.lastSeen - b.lastSeen);
    this.evict(new Set(ordered.slice(0, excess)));
  }

  /** Removes the lifetimes `predicate` picks; returns how many. */
  private removeWhere(predicate: (instance: ProcessInstance) => boolean): number {
    const before = this.count;
    for (const [pid, list] of this.byPid) {
      const kept = list.filter((instance) => !predicate(instance));
      if (kept.length === list.length) continue;
      this.count -= list.length - kept.length;
      if (kept.length === 0) this.byPid.delete(pid);
      else this.byPid.set(pid, kept);
    }
    for (let i = this.unnumbered.length - 1; i >= 0; i -= 1) {
      if (predicate(this.unnumbered[i] as ProcessInstance)) {
        this.unnumbered.splice(i, 1);
        this.count -= 1;
      }
    }
    for (const [execId, instance] of this.byExecId) if (predicate(instance)) this.byExecId.delete(execId);
    this.budget.total -= before - this.count;
    return before - this.count;
  }

  private instanceFor(ref: ProcessRef, time: number, from: 'metrics' | 'signal'): ProcessInstance {
    let instance: ProcessInstance | undefined;
    if (ref.execId !== undefined) instance = this.byExecId.get(ref.execId);
    if (!instance && ref.pid !== undefined) {
      const list = this.byPid.get(ref.pid);
      const latest = list?.[list.length - 1];
      // Metrics keep following one lifetime until its identity changes; signals may describe an older one.
      if (latest && from === 'metrics' && this.metricsContinue(latest, ref, time)) {
        instance = latest;
      } else if (latest && from === 'signal' && this.signalDescribes(latest, ref, time)) {
        instance = latest;
      } else if (list && from === 'signal') {
        instance = [...list].reverse().find((candidate) => this.signalDescribes(candidate, ref, time));
      }
    }
    if (!instance) instance = this.create(ref, time);
    instance.enrich(ref, time);
    if (ref.execId !== undefined) this.byExecId.set(ref.execId, instance);
    return instance;
  }

  /** Whether a signal's process, seen at `time` by the signal's clock, is this lifetime. */
  private signalDescribes(candidate: ProcessInstance, ref: ProcessRef, time: number): boolean {
    const clockMs = signalClockTolerance(candidate);
    return !identityConflict(candidate, ref, clockMs) && aliveAt(candidate, time, 0, clockMs);
  }

  private metricsContinue(latest: ProcessInstance, ref: ProcessRef, time: number): boolean {
    // A lifetime known only from signals was stamped by their clock.
    if (identityConflict(latest, ref, latest.hasMetrics ? START_TIME_TOLERANCE_MS : SIGNAL_CLOCK_SKEW_MS)) return false;
    if (latest.exitTime !== undefined && time > latest.exitTime + START_TIME_TOLERANCE_MS) return false;
    // A process known only from a signal, first scraped long after: without start times to compare, a
    // pid seen again minutes later is more likely reused than the same lifetime.
    const unscrapedFor = time - latest.lastSeen;
    return (
      latest.hasMetrics ||
      latest.startTime !== undefined ||
      ref.startTime !== undefined ||
      unscrapedFor <= STUB_ADOPT_MS
    );
  }

  private create(ref: ProcessRef, time: number): ProcessInstance {
    this.sequence += 1;
    const instance = new ProcessInstance(`${this.host}/${ref.pid ?? 'x'}/${this.sequence}`, this.host, time);
    this.count += 1;
    this.budget.total += 1;
    // Past the bound the least recently seen lifetimes go at once (a batch, so a pid flood sorts rarely).
    if (this.count > this.maxInstances) {
      this.evictOldest(evictionBatch(this.maxInstances, this.count - this.maxInstances), new Set(), instance);
    }
    if (ref.pid === undefined) {
      this.unnumbered.push(instance);
      return instance;
    }
    const list = this.byPid.get(ref.pid) ?? [];
    const previous = list[list.length - 1];
    // A new lifetime of a pid means the previous one ended (if no exit record told us when, it is about now).
    if (previous && previous.exitTime === undefined && (ref.startTime ?? time) >= previous.lastSeen) {
      previous.exitTime = Math.max(previous.lastSeen, Math.min(ref.startTime ?? time, time));
    }
    list.push(instance);
    if (list.length > INSTANCES_PER_PID) {
      const dropped = list.shift() as ProcessInstance;
      if (dropped.execId !== undefined && this.byExecId.get(dropped.execId) === dropped) {
        this.byExecId.delete(dropped.execId);
      }
      this.count -= 1;
      this.budget.total -= 1;
    }
    this.byPid.set(ref.pid, list);
    return instance;
  }
}

function ancestorRef(parent: ProcessAncestor, containerId: string | undefined): ProcessRef {
  return { ...parent, containerId };
}

/** Same executable by path, or by name plus compatible arguments. */
function executableMatches(instance: ProcessInstance, ref: ProcessRef): boolean {
  if (ref.exePath && instance.exePath && ref.exePath === instance.exePath) return true;
  const theirs = ref.name ?? (ref.exePath ? basename(ref.exePath) : undefined);
  if (!theirs) return false;
  const ours = instance.names();
  if (!ours.some((name) => name === theirs || name.startsWith(theirs) || theirs.startsWith(name))) return false;
  return !ref.commandLine || !instance.commandLine || argsCompatible(ref.commandLine, instance.commandLine);
}
