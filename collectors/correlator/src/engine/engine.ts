import type { Anomaly, Entity, Finding, Incident } from '@lockstep/contract';
import type { MetricSample } from '../model/samples';
import type { ChangeEvent } from '../model/change';
import { isChange } from '../model/change';
import type { Signal } from '../model/signal';
import type { AnomalyState } from './anomalies';
import type { ProcessInstance } from './processes/instance';
import { MAX_CONTRIBUTORS } from './attribution';
import { contributorsFor, spikeWindows } from './contributors';
import type { BusinessOf } from './catalog/subject';
import { businessLookup } from './catalog/subject';
import { EngineChanges } from './changes/changes';
import { evaluate } from './correlate';
import { Episode } from './episode';
import { holds, judgePending } from './hold';
import type { IngestVerdict, VerdictCounts } from './clocks';
import { emptyVerdictCounts, SourceClock } from './clocks';
import { isDataTime } from '../model/time';
import { HostState } from './host-state';
import { HostDirectory } from './hosts';
import type { EvictionCounts } from './limits';
import { EngineLimiter } from './limits';
import type { EngineOptions } from './options';
import { resolveEngineOptions } from './options';
import type { SeriesEvent, SeriesSpec } from './series';
import { Series } from './series';
import { SignalStore } from './signals';
import type { TimelinePoints, TimelineQuery } from './timeline';
import { findSeries, timelinePoints } from './timeline';

/** What the engine consumes: decoded metric samples and normalized signals, each stamped with data time. */
export type Observation = MetricSample | Signal | ChangeEvent;

/** Where results go. `final` is true once an anomaly or incident will not change again. */
export interface EngineSink {
  anomaly(anomaly: Anomaly, final: boolean): void;
  incident(incident: Incident, final: boolean): void;
  /** A temporary change whose window passed without a revert (open), or that was reverted after that (closed). */
  finding?(finding: Finding): void;
}

/** What the driver knows that the data does not: bounds from the receiving side's clock, and arrival times. */
export interface IngestContext {
  /** Latest acceptable data time (the service: its clock plus `max_future_ms`); later ones are `future`. */
  notAfter?: number;
  /** When the observation arrived, in the driver's clock, for `advanceIdle`. */
  arrival?: number;
}

export interface EngineStats {
  observations: number;
  lateDropped: number;
  /** Observations refused for their time, by verdict. */
  rejected: Pick<VerdictCounts, 'future' | 'past' | 'invalid'>;
  signalsStored: number;
  signalsDropped: number;
  changesStored: number;
  changesDropped: number;
  openFindings: number;
  hosts: number;
  series: number;
  processes: number;
  openAnomalies: number;
  openEpisodes: number;
  watermark: number | undefined;
  /** Entities dropped since start for a count bound (limits.ts), by kind. */
  evictions: EvictionCounts;
}

/** How often (data time) memory is trimmed of old processes and signals. */
const PRUNE_EVERY_MS = 60_000;
/**
 * How long past its quiet period an episode waits for the detector's verdict on a rise that began within that
 * period and has not ended: the host has not gone back to normal (a miner idling above the noise after a first
 * bump, before it mines in earnest), so the trouble may not be over. A bound, so that a rise that never decides
 * holds the resolution back an hour at most; the incident's end stays the end of its last spike either way.
 */
const UNDECIDED_WAIT_MS = 60 * 60_000;

/**
 * The correlation engine: pure and deterministic. Time comes only from the data; observations may arrive a
 * little out of order (up to `allowedLatenessMs`) and are applied in time order. `lockstep replay` and the
 * service drive the same class.
 */
export class Engine {
  readonly options: EngineOptions;
  private readonly clocks = new Map<string, SourceClock>();
  private readonly hosts = new Map<string, HostState>();
  private readonly series = new Map<string, Series>();
  private readonly directory = new HostDirectory();
  private readonly signals: SignalStore;
  private readonly changes: EngineChanges;
  private readonly business: BusinessOf | undefined;
  /** The latest data time temporary changes were judged at, and when the shared change index was last pruned. */
  private findingsAt = Number.NEGATIVE_INFINITY;
  private changesPrunedAt: number | undefined;
  private readonly episodes = new Set<Episode>();
  private observations = 0;
  private readonly verdicts = emptyVerdictCounts();
  private readonly limits: EngineLimiter;

