import type { ProcessInfo } from './records';

/** Same process: same pid and, where both know it, the same start time (pids are reused). */
export function sameProcess(a: ProcessInfo | undefined, b: ProcessInfo | undefined): boolean {
  if (!a || !b || a.pid === undefined || a.pid !== b.pid) {
    return false;
  }
  return a.creationTime === undefined || b.creationTime === undefined || a.creationTime === b.creationTime;
}

/**
 * Whether a contributor is the culprit: the same process, or — when both stand for several instances — the same
 * executable (the correlator represents a group by the instance the evidence names, in both places).
 */
export function isCulpritEntry(entry: ProcessInfo, instances: number | undefined, culprit: ProcessInfo): boolean {
  if (sameProcess(entry, culprit)) {
    return true;
  }
  if (instances === undefined || culprit.instances === undefined) {
    return false;
  }
  return entry.name === culprit.name && entry.path === culprit.path && entry.containerId === culprit.containerId;
}
