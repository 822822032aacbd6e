import type { Entity, Incident, IncidentSignal } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import { sameContainer } from '../model/container';
import { toIso } from '../model/time';
import type { Share, Window } from './attribution';
import { attribute } from './attribution';
import type { Episode } from './episode';
import type { Link } from './evidence';
import { linkSignal } from './evidence';
import type { HostDirectory } from './hosts';
import type { HostState } from './host-state';
import type { EngineOptions } from './options';
import { incidentSeverity, judge } from './scoring';
import type { SignalStore } from './signals';
import { summarize } from './summaries';
import { safeText as clean } from '../model/safe-text';
import { culpritInfo, processInfoFromRef } from './process-info';
import { foldKey, searchFields } from './signal-fields';

/** Signals examined per evaluation, newest first: a bound on work when a host is flooded with events. */
const MAX_SIGNALS_PER_EVALUATION = 2_000;
/** Folded signal entries listed in one incident. */
const MAX_INCIDENT_SIGNALS = 50;
/** Length cap of a signal's output text inside an incident. */
const OUTPUT_LIMIT = 512;

export interface CorrelationContext {
  host: HostState;
  signals: SignalStore;
  directory: HostDirectory;
  options: EngineOptions;
  /** Data time the engine has reached. */
  now: number;
}

export interface Evaluation {
  incident: Incident | undefined;
  contributors: Share[];
}

/** The windows a spike is judged in: the spike itself, and the stretch just before it. */
export function spikeWindows(
  start: number,
  end: number,
  host: HostState,
  options: EngineOptions,
): { during: Window; before: Window } {
  // The sample stamped `start` covers the interval before it, where the rise began.
  const from = start - host.intervalMs;
  const span = Math.max(options.attributionBaselineMs, 10 * host.intervalMs);
  return { during: { from, to: end }, before: { from: from - span, to: from } };
}

/** Processes accounting for a rise over (during) against (before), optionally within one container. */
export function contributorsFor(host: HostState, during: Window, before: Window, containerId?: string): Share[] {
  const series = host.cpuSeries;
  let riseCores: number | undefined;
  if (series && host.cpus > 0 && containerId === undefined) {
    const d = series.mean(during.from, during.to);
    const b = series.mean(before.from, before.to);
    if (d !== undefined && b !== undefined) riseCores = Math.max(0, d - b) * host.cpus;
  }
  const all = host.processes.instances();
  const scoped =
    containerId === undefined
      ? all
      : [...all].filter((i) => i.containerId !== undefined && containerId.startsWith(i.containerId.slice(0, 12)));
  return attribute(scoped, during, before, riseCores);
}

function candidateSignals(
  episode: Episode,
  context: CorrelationContext,
  end: number,
): Array<{ signal: ReturnType<SignalStore['between']>[number]; onHost: boolean }> {
  const { signals, directory, options, host } = context;
  const from = episode.start - Math.max(options.processLookbackMs, 4 * host.intervalMs);
  const to = end + Math.max(options.quietPeriodMs, 3 * host.intervalMs);
  const out: Array<{ signal: ReturnType<SignalStore['between']>[number]; onHost: boolean }> = [];
  for (const key of signals.hostKeys()) {
    const resolved = directory.resolve(key === '' ? undefined : key);
    const onHost = resolved === host.name;
    if (!onHost && key !== '') continue;
    for (const signal of signals.between(key, from, to)) out.push({ signal, onHost });
  }
  out.sort((a, b) => b.signal.time - a.signal.time);
  return out.slice(0, MAX_SIGNALS_PER_EVALUATION);
}