  constructor(
    private readonly sink: EngineSink,
    options: Partial<EngineOptions> = {},
  ) {
    this.options = resolveEngineOptions(options);
    this.signals = new SignalStore(this.options.maxSignalsPerHost, this.options.maxSignals);
    const state = {
      clocks: this.clocks,
      hosts: this.hosts,
      series: this.series,
      episodes: this.episodes,
      directory: this.directory,
      signals: this.signals,
    };
    this.limits = new EngineLimiter(this.options, state, {
      finishAnomaly: (anomaly, now) => this.finishAnomaly(anomaly, now),
      finishEpisode: (episode, now) => this.finishEpisode(episode, now),
      now: (host) => this.now(host),
      protectedProcesses: (host) => this.protectedProcesses(host),
    });
    this.changes = new EngineChanges(this.options, this.directory);
    this.business = businessLookup(this.options.catalog, this.changes.placements);
  }

  /**
   * Takes one observation into its source's reorder buffer, or refuses it for its time (see IngestVerdict);
   * a refused observation changes nothing.
   */
  ingest(observation: Observation, context: IngestContext = {}): IngestVerdict {
    const verdict = this.judge(observation, context);
    this.verdicts[verdict] += 1;
    return verdict;
  }

  /**
   * Applies everything up to `watermark` (data time) and moves every source's clock (or `source`'s) there: metrics
   * older than the watermark then count as late. Quiet incidents resolve as their host's clock moves.
   */
  advance(watermark: number, source?: string): void {
    if (!Number.isFinite(watermark)) return;
    const clocks = source === undefined ? [...this.clocks.values()] : [this.clocks.get(source)];
    for (const clock of clocks) if (clock) this.advanceClock(clock, watermark);
  }

  /**
   * Sources that sent nothing for `idleMs` of the driver's clock (arrival times given to `ingest`) have their data
   * time moved on by the time that passed, less the allowed lateness, so a host that went quiet — or silent —
   * still has its incidents resolved while the rest of the fleet keeps sending. 0 turns it off.
   */
  advanceIdle(now: number, idleMs: number): void {
    if (idleMs <= 0) return;
    for (const clock of this.clocks.values()) {
      if (clock.arrival === undefined || clock.maxSeen === undefined) continue;
      const idle = now - clock.arrival;
      if (idle >= idleMs) this.advanceClock(clock, clock.maxSeen + idle - this.options.allowedLatenessMs);
    }
  }

  /** End of input: apply everything, then emit every open anomaly and incident in its final state. */
  flush(): void {
    for (const clock of this.clocks.values()) this.drain(clock, Number.POSITIVE_INFINITY);
    for (const s of this.series.values()) {
      if (s.anomaly) this.finishAnomaly(s.anomaly, this.now(s.spec.host));
    }
    for (const host of this.hosts.values()) this.settle(host, this.now(host.name), true);
    for (const episode of [...this.episodes]) {
      if (episode.end !== undefined) episode.resolved = true;
      this.finishEpisode(episode, this.now(episode.host));
    }
  }

  stats(): EngineStats {
    let processes = 0;
    for (const host of this.hosts.values()) processes += host.processes.size;
    let openAnomalies = 0;
    for (const s of this.series.values()) if (s.anomaly) openAnomalies += 1;
    let watermark: number | undefined;
    for (const clock of this.clocks.values()) {
      if (clock.applied !== undefined && (watermark === undefined || clock.applied > watermark))
        watermark = clock.applied;
    }
    const { future, past, invalid } = this.verdicts;
    return {
      observations: this.observations,
      lateDropped: this.verdicts.late,
      rejected: { future, past, invalid },
      signalsStored: this.signals.size,
      signalsDropped: this.signals.dropped,
      changesStored: this.changes.stored,
      changesDropped: this.changes.dropped,
      openFindings: this.changes.openFindings,
      hosts: this.hosts.size,
      series: this.series.size,
      processes,
      openAnomalies,
      openEpisodes: this.episodes.size,
      watermark,
      evictions: this.limits.evictions(),
    };
  }

