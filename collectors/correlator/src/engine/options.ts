import type { Catalog } from './catalog/catalog';

/**
 * Engine tunables. Durations are data time (epoch ms), never the wall clock: the engine has no clock.
 * Each default says why it is what it is; the service exposes the user-facing ones in its config file.
 */
export interface EngineOptions {
  /** How far behind the newest observation the engine waits for stragglers before acting on a time. */
  allowedLatenessMs: number;
  /** Security signals this long before a spike can still explain it (an alert at exec, a ramp-up later). */
  lookbackMs: number;
  /** A process identified by pid/start/exe can carry evidence from this long before the spike. */
  processLookbackMs: number;
  /**
   * An alert resolved, when it was raised, to the very process instance that accounts for the rise (or to an
   * ancestor of it) explains the spike this long after: a miner can idle for hours after its exec alert. Such alerts
   * are kept this long; every other tie stays within `processLookbackMs` (and `lookbackMs` for the loose ones).
   */
  identityLookbackMs: number;
  /**
   * A spike that ended without an incident is judged again when an alert comes this long after its end: an alert
   * resolved to the very process behind it (or to a process it descends from) makes its incident, resolved at once.
   * 0 turns it off.
   */
  lateEvidenceMs: number;
  /** An incident resolves once its spikes have ended and the host stayed quiet this long. */
  quietPeriodMs: number;
  /**
   * An incident whose culprit process still runs is held this long past the end of its last spike (beyond the quiet
   * period): a spike that opens on the host meanwhile with that same instance (host, pid, start time) behind it joins
   * the incident instead of opening a second one. 0 turns it off.
   */
  culpritHoldMs: number;
  /** Pre-spike window used as the "before" in per-process attribution. */
  attributionBaselineMs: number;
  /**
   * While a spike is open, its contributors are measured again (and the anomaly re-emitted when they changed) this
   * often (data time), or every sample when samples are further apart; at its end they settle to their final values.
   */
  openRefreshMs: number;
  /** A process must account for at least this share of the rise to be called a contributor/culprit. */
  minCulpritShare: number;
  /** Raw signals kept per host (a bound on memory; older ones are dropped first and counted). */
  maxSignalsPerHost: number;
  /** Raw signals kept in all; past it the hosts whose signals came least recently lose their oldest first. */
  maxSignals: number;
  /** Process instances remembered per host; past it the least recently seen are evicted. */
  maxProcessesPerHost: number;
  /** Process instances remembered in all hosts; past it the least recently seen anywhere are evicted. */
  maxProcesses: number;
  /**
   * Hosts held (metric hosts and the hosts signals name); past it the least recently seen host is evicted with its
   * series, processes and signals (its open spikes and incident written in their final state first).
   */
  maxHosts: number;
  /** Metric series (host CPU, container CPU, service latency) held; past it the least recently updated go. */
  maxSeries: number;
  /**
   * Observations one host's reorder buffer holds while they wait out the lateness window; past it its oldest are
   * applied at once (a later straggler of that host then counts as late).
   */
  maxPendingPerHost: number;
  /** Forget processes and signals not seen for this long (data time). */
  retentionMs: number;
  /** A change on a spike's entity this long before the spike is listed with it (`changes`) and may explain it. */
  changeWindowMs: number;
  /** A firewall or access change not reverted within this long becomes an open finding on its asset. */
  temporaryChangeWindowMs: number;
  /** Changes kept in memory for the join (a bound; older ones are dropped first and counted). */
  maxChanges: number;
  /** The service catalogue: incidents on a matching entity carry `business` (null when none matches). */
  catalog: Catalog | undefined;
  /** An observation older than its source's newest time by more than this is refused (`past`). */
  maxPastMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_ENGINE_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  // Scrapers of one collector stamp points a few ms apart; files merged from several tools can be seconds apart.
  allowedLatenessMs: 30_000,
  // Falco fires at exec time; CPU crosses the detector's threshold one to three scrapes later.
  lookbackMs: 10 * MINUTE,
  // A miner may idle (or download) before it ramps up; identity, not time, makes these links.
  processLookbackMs: 60 * MINUTE,
  // Malware that waits (for the night, an idle host, its pool) before it mines is still the process Falco caught at
  // exec. Memory stays bounded by maxSignalsPerHost and maxSignals, not by age.
  identityLookbackMs: 6 * 60 * MINUTE,
  // Falco's pool-connection rule fires when the miner reconnects, which can be well after it mined; half an hour
  // keeps the spike it caused in sight without keeping every benign spike's contributors for long.
  lateEvidenceMs: 30 * MINUTE,
  // Long enough that a spike that dips for a scrape or two stays one incident.
  quietPeriodMs: 2 * MINUTE,
  // A miner idles (or waits for the night, or its pool) between bumps for up to the processLookbackMs it may idle
  // before ramping up at all: the same hour, counted from the end of its last spike. Only while it still runs.
  culpritHoldMs: 60 * MINUTE,
  attributionBaselineMs: 5 * MINUTE,
  // Every third sample at a 10 s scrape: current enough for on-call watching a spike, a third of the work.
  openRefreshMs: 30_000,
  // Below a quarter of the rise a process is a bystander, not the explanation.
  minCulpritShare: 0.25,
  // The count bounds are sized so that the service stays under 256 MiB RSS whatever is thrown at it (bench/memory.ts:
  // 10,000 hosts, 100,000 processes, 10,000 more alerting hosts), and a fleet within them keeps its full history
  // (a host's CPU series grows to ~25 KB, a process to ~7 KB over an hour). docs/service.md gives the costs.
  maxSignalsPerHost: 5_000,
  maxSignals: 20_000,
  maxProcessesPerHost: 4_096,
  maxProcesses: 15_000,
  maxHosts: 2_000,
  maxSeries: 4_000,
  // Three 10-s scrapes of a host at the per-host process bound, with room to spare.
  maxPendingPerHost: 20_000,
  retentionMs: 90 * MINUTE,
  // A deploy shows in CPU within minutes; half an hour covers a slow rolling update and a cache refilling after it,
  // and stays short enough that yesterday's upgrade is not offered as today's explanation.
  changeWindowMs: 30 * MINUTE,
  // "Open the port for an hour" during troubleshooting: four hours is the afternoon it was meant for, and the next
  // morning's on-call still sees it.
  temporaryChangeWindowMs: 4 * 60 * MINUTE,
  // A fleet rolling out a release logs a few changes per host; a package upgrade logs one per package.
  maxChanges: 20_000,
  catalog: undefined,
  // A day: a shipper that was down overnight still delivers; a record from a clock years off does not land.
  maxPastMs: 24 * 60 * MINUTE,
});

export function resolveEngineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
  return { ...DEFAULT_ENGINE_OPTIONS, ...overrides };
}