function fold(links: Link[]): IncidentSignal[] {
  const byKey = new Map<string, IncidentSignal>();
  const ordered = [...links].sort((a, b) => a.signal.time - b.signal.time);
  for (const link of ordered) {
    const s = link.signal;
    const who = link.instance?.id ?? s.process?.pid ?? s.process?.name ?? '';
    const key = `${foldKey(s, who)}\u0000${link.level}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.count = (existing.count ?? 1) + (s.count ?? 1);
      existing.last_time = toIso(s.time);
      continue;
    }
    const entry: IncidentSignal = {
      source: s.source,
      rule: s.rule,
      severity: s.severity,
      time: toIso(s.time),
      match: link.level,
      ...searchFields(s),
    };
    if (s.count !== undefined && s.count > 1) entry.count = s.count;
    if (s.process) entry.process = processInfoFromRef(s.process);
    if (s.output) entry.output = clean(s.output, OUTPUT_LIMIT);
    byKey.set(key, entry);
  }
  return [...byKey.values()].slice(0, MAX_INCIDENT_SIGNALS);
}

/**
 * Joins an episode's spikes with the host's security signals: who accounts for the rise, which signals are
 * tied to whom, the verdict (score, culprit, severity) and the summaries. Undefined while no alert is tied.
 */
export function evaluate(episode: Episode, context: CorrelationContext): Evaluation {
  const { host, options, now } = context;
  const end = episode.end ?? now;
  const { during, before } = spikeWindows(episode.start, end, host, options);
  const contributors = contributorsFor(host, during, before, episodeContainer(episode));
  const accounting = contributors.filter((c) => c.share >= options.minCulpritShare);
  const lookbackFrom = episode.start - Math.max(options.lookbackMs, 4 * host.intervalMs);
  const links: Link[] = [];
  for (const { signal, onHost } of candidateSignals(episode, context, end)) {
    const link = linkSignal(signal, {
      processes: host.processes,
      contributors: accounting,
      slackMs: host.slackMs,
      onHost,
    });
    if (!link) continue;
    // Only identity reaches far back in time; looser ties must be near the spike. An alert on a child says
    // little about its parent's CPU long after (a web server whose shell was caught an hour ago is busy again).
    const loose = link.level === 'host' || link.level === 'container' || link.relation === 'ancestor';
    if (loose && signal.time < lookbackFrom) continue;
    if (signal.kind === 'context' && (link.level === 'host' || link.level === 'container')) continue;
    links.push(link);
  }
  if (!links.some((l) => l.signal.kind === 'alert')) return { incident: undefined, contributors };

  const verdict = judge(links, options.minCulpritShare);
  const correlated = verdict.score >= CORRELATED_SCORE;
  const serviceImpact = episode.anomalies.some((a) => a.metric === 'latency');
  const culprit = verdict.culprit?.instance;
  const chain = culprit
    ? host.processes.ancestors(culprit, host.slackMs).map((p) => p.name ?? `pid ${p.pid ?? '?'}`)
    : [];
  const incident: Incident = {
    type: 'incident',
    id: episode.id,
    status: episode.resolved ? 'resolved' : 'open',
    entity: incidentEntity(episode, culprit?.containerId),
    start: toIso(episode.start),
    end: episode.end === undefined ? null : toIso(episode.end),
    anomalies: episode.anomalies.map((a) => a.id),
    score: verdict.score,
    severity: incidentSeverity(verdict, serviceImpact, CORRELATED_SCORE),
    culprit: culprit ? culpritInfo(culprit, chain) : null,
    signals: fold(links.filter((l) => l.signal.kind === 'alert' || l.target === verdict.culprit)),
    summary: summarize({ host: host.name, anomalies: episode.anomalies, verdict, links, correlated, now }),
  };
  return { incident, contributors };
}

/**
 * The one container an episode is about, when all its spikes are that container's CPU: then only processes in it
 * can account for the rise (another container's busy process never explains this one's spike).
 */
function episodeContainer(episode: Episode): string | undefined {
  let container: string | undefined;
  for (const anomaly of episode.anomalies) {
    const id = anomaly.series === 'container-cpu' ? anomaly.entity['container.id'] : undefined;
    if (id === undefined || (container !== undefined && !sameContainer(container, id))) return undefined;
    container = id;
  }
  return container;
}

function incidentEntity(episode: Episode, culpritContainer: string | undefined): Entity {
  const entity: Entity = { 'host.name': episode.host };
  const container = culpritContainer ?? episode.anomalies.find((a) => a.entity['container.id'])?.entity['container.id'];
  if (container) entity['container.id'] = container;
  for (const anomaly of episode.anomalies) {
    for (const key of ['service.name', 'k8s.namespace.name', 'k8s.pod.name'] as const) {
      const value = anomaly.entity[key];
      if (value && entity[key] === undefined) entity[key] = value;
    }
  }
  return entity;
}