  /**
   * Read-only: one series' values in [from, to) from the bounded in-memory window (the query API's timeline),
   * or undefined when no such series is held. Values not yet applied (within the lateness window) are absent.
   */
  timeline(
    query: TimelineQuery,
    from = Number.NEGATIVE_INFINITY,
    to = Number.POSITIVE_INFINITY,
  ): TimelinePoints | undefined {
    const series = findSeries(this.series, query);
    return series === undefined ? undefined : timelinePoints(series, from, to);
  }

  private judge(observation: Observation, context: IngestContext): IngestVerdict {
    if (!isDataTime(observation.time)) return 'invalid';
    if (context.notAfter !== undefined && observation.time > context.notAfter) return 'future';
    if (isChange(observation)) {
      // A change is indexed by its time, not replayed in order with a host's metrics: it is taken at once (a
      // change from a host-less dpkg.log must not wait for that "host" to send more), and a spike lists only the
      // changes before it whenever they arrive.
      this.observations += 1;
      this.applyChange(observation);
      return 'accepted';
    }
    const clock = this.clockOf(observation);
    if (clock.maxSeen !== undefined && observation.time < clock.maxSeen - this.options.maxPastMs) return 'past';
    // Too late for metrics (their series moved on); signals are still worth indexing for open spikes.
    if (clock.applied !== undefined && observation.time < clock.applied && !isSignal(observation)) return 'late';
    dropUnrepresentableStartTimes(observation);
    this.observations += 1;
    if (context.arrival !== undefined) clock.arrival = context.arrival;
    if (isSignal(observation)) clock.signalKeys.add(observation.host ?? '');
    clock.pending.push(observation);
    clock.note(observation.time);
    this.drain(clock, (clock.maxSeen as number) - this.options.allowedLatenessMs);
    // A host that sends more than its buffer holds within the lateness window has its oldest applied at once.
    while (clock.pending.size > this.options.maxPendingPerHost) this.drain(clock, clock.pending.peekTime() as number);
    return 'accepted';
  }

  /** The clock of the host an observation is about: a signal's host as metrics name it, when they do. */
  private clockOf(observation: MetricSample | Signal): SourceClock {
    const key = isSignal(observation)
      ? (this.directory.resolve(observation.host) ?? observation.host ?? '')
      : observation.host;
    let clock = this.clocks.get(key);
    this.limits.touchHost(key);
    if (clock === undefined) {
      clock = new SourceClock(key);
      this.clocks.set(key, clock);
      this.limits.enforceHosts(key);
    }
    return clock;
  }

  /** A host's data time: its clock's applied time (0 before any). */
  private now(host: string): number {
    return this.clocks.get(host)?.applied ?? 0;
  }

  private advanceClock(clock: SourceClock, watermark: number): void {
    this.drain(clock, watermark);
    if (clock.applied !== undefined && watermark > clock.applied) {
      clock.applied = watermark;
      this.tick(clock, watermark);
    }
  }

  private drain(clock: SourceClock, watermark: number): void {
    for (;;) {
      const next = clock.pending.peekTime();
      if (next === undefined || next > watermark) break;
      const observation = clock.pending.pop() as Observation;
      if (clock.applied !== undefined && observation.time > clock.applied) this.tick(clock, clock.applied);
      if (clock.applied === undefined || observation.time > clock.applied) clock.applied = observation.time;
      this.apply(observation);
    }
    if (clock.applied !== undefined) this.tick(clock, clock.applied);
  }

  private apply(observation: Observation): void {
    if (isSignal(observation)) this.applySignal(observation);
    else if (isChange(observation)) this.applyChange(observation);
    else this.applySample(observation);
    this.limits.enforceProcesses();
  }

  private host(name: string): HostState {
    let host = this.hosts.get(name);
    if (!host) {
      host = new HostState(name, this.options.maxProcessesPerHost, this.limits.processes);
      this.hosts.set(name, host);
      this.directory.add(name);
      this.limits.touchHost(name);
    }
    return host;
  }

