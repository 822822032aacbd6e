import type { Business, Entity, Incident } from '@lockstep/contract';
import { CORRELATED_SCORE } from '@lockstep/contract';
import { sameContainer } from '../model/container';
import { toIso } from '../model/time';
import type { AnomalyState } from './anomalies';
import { MAX_CHANGES } from './changes/attach';
import { toChange } from './changes/record';
import type { StoredChange } from './changes/store';
import type { Share } from './attribution';
import { ContributorIndex } from './contributor-index';
import { contributorsFor, spikeWindows } from './contributors';
import type { Episode } from './episode';
import type { Link } from './evidence';
import { linkSignal, namesTheInstance } from './evidence';
import type { HostDirectory } from './hosts';
import type { HostState } from './host-state';
import { foldSignals } from './incident-signals';
import type { EngineOptions } from './options';
import { spikesTakenPartIn } from './overlap';
import { ProcessGroups } from './processes/groups';
import type { ProcessInstance } from './processes/instance';
import type { Verdict } from './scoring';
import { incidentSeverity, judge } from './scoring';
import type { SignalStore, StoredSignal } from './signals';
import { mayNameByIdentity } from './signals';
import { estimatedCost } from './business-terms';
import { incidentSpan } from './span';
import { summarize } from './summaries';
import { culpritInfo } from './process-info';

/** Signals examined per evaluation, newest first: a bound on work when a host is flooded with events. */
const MAX_SIGNALS_PER_EVALUATION = 2_000;

export interface CorrelationContext {
  host: HostState;
  signals: SignalStore;
  directory: HostDirectory;
  options: EngineOptions;
  /** Data time the engine has reached. */
  now: number;
  /** The business terms of an entity, when a service catalogue is configured (null: no entry matches). */
  businessOf?: (entity: Entity) => Business | null;
  /**
   * Judging spikes that ended without an incident again (EngineOptions.lateEvidenceMs): alerts up to this time,
   * after the usual window, count when they name the very instance behind the rise.
   */
  lateUntil?: number;
}

export interface Evaluation {
  incident: Incident | undefined;
  /** The spikes the incident is about: the episode's, less those its culprit took no part in. */
  anomalies: readonly AnomalyState[];
  /** The culprit's instance the incident names. */
  named: ProcessInstance | undefined;
  /** The process instances the incident's evidence was resolved to: retention keeps them while it is open. */
  linked: readonly ProcessInstance[];
}

/** One pass of the join over a set of spikes: who accounts for the rise, what is tied to whom, the verdict. */
interface Judgement {
  anomalies: readonly AnomalyState[];
  start: number;
  /** End of the last spike once all have ended. */
  end: number | undefined;
  contributors: Share[];
  links: Link[];
  verdict: Verdict;
}

/**
 * Joins an episode's spikes with the host's security signals: who accounts for the rise, which signals are
 * tied to whom, the verdict (score, culprit, severity) and the summaries. Undefined while no alert is tied.
 * A spike the culprit took no part in (a wobble before a miner started) is judged again without: it must not
 * stretch the incident's window, duration or sentences.
 */
export function evaluate(episode: Episode, context: CorrelationContext): Evaluation {
  const groups = new ProcessGroups(context.host.processes, context.host.slackMs);
  const all = judgeSpikes(episode.anomalies, context, groups);
  let chosen = all;
  const culprit = all?.verdict.culprit;
  if (all !== undefined && culprit !== undefined) {
    const riseFrom = Math.min(...all.anomalies.map((a) => a.riseFrom));
    const kept = spikesTakenPartIn(culprit, all.anomalies, riseFrom, context.host, context.options, context.now);
    if (kept.length > 0 && kept.length < all.anomalies.length) {
      const again = judgeSpikes(kept, context, groups);
      if (again?.verdict.culprit !== undefined) chosen = again;
    }
  }
  if (chosen === undefined) return { incident: undefined, anomalies: episode.anomalies, named: undefined, linked: [] };
  return {
    incident: incidentOf(episode, chosen, context),
    anomalies: chosen.anomalies,
    named: chosen.verdict.named,
    linked: chosen.links.flatMap((link) => (link.instance === undefined ? [] : [link.instance])),
  };
}

function judgeSpikes(
  anomalies: readonly AnomalyState[],
  context: CorrelationContext,
  groups: ProcessGroups,
): Judgement | undefined {
  const { host, options, now } = context;
  const start = Math.min(...anomalies.map((a) => a.start));
  const end = anomalies.some((a) => a.open) ? undefined : Math.max(...anomalies.map((a) => a.end ?? a.start));
  // Measured from where the first rise left its baseline, which can be before the detector was sure of it.
  const riseFrom = Math.min(...anomalies.map((a) => a.riseFrom));
  const { during, before } = spikeWindows(riseFrom, end ?? now, host, options);
  const contributors = contributorsFor(host, during, before, spikesContainer(anomalies), groups);
  const accounting = contributors.filter((c) => c.suspectShare >= options.minCulpritShare);
  const index = new ContributorIndex(accounting, host.processes, groups, host.slackMs);
  const lookbackFrom = start - Math.max(options.lookbackMs, 4 * host.intervalMs);
  const processFrom = start - Math.max(options.processLookbackMs, 4 * host.intervalMs);
  const windowEnd = (end ?? now) + Math.max(options.quietPeriodMs, 3 * host.intervalMs);
  const to = Math.max(windowEnd, context.lateUntil ?? windowEnd);
  const links: Link[] = [];
  for (const { signal, onHost } of candidateSignals(start, windowEnd, to, context)) {
    const link = linkSignal(signal, { processes: host.processes, contributors: index, slackMs: host.slackMs, onHost });
    if (!link) continue;
    // Only identity reaches far back in time; looser ties must be near the spike. An alert on a child says
    // little about its parent's CPU long after (a web server whose shell was caught an hour ago is busy again).
    const loose = link.level === 'host' || link.level === 'container' || link.relation === 'ancestor';
    if (loose && signal.time < lookbackFrom) continue;
    // Further back still, only the very instance that accounts for the rise (or its ancestor): not another run of
    // the same program (last night's backup that tripped a rule), not an earlier process with the same pid.
    // After the spike's window (a spike judged again for late evidence), likewise.
    if ((signal.time < processFrom || signal.time > windowEnd) && !namesTheInstance(link)) continue;
    if (signal.kind === 'context' && (link.level === 'host' || link.level === 'container')) continue;
    links.push(link);
  }
  if (!links.some((l) => l.signal.kind === 'alert')) return undefined;
  return { anomalies, start, end, contributors, links, verdict: judge(links, options.minCulpritShare) };
}

