import type { IncidentSeverity, SignalSeverity } from '@lockstep/contract';
import type { Share } from './attribution';
import type { Link, LinkLevel } from './evidence';
import type { ProcessInstance } from './processes/instance';

/**
 * The score says how sure we are that security evidence explains this spike. It is driven by *how* a signal
 * is tied to the process that accounts for the rise far more than by the tool's own severity: a critical alert
 * on an unrelated process explains nothing, a "notice" on the shell that launched the spiking process does.
 */
const LINK_WEIGHT: Readonly<Record<LinkLevel, number>> = {
  process: 1,
  executable: 0.95,
  lineage: 0.85,
  container: 0.7,
  host: 0.3,
};
/** Each generation between the signal's process and the spiking one weakens the tie. */
const LINEAGE_DECAY = 0.1;
const SEVERITY_WEIGHT: Readonly<Record<SignalSeverity, number>> = {
  critical: 1,
  high: 0.95,
  medium: 0.9,
  low: 0.85,
  info: 0.6,
};
/** Host-level evidence alone never makes a correlated incident (threshold 0.5). */
const HOST_ONLY_CAP = 0.45;
/** One loose signal gets half of the host-only cap; several approach it. */
const LOOSE_WEIGHT = 0.5;
/** At this share of the rise or more, a process fully explains the spike. */
const FULL_SHARE = 0.5;
/** Weight of a process at the minimum culprit share. */
const MIN_SHARE_WEIGHT = 0.6;

export function linkStrength(link: Link): number {
  const lineage = link.level === 'lineage' ? Math.max(0, link.depth - 1) * LINEAGE_DECAY : 0;
  return Math.max(0, LINK_WEIGHT[link.level] - lineage) * SEVERITY_WEIGHT[link.signal.severity];
}

/** How much a process's share of the rise lets it explain the spike (0 below the culprit threshold). */
export function attributionWeight(share: number, minShare: number): number {
  if (share < minShare) return 0;
  if (share >= FULL_SHARE) return 1;
  return MIN_SHARE_WEIGHT + ((1 - MIN_SHARE_WEIGHT) * (share - minShare)) / (FULL_SHARE - minShare);
}

/** Independent pieces of evidence reinforce each other (noisy-or). */
function combine(strengths: number[]): number {
  return 1 - strengths.reduce((rest, s) => rest * (1 - s), 1);
}

export interface Verdict {
  score: number;
  culprit: Share | undefined;
  /**
   * The culprit's instance the incident names: the member its strongest evidence is about, else its largest
   * (a respawned miner's alert names one pid; a lineage link names the shell above them all).
   */
  named: ProcessInstance | undefined;
  /** The links that support the culprit (empty when there is none). */
  culpritLinks: Link[];
}

/**
 * Scores every contributor by the alerts tied to it; the best one, if any, is the culprit. Evidence about the
 * security tooling itself (Falco reading the files osquery hashes) is the tools at work: it scores nothing.
 */
export function judge(links: Link[], minShare: number): Verdict {
  const alerts = links.filter((link) => link.signal.kind === 'alert' && link.tooling === undefined);
  const byTarget = new Map<Share, Link[]>();
  const loose: number[] = [];
  for (const link of alerts) {
    if (link.target && link.level !== 'host') {
      const list = byTarget.get(link.target) ?? [];
      list.push(link);
      byTarget.set(link.target, list);
    } else {
      loose.push(SEVERITY_WEIGHT[link.signal.severity] * LOOSE_WEIGHT);
    }
  }
  let best: Verdict = { score: 0, culprit: undefined, named: undefined, culpritLinks: [] };
  for (const [target, targetLinks] of byTarget) {
    const score = combine(targetLinks.map(linkStrength)) * attributionWeight(target.suspectShare, minShare);
    if (score > best.score)
      best = { score, culprit: target, named: namedMember(target, targetLinks), culpritLinks: targetLinks };
  }
  // Loose evidence (on the host, or on processes that did not spike) can raise suspicion, never confidence.
  const hostOnly = combine(loose) * HOST_ONLY_CAP;
  if (!best.culprit) return { score: round(hostOnly), culprit: undefined, named: undefined, culpritLinks: [] };
  return { ...best, score: round(Math.max(best.score, hostOnly)) };
}

function namedMember(target: Share, links: Link[]): ProcessInstance {
  let named: Link | undefined;
  for (const link of links) {
    if (link.instance === undefined || !target.members.includes(link.instance)) continue;
    if (named === undefined || linkStrength(link) > linkStrength(named)) named = link;
  }
  return named?.instance ?? target.instance;
}

const SEVERITY_ORDER: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Incident severity: the worst severity of the evidence tied to the culprit, one step up when a service's
 * users felt it (latency), and `low` for anything not correlated.
 */
export function incidentSeverity(verdict: Verdict, serviceImpact: boolean, correlatedAt: number): IncidentSeverity {
  if (verdict.score < correlatedAt || !verdict.culprit) return 'low';
  let rank = 0;
  for (const link of verdict.culpritLinks) {
    const severity = link.signal.severity;
    const r = severity === 'info' ? 0 : SEVERITY_ORDER.indexOf(severity);
    rank = Math.max(rank, r);
  }
  if (serviceImpact) rank += 1;
  return SEVERITY_ORDER[Math.min(rank, SEVERITY_ORDER.length - 1)] as IncidentSeverity;
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
