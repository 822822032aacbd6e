import type { Incident } from '@lockstep/contract';

/** What changed about one incident since the previous look. */
export type IncidentChange =
  | { kind: 'opened'; incident: Incident }
  | { kind: 'updated'; incident: Incident; previous: Incident }
  | { kind: 'resolved'; incident: Incident; previous: Incident | undefined };

/**
 * Turns successive listings of the incident store into opened / updated / resolved events, the way the terminal
 * view shows them. It looks at the store rather than into the engine, so what it prints is exactly what the query
 * API (and so Grafana) serves: written and acknowledged.
 */
export class IncidentFeed {
  private readonly known = new Map<string, Incident>();

  constructor(private readonly list: () => Promise<readonly Incident[]>) {}

  /** Remembers what is already stored (earlier runs) without reporting it; returns how many there were. */
  async prime(): Promise<number> {
    const items = await this.list();
    for (const incident of items) this.known.set(incident.id, incident);
    return items.length;
  }

  /** What changed since the last call (or `prime`), oldest incident first. */
  async poll(): Promise<IncidentChange[]> {
    const items = [...(await this.list())].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    const changes: IncidentChange[] = [];
    for (const incident of items) {
      const previous = this.known.get(incident.id);
      this.known.set(incident.id, incident);
      if (previous === undefined) {
        changes.push({ kind: 'opened', incident });
        if (incident.status === 'resolved') changes.push({ kind: 'resolved', incident, previous: undefined });
      } else if (incident.status === 'resolved' && previous.status !== 'resolved') {
        changes.push({ kind: 'resolved', incident, previous });
      } else if (fingerprint(incident) !== fingerprint(previous)) {
        changes.push({ kind: 'updated', incident, previous });
      }
    }
    return changes;
  }

  /** Open incidents as last seen. */
  open(): Incident[] {
    return [...this.known.values()].filter((incident) => incident.status === 'open');
  }
}

/** What a reader of the terminal view would call a change (the end time of an open incident moves every sample). */
function fingerprint(incident: Incident): string {
  return JSON.stringify([
    incident.status,
    incident.severity,
    // In steps of 0.05: a score that drifts by a hundredth as a spike goes on is not news.
    Math.round(incident.score * 20),
    incident.culprit?.['process.pid'] ?? null,
    incident.culprit?.['process.executable.name'] ?? null,
    incident.anomalies.length,
    signalCount(incident),
  ]);
}

/** Signals behind an incident, folded repeats included. */
export function signalCount(incident: Incident): number {
  return incident.signals.reduce((sum, signal) => sum + (signal.count ?? 1), 0);
}
