import { CORRELATED_SCORE } from '@lockstep/contract';
import type { AnomalyState } from './anomalies';
import type { Episode } from './episode';
import type { EngineOptions } from './options';

/**
 * The culprit hold. An incident's spikes ended and its host stayed quiet for the quiet period, but the process it
 * names still runs: a miner that bumped the CPU while idling may mine in earnest a quarter of an hour later. Until
 * `culpritHoldMs` after its last spike, and only while that process is still seen, the incident stays open (its
 * end is still the end of its last spike) instead of resolving; a spike that opens on the host meanwhile joins it
 * when that same instance — host, pid and start time, one ProcessInstance — is behind it, and otherwise resolves it
 * and starts an incident of its own. A reused pid is another instance: it implicates nothing. Only a correlated
 * incident is held: a busy JVM that the evidence does not implicate has each of its bursts told on its own, and no
 * benign incident stays open for an hour after its spike.
 */

/**
 * Whether an episode whose quiet period has passed at `now` is held rather than resolved: it became a correlated
 * incident naming a culprit, the hold since its last spike's `end` has not run out, and the culprit was seen within the
 * quiet period and has not exited.
 */
export function holds(episode: Episode, end: number, quietMs: number, now: number, options: EngineOptions): boolean {
  const culprit = episode.culprit;
  const incident = episode.incident;
  if (culprit === undefined || incident?.culprit == null || incident.score < CORRELATED_SCORE) return false;
  if (now >= end + options.culpritHoldMs) return false;
  if (culprit.exitTime !== undefined && culprit.exitTime <= now) return false;
  return now - culprit.lastSeen <= quietMs;
}

/**
 * Whether the held episode's culprit is behind a spike that just opened, by its first measured contributors: a
 * contributor that accounts for the rise (its suspect share at least `minCulpritShare`) has that very instance as
 * its largest member. Another instance of the same program (a respawn, a reused pid) is not enough.
 */
export function culpritBehind(episode: Episode, anomaly: AnomalyState, options: EngineOptions): boolean {
  const culprit = episode.culprit;
  if (culprit === undefined) return false;
  return anomaly.contributors.some((c) => c.instance === culprit && c.suspectShare >= options.minCulpritShare);
}

/**
 * What becomes of the spikes that opened while the episode was held, judged by the first of them whose contributors
 * are measured (or that ended): `join` when the culprit is behind it, `split` when not, undefined while none is
 * measured yet (the process samples of its first scrape may not have come). `force` decides now (end of input).
 */
export function judgePending(episode: Episode, options: EngineOptions, force: boolean): 'join' | 'split' | undefined {
  const judged =
    episode.pending.find((a) => a.contributors.length > 0 || !a.open) ?? (force ? episode.pending[0] : undefined);
  if (judged === undefined) return undefined;
  return culpritBehind(episode, judged, options) ? 'join' : 'split';
}
