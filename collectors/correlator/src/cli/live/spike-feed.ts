import type { Anomaly } from '@lockstep/contract';

/** What changed about one spike since the previous look. */
export type SpikeChange =
  { kind: 'opened'; anomaly: Anomaly } | { kind: 'updated'; anomaly: Anomaly } | { kind: 'ended'; anomaly: Anomaly };

/** Contributors a reader follows in the view: the top few, their shares in steps of five points. */
const FOLLOWED = 3;
const SHARE_STEP = 20;

/**
 * Turns successive listings of the store's anomalies into opened / updated / ended spikes. The correlator measures
 * an open spike's contributors again as it goes on; the view says so when the processes behind it change in a way
 * a reader would notice (a new top process, a share moving by five points), not on every measurement.
 */
export class SpikeFeed {
  private readonly known = new Map<string, Anomaly>();

  constructor(private readonly list: () => Promise<readonly Anomaly[]>) {}

  /** Remembers what is already stored (earlier runs) without reporting it. */
  async prime(): Promise<void> {
    for (const anomaly of await this.list()) this.known.set(anomaly.id, anomaly);
  }

  /** What changed since the last call (or `prime`), oldest spike first. */
  async poll(): Promise<SpikeChange[]> {
    const items = [...(await this.list())].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
    const changes: SpikeChange[] = [];
    for (const anomaly of items) {
      const previous = this.known.get(anomaly.id);
      this.known.set(anomaly.id, anomaly);
      if (previous === undefined) {
        changes.push({ kind: anomaly.end === null ? 'opened' : 'ended', anomaly });
      } else if (anomaly.end !== null && previous.end === null) {
        changes.push({ kind: 'ended', anomaly });
      } else if (anomaly.end === null && fingerprint(anomaly) !== fingerprint(previous)) {
        changes.push({ kind: 'updated', anomaly });
      }
    }
    return changes;
  }
}

function fingerprint(anomaly: Anomaly): string {
  return JSON.stringify(
    anomaly.contributors
      .slice(0, FOLLOWED)
      .map((c) => [
        c.process['process.pid'] ?? null,
        c.process['process.executable.name'] ?? null,
        c.instances ?? 1,
        Math.round(c.share * SHARE_STEP),
      ]),
  );
}