  private applySample(sample: MetricSample): void {
    const host = this.host(sample.host);
    this.changes.noteSample(sample);
    switch (sample.kind) {
      case 'host-cpu': {
        host.noteSampleTime(sample.time);
        host.cpus = sample.cpus;
        const s = this.seriesFor(`cpu|${sample.host}`, {
          kind: 'host-cpu',
          host: sample.host,
          entity: { 'host.name': sample.host },
          metric: 'cpu',
          unit: '1',
          detectorKind: 'cpu-utilization',
        });
        host.cpuSeries = s;
        this.handle(host, s, s.push(sample.time, sample.utilization), sample.time);
        break;
      }
      case 'container-cpu': {
        const entity: Entity = { 'host.name': sample.host, 'container.id': sample.containerId };
        if (sample.k8sNamespace) entity['k8s.namespace.name'] = sample.k8sNamespace;
        if (sample.k8sPod) entity['k8s.pod.name'] = sample.k8sPod;
        if (sample.serviceName) entity['service.name'] = sample.serviceName;
        const cores = sample.cores !== undefined;
        const s = this.seriesFor(`cpu|${sample.host}|${sample.containerId}`, {
          kind: 'container-cpu',
          host: sample.host,
          entity,
          metric: 'cpu',
          unit: cores ? 'cores' : '1',
          detectorKind: cores ? 'cpu-cores' : 'cpu-utilization',
        });
        this.handle(host, s, s.push(sample.time, sample.cores ?? sample.utilization ?? 0), sample.time);
        break;
      }
      case 'process-cpu':
        host.processes.observeSample(sample, host.intervalMs);
        break;
      case 'latency': {
        const entity: Entity = { 'host.name': sample.host, 'service.name': sample.service };
        if (sample.containerId) entity['container.id'] = sample.containerId;
        if (sample.k8sNamespace) entity['k8s.namespace.name'] = sample.k8sNamespace;
        if (sample.k8sPod) entity['k8s.pod.name'] = sample.k8sPod;
        const s = this.seriesFor(`latency|${sample.host}|${sample.service}`, {
          kind: 'latency',
          host: sample.host,
          entity,
          metric: 'latency',
          unit: 's',
          detectorKind: 'latency',
        });
        // The mean (sum / count) is exact at any request count; the bucket p95 only when a histogram has no sum.
        this.handle(host, s, s.push(sample.time, sample.mean ?? sample.p95), sample.time);
        break;
      }
    }
  }

  private applySignal(signal: Signal): void {
    this.signals.add(signal);
    const hostName = this.directory.resolve(signal.host) ?? signal.host;
    if (hostName === undefined) return;
    const host = this.hosts.get(hostName) ?? (signal.process ? this.host(hostName) : undefined);
    if (!host) return;
    if (signal.process) host.processes.observeRef(signal.process, signal.time, signal.lifecycle);
    if (host.episode && signal.kind === 'alert') host.episode.dirty = true;
  }

  /** A change is kept for the spikes it may explain; the open incidents it applies to are judged again. */
  private applyChange(change: ChangeEvent): void {
    for (const finding of this.changes.add(change)) this.sink.finding?.(finding);
    for (const name of this.changes.hostsOf(change, this.hosts.keys())) {
      const episode = this.hosts.get(name)?.episode;
      if (episode) episode.dirty = true;
    }
  }

  private seriesFor(key: string, spec: SeriesSpec): Series {
    let s = this.series.get(key);
    this.limits.touchSeries(key);
    if (!s) {
      s = new Series(key, spec);
      this.series.set(key, s);
      this.hosts.get(spec.host)?.seriesKeys.add(key);
      this.limits.enforceSeries(key);
    }
    return s;
  }

  private handle(host: HostState, series: Series, events: SeriesEvent[], time: number): void {
    for (const event of events) {
      const anomaly = event.anomaly;
      if (event.type === 'open') {
        anomaly.openedAt = time;
        this.measure(anomaly, host, time);
        this.emitOpen(anomaly);
        if (host.episode?.held) {
          // Judged once its contributors are measured (settle): the held incident's culprit, or a new incident.
          host.episode.pending.push(anomaly);
        } else if (!host.episode || host.episode.resolved) {
          this.startEpisode(host, [anomaly]);
        } else {
          host.episode.anomalies.push(anomaly);
          host.episode.dirty = true;
        }
      } else if (event.type === 'close') {
        this.finishAnomaly(anomaly, anomaly.end ?? anomaly.start);
        if (host.episode) host.episode.dirty = true;
      }
    }
    // While a spike is open its attribution moves. The incident is judged again with every sample (a culprit is
    // named as soon as it accounts for the rise); the spike's own contributors are measured again at a cadence, as
    // they are written to the store each time they change.
    const open = series.anomaly;
    if (open && (this.due(open.measuredAt, host, time) || host.episode?.pending.includes(open))) {
      this.measure(open, host, time);
      this.emitOpen(open);
    }
    this.settle(host, time, false);
    if (host.episode && host.episode.openAnomalies > 0) host.episode.dirty = true;
  }

