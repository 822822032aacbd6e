import type { Entity } from '@lockstep/contract';
import type { HostDirectory } from '../hosts';
import type { Placements } from './placement';
import type { ChangeStore, StoredChange } from './store';

/** Changes listed on one spike: the closest ones; the rest are in `GET /api/v1/changes`. */
export const MAX_CHANGES = 10;
/**
 * A change stamped a little after the spike's start still counts: a deploy tool's clock and the metrics' may differ,
 * and a spike's start is where its run above the noise began, often a scrape before the change was logged.
 */
export const CHANGE_SKEW_MS = 60_000;

export interface ChangeContext {
  changes: ChangeStore;
  placements: Placements;
  directory: HostDirectory;
  /** How long before a spike a change still counts as "shortly before" it. */
  windowMs: number;
}

/**
 * The changes on a spike's entity from `windowMs` before its start to just after it was detected — the detector
 * places the start where the run above the noise began, sometimes minutes before the rise that made it a spike —,
 * closest to the start first (ties: the later one), at most MAX_CHANGES.
 */
export function changesBefore(entity: Entity, start: number, detected: number, context: ChangeContext): StoredChange[] {
  const candidates = context.changes.between(start - context.windowMs, Math.max(start, detected) + CHANGE_SKEW_MS);
  const applying = candidates.filter((change) => context.placements.applies(change, entity, context.directory));
  applying.sort((a, b) => Math.abs(start - a.time) - Math.abs(start - b.time) || b.time - a.time || b.seq - a.seq);
  return applying.slice(0, MAX_CHANGES);
}
