import type { Anomaly, Entity, MetricKind } from '@lockstep/contract';
import { toIso } from '../model/time';
import type { Share } from './attribution';
import type { StoredChange } from './changes/store';
import { toChange } from './changes/record';
import type { ProcessInstance } from './processes/instance';
import { contributorInfo } from './process-info';

export type SeriesKind = 'host-cpu' | 'container-cpu' | 'latency';

/** One spike on one entity's series, from the detector's open to its close. */
export class AnomalyState {
  end: number | undefined;
  peak: number;
  contributors: Share[] = [];
  /** The instance an incident's evidence names: it represents its group among the contributors. */
  named: ProcessInstance | undefined;
  /** Data time the contributors were last measured (while open they are refreshed at a cadence). */
  measuredAt: number | undefined;
  /** JSON of the last emitted form, to emit updates of an open spike only when something changed. */
  lastEmitted: string | undefined;
  /** Set when the detector closed it because the new level became the normal (a level shift). */
  closed = false;
  /** Changes on the entity shortly before the spike, closest first (measured with the contributors). */
  changes: StoredChange[] = [];
  /** Data time the detector opened it: its run above the noise may have begun well before. */
  openedAt: number | undefined;
  /**
   * When the spike first stood half its rise up: where it took off. A mild rise can open a spike minutes before
   * what makes it tall (a miner starting, a deploy warming up); changes made before the take-off are beside it too.
   */
  takeOffAt: number | undefined;
  /** The value at `takeOffAt`. */
  takeOffValue = Number.NEGATIVE_INFINITY;

  constructor(
    readonly id: string,
    readonly series: SeriesKind,
    readonly entity: Entity,
    readonly metric: MetricKind,
    readonly unit: '1' | 'cores' | 's',
    readonly start: number,
    readonly baseline: number,
    firstValue: number,
  ) {
    this.peak = firstValue;
  }

  get open(): boolean {
    return !this.closed;
  }

  toWire(): Anomaly {
    const wire: Anomaly = {
      type: 'anomaly',
      id: this.id,
      entity: this.entity,
      metric: this.metric,
      start: toIso(this.start),
      end: this.end === undefined ? null : toIso(this.end),
      baseline: roundValue(this.baseline),
      peak: roundValue(this.peak),
      unit: this.unit,
      contributors: this.contributors.map((share) => contributorInfo(share, this.named)),
    };
    if (this.changes.length > 0) wire.changes = this.changes.map(toChange);
    return wire;
  }
}

function roundValue(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