  /** A held episode's spikes that opened in its hold join it or start an incident of their own, once judged. */
  private settle(host: HostState, now: number, force: boolean): void {
    const held = host.episode?.held ? host.episode : undefined;
    const verdict = held && judgePending(held, this.options, force);
    if (held === undefined || verdict === undefined) return;
    if (verdict === 'split') {
      this.release(held, now);
      return;
    }
    held.anomalies.push(...held.pending.splice(0));
    held.held = false;
    held.dirty = true;
  }

  private startEpisode(host: HostState, anomalies: AnomalyState[]): void {
    const [first, ...rest] = anomalies as [AnomalyState, ...AnomalyState[]];
    host.episode = new Episode(host.name, first);
    host.episode.anomalies.push(...rest);
    this.episodes.add(host.episode);
  }

  /** Resolves an episode for good; the spikes still pending in its hold start the host's next one. */
  private release(episode: Episode, now: number): void {
    const pending = episode.pending.splice(0);
    episode.resolved = true;
    this.finishEpisode(episode, now);
    const host = this.hosts.get(episode.host);
    if (host && pending.length > 0) this.startEpisode(host, pending);
  }

  /** Whether contributors measured at `last` are due again at `time`: every openRefreshMs, and at most every sample. */
  private due(last: number | undefined, host: HostState, time: number): boolean {
    return last === undefined || time - last >= Math.max(this.options.openRefreshMs, host.intervalMs);
  }

  /** The processes behind a spike, from its start to `now` (to its end once it has ended). */
  private measure(anomaly: AnomalyState, host: HostState, now: number): void {
    const { during, before } = spikeWindows(anomaly.riseFrom, anomaly.end ?? now, host, this.options);
    const scope = anomaly.series === 'container-cpu' ? anomaly.entity['container.id'] : undefined;
    anomaly.contributors = contributorsFor(host, during, before, scope).slice(0, MAX_CONTRIBUTORS);
    // Changes up to where the spike was detected, or took off if later (a mild rise opened it before).
    const detected = Math.max(anomaly.openedAt ?? anomaly.start, anomaly.takeOffAt ?? anomaly.start);
    anomaly.changes = this.changes.forSpike(anomaly.entity, anomaly.start, detected);
    anomaly.measuredAt = now;
  }

  /** An open spike's current form, when it differs from the last one emitted. */
  private emitOpen(anomaly: AnomalyState): void {
    const wire = anomaly.toWire();
    const json = JSON.stringify(wire);
    if (json === anomaly.lastEmitted) return;
    anomaly.lastEmitted = json;
    this.sink.anomaly(wire, false);
  }

  private finishAnomaly(anomaly: AnomalyState, now: number): void {
    const host = this.hosts.get(anomaly.entity['host.name']);
    if (host) this.measure(anomaly, host, now);
    this.sink.anomaly(anomaly.toWire(), true);
  }

  /**
   * Evaluates the host's changed episode and resolves it once quiet (or, while its culprit still runs, once the
   * culprit hold is over: hold.ts); trims the source's memory now and then.
   */
  private tick(clock: SourceClock, now: number): void {
    // Judged as the newest clock moves on: a host whose data lags does not re-read every temporary change.
    if (now > this.findingsAt) {
      this.findingsAt = now;
      for (const finding of this.changes.tick(now)) this.sink.finding?.(finding);
    }
    const host = this.hosts.get(clock.key);
    const episode = host?.episode;
    if (host && episode) {
      const end = episode.end;
      const quiet = Math.max(this.options.quietPeriodMs, 3 * host.intervalMs);
      const over = end !== undefined && now >= end + quiet && !this.risingAgain(host, end + quiet, now);
      if (over) episode.held = holds(episode, end, quiet, now, this.options);
      if (over && !episode.held) {
        this.release(episode, now);
      } else if (episode.dirty) {
        this.update(episode, host, now, false);
      }
    }
    if (clock.lastPrune === undefined || now - clock.lastPrune >= PRUNE_EVERY_MS) this.prune(clock, now);
  }

