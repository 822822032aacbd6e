import type { Incident } from '@lockstep/contract';
import type { AnomalyState } from './anomalies';
import type { BusinessOf } from './catalog/subject';
import { evaluate } from './correlate';
import { Episode } from './episode';
import { holds, judgePending } from './hold';
import type { HostState } from './host-state';
import type { HostDirectory } from './hosts';
import type { EngineOptions } from './options';
import type { Series } from './series';
import type { SignalStore } from './signals';

/**
 * How long past its quiet period an episode waits for the detector's verdict on a rise that began within that
 * period and has not ended: the host has not gone back to normal (a miner idling above the noise after a first
 * bump, before it mines in earnest), so the trouble may not be over. A bound, so that a rise that never decides
 * holds the resolution back an hour at most; the incident's end stays the end of its last spike either way.
 */
const UNDECIDED_WAIT_MS = 60 * 60_000;
/** Episodes that ended without an incident kept per host for late evidence (EngineOptions.lateEvidenceMs). */
const MAX_ENDED_PER_HOST = 4;

/** What the episodes read from the engine (they own none of it), and where their incidents go. */
export interface EpisodeContext {
  hosts: ReadonlyMap<string, HostState>;
  series: ReadonlyMap<string, Series>;
  signals: SignalStore;
  directory: HostDirectory;
  options: EngineOptions;
  businessOf: BusinessOf | undefined;
  sink: { incident(incident: Incident, final: boolean): void };
}

/**
 * The open episodes and their life, one host's at a time. An episode opens with a spike on its host. More spikes
 * join it while it is open, or once its spikes have ended, within the quiet period after the last one. Past the
 * quiet period it waits while one of the host's series is in a rise the detector has not decided yet that began
 * within that period (at most UNDECIDED_WAIT_MS): should it open, it belongs here. Then it is held while its
 * correlated culprit still runs (hold.ts): a spike that opens meanwhile waits in `pending` until its contributors
 * tell whether the culprit is behind it (it joins) or not (the episode resolves and the spike starts the next).
 * Otherwise it resolves. Whenever something changed it is evaluated (correlate.ts) and its incident emitted when
 * it differs from the last emission; on resolution (or eviction, or end of input) it is emitted once more, final.
 */
export class EpisodeBook {
  private readonly open = new Set<Episode>();

  constructor(private readonly context: EpisodeContext) {}

  /** How many episodes are open. */
  get size(): number {
    return this.open.size;
  }

