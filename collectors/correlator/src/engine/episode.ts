import type { Incident } from '@lockstep/contract';
import type { AnomalyState } from './anomalies';
import { stableId } from './ids';
import type { ProcessInstance } from './processes/instance';

/**
 * The engine's working form of an incident: the spikes on one host that overlap or follow each other
 * within the quiet period. It becomes an incident only once security evidence is tied to it.
 */
export class Episode {
  readonly id: string;
  readonly anomalies: AnomalyState[] = [];
  /** The last evaluation; undefined while no security evidence is tied to the spikes. */
  incident: Incident | undefined;
  /** JSON of the last emitted incident, to emit updates only when something changed. */
  lastEmitted: string | undefined;
  resolved = false;
  dirty = true;
  /** The process instance the last evaluation's incident names as its culprit (hold.ts). */
  culprit: ProcessInstance | undefined;
  /**
   * The instances the last evaluation's evidence was resolved to (an alerted dropper that exited long ago, another
   * run of the culprit's program): kept while the episode is open, so its final evaluation still finds them.
   */
  linked: readonly ProcessInstance[] = [];
  /**
   * Past its quiet period, kept because its culprit still runs (hold.ts): a spike that opens now joins it only when
   * that same instance is behind it.
   */
  held = false;
  /** Spikes that opened while held, until their contributors tell whether the culprit is behind them. */
  readonly pending: AnomalyState[] = [];

  constructor(
    readonly host: string,
    first: AnomalyState,
  ) {
    this.id = stableId('inc', host, first.start);
    this.anomalies.push(first);
  }

  get start(): number {
    return Math.min(...this.anomalies.map((a) => a.start));
  }

  get openAnomalies(): number {
    return this.anomalies.filter((a) => a.open).length;
  }

  /** End of the last spike once all have ended, else undefined. */
  get end(): number | undefined {
    if (this.openAnomalies > 0) return undefined;
    return Math.max(...this.anomalies.map((a) => a.end ?? a.start));
  }
}