function incidentOf(episode: Episode, judged: Judgement, context: CorrelationContext): Incident {
  const { host, now } = context;
  const { verdict, links, anomalies } = judged;
  const correlated = verdict.score >= CORRELATED_SCORE;
  const serviceImpact = anomalies.some((a) => a.metric === 'latency');
  const named = verdict.named;
  const chain = named ? host.processes.ancestors(named, host.slackMs).map((p) => p.name ?? `pid ${p.pid ?? '?'}`) : [];
  const changes = incidentChanges(anomalies, judged.start);
  const entity = incidentEntity(episode.host, anomalies, named?.containerId);
  const business = context.businessOf?.(entity);
  if (business?.cost_per_hour !== undefined) {
    business.estimated_cost = estimatedCost(business, incidentSpan(anomalies, now).ms);
  }
  const incident: Incident = {
    type: 'incident',
    id: episode.id,
    status: episode.resolved ? 'resolved' : 'open',
    entity,
    start: toIso(judged.start),
    end: judged.end === undefined ? null : toIso(judged.end),
    anomalies: anomalies.map((a) => a.id),
    score: verdict.score,
    severity: incidentSeverity(verdict, serviceImpact, CORRELATED_SCORE),
    culprit: named ? culpritInfo(named, chain, verdict.culprit?.instances) : null,
    signals: foldSignals(links.filter((l) => l.signal.kind === 'alert' || l.target === verdict.culprit)),
    ...(changes.length > 0 ? { changes: changes.map(toChange) } : {}),
    ...(business === undefined ? {} : { business }),
    summary: summarize({
      host: host.name,
      anomalies,
      verdict,
      links,
      contributors: judged.contributors,
      correlated,
      now,
      changes,
      business,
    }),
  };
  return incident;
}

/** The changes its spikes list, once each, closest to the incident's start first. */
function incidentChanges(anomalies: readonly AnomalyState[], start: number): StoredChange[] {
  const bySeq = new Map<number, StoredChange>();
  for (const anomaly of anomalies) for (const change of anomaly.changes) bySeq.set(change.seq, change);
  return [...bySeq.values()]
    .sort((a, b) => Math.abs(start - a.time) - Math.abs(start - b.time) || b.time - a.time || b.seq - a.seq)
    .slice(0, MAX_CHANGES);
}

/**
 * The host's signals that may be tied to spikes starting at `start`: from the identity lookback on, up to `to`;
 * outside [process lookback, `windowEnd`] only alerts about a process (the only ones that may still count there).
 */
function candidateSignals(
  start: number,
  windowEnd: number,
  to: number,
  context: CorrelationContext,
): Array<{ signal: StoredSignal; onHost: boolean }> {
  const { signals, directory, options, host } = context;
  const processFrom = start - Math.max(options.processLookbackMs, 4 * host.intervalMs);
  const from = Math.min(processFrom, start - options.identityLookbackMs);
  const out: Array<{ signal: StoredSignal; onHost: boolean }> = [];
  for (const key of signals.hostKeys()) {
    const resolved = directory.resolve(key === '' ? undefined : key);
    const onHost = resolved === host.name;
    if (!onHost && key !== '') continue;
    for (const signal of signals.between(key, from, to)) {
      const inWindow = signal.time >= processFrom && signal.time <= windowEnd;
      if (inWindow || mayNameByIdentity(signal)) out.push({ signal, onHost });
    }
  }
  out.sort((a, b) => b.signal.time - a.signal.time);
  return out.slice(0, MAX_SIGNALS_PER_EVALUATION);
}

/**
 * The one container the spikes are about, when all of them are that container's CPU: then only processes in it
 * can account for the rise (another container's busy process never explains this one's spike).
 */
function spikesContainer(anomalies: readonly AnomalyState[]): string | undefined {
  let container: string | undefined;
  for (const anomaly of anomalies) {
    const id = anomaly.series === 'container-cpu' ? anomaly.entity['container.id'] : undefined;
    if (id === undefined || (container !== undefined && !sameContainer(container, id))) return undefined;
    container = id;
  }
  return container;
}

function incidentEntity(
  host: string,
  anomalies: readonly AnomalyState[],
  culpritContainer: string | undefined,
): Entity {
  const entity: Entity = { 'host.name': host };
  const container = culpritContainer ?? anomalies.find((a) => a.entity['container.id'])?.entity['container.id'];
  if (container) entity['container.id'] = container;
  for (const anomaly of anomalies) {
    for (const key of ['service.name', 'k8s.namespace.name', 'k8s.pod.name'] as const) {
      const value = anomaly.entity[key];
      if (value && entity[key] === undefined) entity[key] = value;
    }
  }
  return entity;
}
