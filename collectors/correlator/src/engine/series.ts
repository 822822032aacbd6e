import type { Entity, MetricKind } from '@lockstep/contract';
import type { DetectorEvent } from './detector';
import { detectorOptionsFor, SpikeDetector } from './detector';
import type { SeriesKind } from './anomalies';
import { AnomalyState, RISE_LOOKBACK_MS, riseStart } from './anomalies';
import { stableId } from './ids';
import { RequestPool } from './request-pool';
import { TimeValueRing } from './ring';

/** Values kept per series for means and peaks (attribution windows, timelines). */
const SERIES_HISTORY_POINTS = 720;

export interface SeriesSpec {
  kind: SeriesKind;
  host: string;
  entity: Entity;
  metric: MetricKind;
  unit: '1' | 'cores' | 's';
  detectorKind: 'cpu-utilization' | 'cpu-cores' | 'latency';
}

export interface SeriesEvent {
  type: 'open' | 'update' | 'close';
  anomaly: AnomalyState;
}

/** One entity's metric over time: its detector, its recent values, and the spike it is in, if any. */
export class Series {
  readonly history = new TimeValueRing(SERIES_HISTORY_POINTS);
  anomaly: AnomalyState | undefined;
  private readonly detector: SpikeDetector;
  /**
   * Set while `anomaly` was opened by a program's rise (openForProgram) rather than by the detector, and until
   * the detector's own spike of that time, if any, has closed: the detector's events then say nothing.
   */
  private programLed = false;
  /** Latency: a quiet service's intervals, pooled until their mean means something. */
  private readonly pool: RequestPool | undefined;

  constructor(
    readonly key: string,
    readonly spec: SeriesSpec,
  ) {
    this.detector = new SpikeDetector(detectorOptionsFor(spec.detectorKind));
    this.pool = spec.kind === 'latency' ? new RequestPool() : undefined;
  }

  get lastTime(): number | undefined {
    return this.history.lastTime();
  }

  /** When a rise the detector has not yet judged began (see SpikeDetector.undecidedSince). */
  get undecidedSince(): number | undefined {
    return this.detector.undecidedSince;
  }

  /**
   * Takes one value. `requests`, for a latency mean, is how many requests it is the mean of: a quiet service's
   * intervals are pooled first (RequestPool), and judged once a pool is complete.
   */
  push(time: number, value: number, requests?: number): SeriesEvent[] {
    const last = this.history.lastTime();
    if (last !== undefined && time <= last) return [];
    if (requests === undefined || this.pool === undefined) return this.judge(time, value);
    const pooled = this.pool.add(time, value, requests);
    return pooled === undefined ? [] : this.judge(pooled.time, pooled.value);
  }

  /** The level the detector judges the series against now (undefined during warm-up). */
  get baseline(): number | undefined {
    return this.detector.baseline;
  }

  /** Whether the detector itself is in a spike (whichever opened the series' anomaly). */
  get detectorOpen(): boolean {
    return this.detector.open;
  }

  /**
   * Opens a spike the detector did not: a new program took a material share of the host, hidden in the host's
   * noise (ProgramRise). It starts at `start`, from the detector's current baseline; closeForProgram ends it.
   */
  openForProgram(time: number, start: number): SeriesEvent | undefined {
    const baseline = this.detector.baseline;
    if (this.anomaly || baseline === undefined) return undefined;
    // The program's first sighting is where the rise began: riseFrom stays at start.
    this.anomaly = this.openAt(start, baseline, baseline, time);
    this.programLed = true;
    return { type: 'open', anomaly: this.anomaly };
  }

  /** Ends a spike openForProgram opened, at `end` (its program's last material sample). */
  closeForProgram(end: number): SeriesEvent | undefined {
    const anomaly = this.anomaly;
    if (!anomaly || !this.programLed) return undefined;
    anomaly.end = end;
    anomaly.closed = true;
    this.anomaly = undefined;
    // A spike the detector opened meanwhile is the same rise: its events stay ignored until it closes.
    this.programLed = this.detector.open;
    return { type: 'close', anomaly };
  }

  private judge(time: number, value: number): SeriesEvent[] {
    this.history.push(time, value);
    const out: SeriesEvent[] = [];
    for (const event of this.detector.push(time, value)) {
      if (this.programLed) {
        if (event.type === 'close' && this.anomaly === undefined) this.programLed = false;
        continue;
      }
      const mapped = this.apply(event, value);
      if (mapped) out.push(mapped);
    }
    if (this.anomaly) {
      if (value > this.anomaly.peak) this.anomaly.peak = value;
      this.trackTakeOff(this.anomaly, time);
    }
    return out;
  }

  /**
   * Keeps `takeOffAt` the first sample of the spike at or above half its rise. The half mark only moves up with the
   * peak, so the first sample above it is never earlier than before: the scan starts at the last take-off.
   */
  private trackTakeOff(anomaly: AnomalyState, time: number): void {
    const half = anomaly.baseline + (anomaly.peak - anomaly.baseline) / 2;
    if (anomaly.takeOffValue >= half) return;
    for (const [t, v] of this.history.between((anomaly.takeOffAt ?? anomaly.start) - 1, time)) {
      if (v >= half) {
        anomaly.takeOffAt = t;
        anomaly.takeOffValue = v;
        return;
      }
    }
  }

  /** Mean value over (from, to], or undefined without data there. */
  mean(from: number, to: number): number | undefined {
    const points = this.history.between(from, to);
    if (points.length === 0) return undefined;
    let total = 0;
    for (const [, v] of points) total += v;
    return total / points.length;
  }

  /** A new anomaly of this series from `start`, its peak the highest value seen since (at least `first`). */
  private openAt(start: number, baseline: number, first: number, time: number): AnomalyState {
    const { spec } = this;
    const anomaly = new AnomalyState(
      stableId('an', this.key, start),
      spec.kind,
      spec.entity,
      spec.metric,
      spec.unit,
      start,
      baseline,
      first,
    );
    const peak = this.history.maxBetween(start - 1, time);
    if (peak !== undefined && peak > anomaly.peak) anomaly.peak = peak;
    return anomaly;
  }

  private apply(event: DetectorEvent, value: number): SeriesEvent | undefined {
    if (event.type === 'open') {
      this.anomaly = this.openAt(event.start, event.baseline, Math.max(value, event.value), event.time);
      this.anomaly.riseFrom = riseStart(
        this.history.between(event.start - RISE_LOOKBACK_MS - 1, event.start - 1),
        event.start,
        event.baseline,
      );
      return { type: 'open', anomaly: this.anomaly };
    }
    const anomaly = this.anomaly;
    if (!anomaly) return undefined;
    if (event.type === 'update') {
      anomaly.peak = Math.max(anomaly.peak, event.peak);
      return { type: 'update', anomaly };
    }
    anomaly.peak = Math.max(anomaly.peak, event.peak);
    anomaly.end = event.end;
    anomaly.closed = true;
    this.anomaly = undefined;
    return { type: 'close', anomaly };
  }
}
