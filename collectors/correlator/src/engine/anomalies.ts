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
  /**
   * Where the series left its baseline for this spike: the sample after the last one at or below the baseline
   * before `start` (riseStart). On a noisy host the detector can need minutes to be sure of a modest rise; what
   * ran since the rise began is measured against before it, not against its own first minutes.
   */
  riseFrom: number;

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
    this.riseFrom = start;
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

/**
 * How far before a spike's opening its rise is looked for (riseStart): longer than the detector needs to confirm a
 * rise of a fifth of a noisy host, shorter than a slow ramp's climb (a drift is not one rise).
 */
export const RISE_LOOKBACK_MS = 15 * 60_000;

/**
 * When a rise that opened a spike at `start` began: the sample after the last one at or below `baseline` within
 * RISE_LOOKBACK_MS before it. `start` itself when the sample just before is at the baseline, or when none in the
 * lookback is (the series crept up: no one point where it left).
 */
export function riseStart(history: ReadonlyArray<readonly [number, number]>, start: number, baseline: number): number {
  let rise: number | undefined;
  let next = start;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const [t, v] = history[i] as readonly [number, number];
    if (t >= start) continue;
    if (t < start - RISE_LOOKBACK_MS) break;
    if (v <= baseline) {
      rise = next;
      break;
    }
    next = t;
  }
  return rise ?? start;
}