  /**
   * Whether one of the host's series is in a rise the detector has not judged yet that began before `quietEnd`:
   * should it open, it follows the episode's last spike within the quiet period and belongs to the same episode.
   * Waits at most UNDECIDED_WAIT_MS past `quietEnd`.
   */
  private risingAgain(host: HostState, quietEnd: number, now: number): boolean {
    if (now >= quietEnd + UNDECIDED_WAIT_MS) return false;
    for (const key of host.seriesKeys) {
      const since = this.series.get(key)?.undecidedSince;
      if (since !== undefined && since <= quietEnd) return true;
    }
    return false;
  }

  private update(episode: Episode, host: HostState, now: number, final: boolean): void {
    episode.dirty = false;
    const { incident, anomalies, named } = evaluate(episode, {
      host,
      signals: this.signals,
      directory: this.directory,
      options: this.options,
      now,
      businessOf: this.business,
    });
    episode.incident = incident;
    episode.culprit = incident?.culprit ? named : undefined;
    // The instance the evidence names represents its group in the spikes' contributors too.
    for (const anomaly of anomalies) anomaly.named = named;
    if (!incident) return;
    const json = JSON.stringify(incident);
    if (!final && json === episode.lastEmitted) return;
    episode.lastEmitted = json;
    this.sink.incident(incident, final);
  }

  private finishEpisode(episode: Episode, now: number): void {
    const host = this.hosts.get(episode.host);
    if (host) {
      this.update(episode, host, now, true);
      if (host.episode === episode) host.episode = undefined;
    }
    this.episodes.delete(episode);
  }

  /** The process lifetimes the host's open incident may still name (seen since its lookback began). */
  private protectedProcesses(host: HostState): Set<ProcessInstance> {
    const keep = new Set<ProcessInstance>();
    if (host.episode) {
      const start = host.episode.start - this.options.processLookbackMs;
      for (const instance of host.processes.instances()) if (instance.lastSeen >= start) keep.add(instance);
    }
    return keep;
  }

  private prune(clock: SourceClock, now: number): void {
    clock.lastPrune = now;
    let before = now - this.options.retentionMs;
    const host = this.hosts.get(clock.key);
    const keep = host ? this.protectedProcesses(host) : new Set<ProcessInstance>();
    if (host?.episode) before = Math.min(before, host.episode.start - this.options.processLookbackMs);
    for (const key of clock.signalKeys) if (this.signals.prune(key, before) === 0) clock.signalKeys.delete(key);
    host?.processes.prune(before, keep);
    this.pruneChanges(now);
  }

  /**
   * Changes are shared by every host: kept while the host whose data time lags most may still list them. Pruned
   * once per PRUNE_EVERY_MS of any clock's data time, not once per clock (a fleet has a clock per host).
   */
  private pruneChanges(now: number): void {
    if (this.changesPrunedAt !== undefined && Math.abs(now - this.changesPrunedAt) < PRUNE_EVERY_MS) return;
    this.changesPrunedAt = now;
    let oldest = now - this.options.retentionMs;
    for (const clock of this.clocks.values()) {
      if (clock.applied !== undefined) oldest = Math.min(oldest, clock.applied - this.options.retentionMs);
    }
    for (const episode of this.episodes) oldest = Math.min(oldest, episode.start - this.options.processLookbackMs);
    this.changes.prune(oldest - this.options.changeWindowMs);
  }
}

function isSignal(observation: Observation): observation is Signal {
  return observation.kind === 'alert' || observation.kind === 'context';
}

/** A start time no Date can hold says nothing about the process: it is dropped, the observation kept. */
function dropUnrepresentableStartTimes(observation: Observation): void {
  const process = 'process' in observation ? observation.process : undefined;
  if (process === undefined) return;
  if (process.startTime !== undefined && !isDataTime(process.startTime)) process.startTime = undefined;
  const parent = process.parent;
  if (parent?.startTime !== undefined && !isDataTime(parent.startTime)) parent.startTime = undefined;
}