  /** The earliest start of an open episode (+Infinity when none is open). */
  oldestStart(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const episode of this.open) oldest = Math.min(oldest, episode.start);
    return oldest;
  }

  /** A spike opened on the host (its contributors measured): it joins the host's episode, waits in its hold, or starts one. */
  spikeOpened(host: HostState, anomaly: AnomalyState): void {
    const episode = host.episode;
    if (episode?.held) {
      // Judged once its contributors are measured (settle): the held incident's culprit, or a new incident.
      episode.pending.push(anomaly);
    } else if (!episode || episode.resolved) {
      this.start(host, [anomaly]);
    } else {
      episode.anomalies.push(anomaly);
      episode.dirty = true;
    }
  }

  /** Something the host's episode is judged by changed (a spike ended, an alert or a change arrived). */
  changed(host: HostState): void {
    if (host.episode) host.episode.dirty = true;
  }

  /** An alert arrived for the host: its episode, and those that ended without an incident, are judged again. */
  alerted(host: HostState): void {
    this.changed(host);
    if (host.ended.length > 0) host.alertedSinceEnd = true;
  }

  /** Whether the spike waits in the hold of the host's episode for its contributors to be measured. */
  awaitsJudgement(host: HostState, anomaly: AnomalyState): boolean {
    return host.episode?.pending.includes(anomaly) ?? false;
  }

  /** After a sample's spikes were handled: the hold's pending spikes judged, an episode with open spikes re-read. */
  sampled(host: HostState, now: number): void {
    this.settle(host, now, false);
    if (host.episode && host.episode.openAnomalies > 0) host.episode.dirty = true;
  }

  /**
   * As the host's clock moves to `now`: resolves its episode once quiet (or, while its culprit still runs, once the
   * culprit hold is over), else evaluates it again if it changed.
   */
  tick(host: HostState, now: number): void {
    this.advance(host, now);
    // After the open episode took in what arrived: an alert that is its incident's evidence makes nothing else.
    if (host.ended.length > 0) this.judgeEnded(host, now, false);
  }

  private advance(host: HostState, now: number): void {
    const episode = host.episode;
    if (!episode) return;
    const end = episode.end;
    const quiet = Math.max(this.context.options.quietPeriodMs, 3 * host.intervalMs);
    const over = end !== undefined && now >= end + quiet && !this.risingAgain(host, end + quiet, now);
    if (over) episode.held = holds(episode, end, quiet, now, this.context.options);
    if (over && !episode.held) {
      this.release(episode, now);
    } else if (episode.dirty) {
      this.update(episode, host, now, false);
    }
  }

  /** End of input: every hold's pending spikes decided, then every episode emitted final at its host's time. */
  flush(now: (host: string) => number): void {
    for (const host of this.context.hosts.values()) this.settle(host, now(host.name), true);
    for (const episode of [...this.open]) {
      if (episode.end !== undefined) episode.resolved = true;
      this.finish(episode, now(episode.host));
    }
    for (const host of this.context.hosts.values()) {
      if (host.ended.length > 0) this.judgeEnded(host, now(host.name), true);
    }
  }

  /** Emits the episode final and forgets it (resolution, eviction, end of input). */
  finish(episode: Episode, now: number): void {
    const host = this.context.hosts.get(episode.host);
    if (host) {
      this.update(episode, host, now, true);
      if (host.episode === episode) host.episode = undefined;
      // No alert was tied to it: one that comes soon after may still be about the process behind it.
      if (!episode.incident && episode.end !== undefined && this.context.options.lateEvidenceMs > 0) {
        host.ended.push(episode);
        if (host.ended.length > MAX_ENDED_PER_HOST) host.ended.shift();
      }
    }
    this.open.delete(episode);
  }

  /**
   * Episodes that ended without an incident, once an alert came: judged again with the alerts up to `lateEvidenceMs`
   * after their end that name the very instance behind their rise (correlate.ts, `lateUntil`); one that is now an
   * incident is emitted, final and resolved, and forgotten — unless the host's latest incident already names that
   * instance as its culprit (a miner's first bump, then the mining the alert came with: one incident, the mining's).
   * At most once per refresh interval (an alert flood must not re-judge them at every timestamp), and always at the
   * end of input (`force`).
   */
  private judgeEnded(host: HostState, now: number, force: boolean): void {
    const { options, signals, directory, businessOf, sink } = this.context;
    const refreshMs = Math.max(options.openRefreshMs, host.intervalMs);
    const recent = host.ended.filter((e) => now <= (e.end as number) + options.lateEvidenceMs + refreshMs);
    host.ended.length = 0;
    const due = force || host.endedJudgedAt === undefined || now - host.endedJudgedAt >= refreshMs;
    if (!host.alertedSinceEnd || !due) {
      host.ended.push(...recent);
      return;
    }
    host.endedJudgedAt = now;
    host.alertedSinceEnd = false;
    for (const episode of recent) {
      const lateUntil = Math.min(now, (episode.end as number) + options.lateEvidenceMs);
      const { incident, named } = evaluate(episode, { host, signals, directory, options, now, businessOf, lateUntil });
      if (!incident) {
        host.ended.push(episode);
        continue;
      }
      const last = host.lastCulprit;
      if (incident.culprit && last !== undefined && last.instance === named && last.at >= (episode.end as number)) {
        continue;
      }
      episode.incident = incident;
      sink.incident(incident, true);
    }
  }

  /** A held episode's spikes that opened in its hold join it or start an incident of their own, once judged. */
  private settle(host: HostState, now: number, force: boolean): void {
    const held = host.episode?.held ? host.episode : undefined;
    const verdict = held && judgePending(held, this.context.options, force);
    if (held === undefined || verdict === undefined) return;
    if (verdict === 'split') {
      this.release(held, now);
      return;
    }
    held.anomalies.push(...held.pending.splice(0));
    held.held = false;
    held.dirty = true;
  }

  private start(host: HostState, anomalies: AnomalyState[]): void {
    const [first, ...rest] = anomalies as [AnomalyState, ...AnomalyState[]];
    host.episode = new Episode(host.name, first);
    host.episode.anomalies.push(...rest);
    this.open.add(host.episode);
  }

  /** Resolves an episode for good; the spikes still pending in its hold start the host's next one. */
  private release(episode: Episode, now: number): void {
    const pending = episode.pending.splice(0);
    episode.resolved = true;
    this.finish(episode, now);
    const host = this.context.hosts.get(episode.host);
    if (host && pending.length > 0) this.start(host, pending);
  }

  /**
   * Whether one of the host's series is in a rise the detector has not judged yet that began before `quietEnd`:
   * should it open, it follows the episode's last spike within the quiet period and belongs to the same episode.
   * Waits at most UNDECIDED_WAIT_MS past `quietEnd`.
   */
  private risingAgain(host: HostState, quietEnd: number, now: number): boolean {
    if (now >= quietEnd + UNDECIDED_WAIT_MS) return false;
    for (const key of host.seriesKeys) {
      const since = this.context.series.get(key)?.undecidedSince;
      if (since !== undefined && since <= quietEnd) return true;
    }
    return false;
  }

  /** Evaluates the episode and emits its incident when it changed (always when `final`). */
  private update(episode: Episode, host: HostState, now: number, final: boolean): void {
    episode.dirty = false;
    const { signals, directory, options, businessOf, sink } = this.context;
    const evaluation = evaluate(episode, { host, signals, directory, options, now, businessOf });
    const { incident, anomalies, named } = evaluation;
    episode.incident = incident;
    episode.linked = evaluation.linked;
    episode.culprit = incident?.culprit ? named : undefined;
    if (episode.culprit) host.lastCulprit = { instance: episode.culprit, at: now };
    // The instance the evidence names represents its group in the spikes' contributors too.
    for (const anomaly of anomalies) anomaly.named = named;
    if (!incident) return;
    const json = JSON.stringify(incident);
    if (!final && json === episode.lastEmitted) return;
    episode.lastEmitted = json;
    sink.incident(incident, final);
  }
}
