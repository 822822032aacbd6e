import type { ProcessInstance } from './processes/instance';
import { toolingProduct } from './processes/tooling';

export interface Window {
  from: number;
  to: number;
}

/**
 * One contributor to a rise: a process, or several instances of one program in one lineage (a respawning miner,
 * a worker pool) counted together. Each member keeps its own identity; CPU figures are the group's sums.
 */
export interface Share {
  /** The largest member by CPU during the spike: the group's representative unless evidence names another. */
  instance: ProcessInstance;
  /** Every instance counted (one for a lone process), in no particular order. */
  members: ProcessInstance[];
  /** Members that used CPU during the spike: what `instances` reports. */
  instances: number;
  /** Mean cores over the spike window minus over the window before it. */
  riseCores: number;
  beforeCores: number;
  duringCores: number;
  /** Fraction of the rise this contributor accounts for, 0..1. */
  share: number;
  /**
   * Its share of the rise the security tooling does not explain, 0..1; what makes a culprit. 0 for the tooling
   * itself (never a suspicious culprit), `share` when no tooling rose.
   */
  suspectShare: number;
  /** The security or monitoring product it is (Falco, osquery, ...), when it is one. */
  tooling?: string;
}

/** Rises smaller than this (in cores) are scheduler noise, not an explanation of a spike. */
const NOISE_CORES = 0.02;
/** Contributors reported per anomaly. */
export const MAX_CONTRIBUTORS = 5;
/**
 * At most half of a rise is set aside as the tooling's own when judging the rest: a process must still account
 * for an eighth of the whole rise to be a culprit (a quarter of the half left), so a busy agent cannot turn a
 * shell's scrap of CPU into "the cause".
 */
const MIN_UNEXPLAINED = 0.5;

/** Groups instances of one program in one lineage (ProcessGroups.keyOf); a lone process is its own group. */
export type GroupKey = (instance: ProcessInstance) => string;

/**
 * Which processes account for a rise: each group's mean CPU (cores) during the spike against before it, as a
 * share of the larger of (a) the sum of all groups' rises and (b) the entity's own measured rise. (b) keeps
 * shares honest when only some processes are reported (top-N agents); (a) when the entity's measure is coarser
 * than the per-process one. Processes born during the spike count from zero.
 */
export function attribute(
  processes: Iterable<ProcessInstance>,
  during: Window,
  before: Window,
  entityRiseCores: number | undefined,
  groupOf: GroupKey = (instance) => instance.id,
): Share[] {
  const groups = new Map<string, Share>();
  const cpuDuring = new Map<ProcessInstance, number>();
  for (const instance of processes) {
    if (!instance.hasMetrics || instance.lastSeen <= before.from) continue;
    const duringCores = instance.meanCores(during.from, during.to);
    const beforeCores = instance.meanCores(before.from, before.to);
    if (duringCores <= 0 && beforeCores <= 0) continue;
    cpuDuring.set(instance, duringCores);
    const key = groupOf(instance);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, newShare(instance, duringCores, beforeCores));
      continue;
    }
    group.members.push(instance);
    group.duringCores += duringCores;
    group.beforeCores += beforeCores;
    if (duringCores > 0) group.instances += 1;
    if (duringCores > (cpuDuring.get(group.instance) ?? 0)) group.instance = instance;
  }
  const rows = [...groups.values()].filter((row) => row.duringCores > 0);
  let positive = 0;
  for (const row of rows) {
    row.riseCores = row.duringCores - row.beforeCores;
    if (row.riseCores > NOISE_CORES) positive += row.riseCores;
  }
  const denominator = Math.max(positive, entityRiseCores ?? 0);
  if (denominator <= NOISE_CORES) return [];
  let toolingShare = 0;
  for (const row of rows) {
    row.share = row.riseCores > NOISE_CORES ? Math.min(1, row.riseCores / denominator) : 0;
    row.tooling = toolingProduct(row.instance);
    if (row.tooling !== undefined) toolingShare += row.share;
  }
  const unexplained = Math.max(MIN_UNEXPLAINED, 1 - toolingShare);
  for (const row of rows) row.suspectShare = row.tooling === undefined ? Math.min(1, row.share / unexplained) : 0;
  return rows.filter((row) => row.share > 0).sort((a, b) => b.share - a.share);
}

function newShare(instance: ProcessInstance, duringCores: number, beforeCores: number): Share {
  return {
    instance,
    members: [instance],
    instances: duringCores > 0 ? 1 : 0,
    riseCores: 0,
    beforeCores,
    duringCores,
    share: 0,
    suspectShare: 0,
  };
}
