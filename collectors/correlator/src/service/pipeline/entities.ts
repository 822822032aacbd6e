import type { Observation } from '../../engine/engine';
import type { EntitySeen } from '../../exporters/store/store';

/** Distinct (entity, kind) pairs held between flushes; past it the batch is flushed early. */
const MAX_PENDING_ENTITIES = 10_000;

/**
 * Remembers which entities sent operational telemetry, security signals or changes, for the coverage KPI and the
 * asset inventory, and hands them to the store in batches: one row per (entity, kind) per flush however many
 * samples arrived.
 */
export class EntityTracker {
  private pending = new Map<string, EntitySeen>();

  /** Notes the entities of a batch; returns true when the pending set is full and should be flushed now. */
  note(observations: readonly Observation[]): boolean {
    for (const observation of observations) {
      const seen = entityOf(observation);
      if (seen === undefined) continue;
      const key = `${seen.kind}\u0000${seen.host}\u0000${seen.container ?? ''}\u0000${seen.service ?? ''}`;
      const existing = this.pending.get(key);
      if (existing === undefined) this.pending.set(key, seen);
      else if (seen.time > existing.time) existing.time = seen.time;
    }
    return this.pending.size >= MAX_PENDING_ENTITIES;
  }

  /** The entities noted since the last call. */
  take(): EntitySeen[] {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    return batch;
  }
}

function entityOf(observation: Observation): EntitySeen | undefined {
  switch (observation.kind) {
    case 'alert':
    case 'context':
      if (observation.host === undefined) return undefined;
      return withOptional({ host: observation.host, kind: 'signals', time: observation.time }, observation.containerId);
    case 'host-cpu':
      return { host: observation.host, kind: 'metrics', time: observation.time };
    case 'container-cpu':
      return withOptional(
        { host: observation.host, kind: 'metrics', time: observation.time },
        observation.containerId,
        observation.serviceName,
      );
    case 'process-cpu':
      return withOptional(
        { host: observation.host, kind: 'metrics', time: observation.time },
        undefined,
        observation.serviceName,
      );
    case 'latency':
      return withOptional(
        { host: observation.host, kind: 'metrics', time: observation.time },
        observation.containerId,
        observation.service,
      );
    case 'change':
      // A change names a host, a service or a container, any of them; '' stands for an absent host in the store.
      if (observation.host === undefined && observation.service === undefined && observation.containerId === undefined)
        return undefined;
      return withOptional(
        { host: observation.host ?? '', kind: 'changes', time: observation.time },
        observation.containerId,
        observation.service,
      );
  }
}

function withOptional(seen: EntitySeen, container?: string, service?: string): EntitySeen {
  if (container !== undefined) seen.container = container;
  if (service !== undefined) seen.service = service;
  return seen;
}
