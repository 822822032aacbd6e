import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import type { MetricSample } from '../model/samples';
import type { ChangeEvent } from '../model/change';
import { isChange } from '../model/change';
import type { Signal } from '../model/signal';
import type { AnomalyState } from './anomalies';
import { MAX_CONTRIBUTORS } from './attribution';
import { contributorsFor, spikeWindows } from './contributors';
import { businessLookup } from './catalog/subject';
import { EngineChanges } from './changes/changes';
import type { EngineStats } from './engine-stats';
import { engineStats } from './engine-stats';
import { EpisodeBook } from './episodes';
import type { IngestVerdict } from './clocks';
import { emptyVerdictCounts, SourceClock } from './clocks';
import { isDataTime } from '../model/time';
import { HostState } from './host-state';
import { HostDirectory } from './hosts';
import { EngineLimiter } from './limits';
import type { EngineOptions } from './options';
import { resolveEngineOptions } from './options';
import { Retention } from './retention';
import { seriesPoint } from './sample-series';
import type { SeriesEvent, SeriesSpec } from './series';
import { Series } from './series';
import { SignalStore } from './signals';
import type { TimelinePoints, TimelineQuery } from './timeline';
import { findSeries, timelinePoints } from './timeline';

export type { EngineStats } from './engine-stats';

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
  /** The open episodes (incidents in the making) and every decision about them: episodes.ts. */
  private readonly episodes: EpisodeBook;
  private readonly retention: Retention;
  /** The latest data time temporary changes were judged at. */
  private findingsAt = Number.NEGATIVE_INFINITY;
  private observations = 0;
  private readonly verdicts = emptyVerdictCounts();
  private readonly limits: EngineLimiter;

  constructor(
    private readonly sink: EngineSink,
    options: Partial<EngineOptions> = {},
  ) {
    this.options = resolveEngineOptions(options);
    this.signals = new SignalStore(this.options.maxSignalsPerHost, this.options.maxSignals);
    this.changes = new EngineChanges(this.options, this.directory);
    const businessOf = businessLookup(this.options.catalog, this.changes.placements);
    const { clocks, hosts, series, signals, directory, changes } = this;
    const resolved = this.options;
    this.episodes = new EpisodeBook({ hosts, series, signals, directory, options: resolved, businessOf, sink });
    this.retention = new Retention({ clocks, hosts, signals, changes, episodes: this.episodes, options: resolved });
    this.limits = new EngineLimiter(
      this.options,
      { clocks, hosts, series, directory, signals },
      {
        finishAnomaly: (anomaly, now) => this.finishAnomaly(anomaly, now),
        finishEpisode: (episode, now) => this.episodes.finish(episode, now),
        now: (host) => this.now(host),
        protectedProcesses: (host) => this.retention.protectedProcesses(host),
      },
    );
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
    this.episodes.flush((host) => this.now(host));
  }

  stats(): EngineStats {
    return engineStats({
      observations: this.observations,
      verdicts: this.verdicts,
      signals: this.signals,
      changes: this.changes,
      hosts: this.hosts,
      series: this.series,
      episodes: this.episodes.size,
      clocks: this.clocks,
      evictions: this.limits.evictions(),
    });
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
    if (sample.kind === 'process-cpu') {
      host.processes.observeSample(sample, host.intervalMs);
      return;
    }
    if (sample.kind === 'host-cpu') {
      host.noteSampleTime(sample.time);
      host.cpus = sample.cpus;
    }
    const point = seriesPoint(sample);
    const s = this.seriesFor(point.key, point.spec);
    const events = s.push(sample.time, point.value, point.requests);
    if (sample.kind === 'host-cpu') {
      host.cpuSeries = s;
      const led = host.programRise.judge(host, s, sample.time, this.options);
      if (led) events.push(led);
    }
    this.handle(host, s, events, sample.time);
  }

  private applySignal(signal: Signal): void {
    this.signals.add(signal);
    const hostName = this.directory.resolve(signal.host) ?? signal.host;
    if (hostName === undefined) return;
    const host = this.hosts.get(hostName) ?? (signal.process ? this.host(hostName) : undefined);
    if (!host) return;
    const instance = signal.process && host.processes.observeRef(signal.process, signal.time, signal.lifecycle);
    if (instance && signal.kind === 'alert')
      instance.alertedAt = Math.max(instance.alertedAt ?? signal.time, signal.time);
    if (signal.kind === 'alert') this.episodes.alerted(host);
  }

  /** A change is kept for the spikes it may explain; the open incidents it applies to are judged again. */
  private applyChange(change: ChangeEvent): void {
    for (const finding of this.changes.add(change)) this.sink.finding?.(finding);
    for (const name of this.changes.hostsOf(change, this.hosts.keys())) {
      const host = this.hosts.get(name);
      if (host) this.episodes.changed(host);
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

  /** A sample's spike events: spikes measured and emitted, and given to the host's episode. */
  private handle(host: HostState, series: Series, events: SeriesEvent[], time: number): void {
    for (const event of events) {
      const anomaly = event.anomaly;
      if (event.type === 'open') {
        anomaly.openedAt = time;
        this.measure(anomaly, host, time);
        this.emitOpen(anomaly);
        this.episodes.spikeOpened(host, anomaly);
      } else if (event.type === 'close') {
        this.finishAnomaly(anomaly, anomaly.end ?? anomaly.start);
        this.episodes.changed(host);
      }
    }
    // While a spike is open its attribution moves. The incident is judged again with every sample (a culprit is
    // named as soon as it accounts for the rise); the spike's own contributors are measured again at a cadence, as
    // they are written to the store each time they change.
    const open = series.anomaly;
    if (open && (this.due(open.measuredAt, host, time) || this.episodes.awaitsJudgement(host, open))) {
      this.measure(open, host, time);
      this.emitOpen(open);
    }
    this.episodes.sampled(host, time);
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

  /** Judges temporary changes, moves the host's episode on (episodes.ts), and trims the source's memory now and then. */
  private tick(clock: SourceClock, now: number): void {
    // Judged as the newest clock moves on: a host whose data lags does not re-read every temporary change.
    if (now > this.findingsAt) {
      this.findingsAt = now;
      for (const finding of this.changes.tick(now)) this.sink.finding?.(finding);
    }
    const host = this.hosts.get(clock.key);
    if (host) this.episodes.tick(host, now);
    this.retention.tick(clock, now);
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
