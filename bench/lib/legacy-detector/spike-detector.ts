import type { DetectorEvent } from './events';
import { ExcursionMemory } from './excursion-memory';
import type { DetectorOptions, ResolvedDetectorOptions } from './options';
import { resolveDetectorOptions } from './options';
import type { Baseline } from './robust-baseline';
import { RobustBaseline } from './robust-baseline';
import { ValueRing } from './value-ring';

interface OpenSpike {
  /** Frozen at the open, so the spike is always judged against the level it rose from. */
  readonly baseline: Baseline;
  readonly openedAtSample: number;
  peak: number;
  lastAnomalousTime: number;
  /** Values of the current run of samples back within the reference; the spike closes when it is long enough. */
  readonly quietRun: number[];
}

/**
 * Decides, one sample at a time, when a series spikes above its own recent baseline.
 *
 * - Baseline: median and MAD of the last `baselineSamples` normal samples. Samples of an open spike never join it,
 *   and samples of an excursion that has not yet decided are held back until it does, so a spike cannot become its
 *   own baseline.
 * - Evidence: a one-sided CUSUM (Page, 1954) over robust z-scores, each clipped at `clipSigmas` (Huber) before the
 *   reference `referenceSigmas` is subtracted. A sustained small rise accumulates as surely as a step; one freak
 *   sample cannot open a spike alone. The spike's start is where the evidence last left zero — the CUSUM
 *   change-point estimate.
 * - Threshold: `thresholdSigmas`, raised clearly above (by `marginFraction` and `marginSigmas`) the largest excursion
 *   the series has shown to be routine in the last `memorySamples` among excursions about as tall as this one (see
 *   ExcursionMemory), so recurring bursts stop alarming once seen, yet a rise far taller than any of them does not wait.
 * - Close after `closeSamples` samples back within the reference; after `levelShiftSamples` open, accept the level
 *   as the new normal: close, and restart the baseline from the spike's own samples.
 *
 * Pure and deterministic: time only orders samples, so replay and the live service agree.
 */
export class SpikeDetector {
  private readonly options: ResolvedDetectorOptions;
  private readonly normal: RobustBaseline;
  /** The current excursion's samples (then the spike's), kept out of the baseline. */
  private readonly held: ValueRing;
  private readonly memory: ExcursionMemory;
  private lastTime = Number.NEGATIVE_INFINITY;
  /** Samples accepted so far: the clock the excursion memory forgets by. */
  private samples = 0;
  /** CUSUM statistic, in sigmas. */
  private evidence = 0;
  /** Largest evidence reached in the current excursion. */
  private excursionSize = 0;
  private excursionStart: number | undefined;
  /** Largest rise above the baseline in the current excursion, in the series' unit. */
  private excursionHeight = 0;
  private spike: OpenSpike | undefined;

  constructor(options: DetectorOptions) {
    this.options = resolveDetectorOptions(options);
    this.normal = new RobustBaseline(this.options.baselineSamples, this.options);
    this.held = new ValueRing(this.options.baselineSamples);
    this.memory = new ExcursionMemory(this.options.memorySamples);
  }

  get open(): boolean {
    return this.spike !== undefined;
  }

  /** The robust baseline level: frozen while a spike is open, undefined during warm-up. */
  get baseline(): number | undefined {
    if (this.spike) return this.spike.baseline.level;
    return this.normal.size >= this.options.warmUpSamples ? this.normal.current().level : undefined;
  }

  /** Feeds one sample; samples out of order, repeated, or not finite are ignored. */
  push(time: number, value: number): DetectorEvent[] {
    if (!Number.isFinite(time) || !Number.isFinite(value) || time <= this.lastTime) return [];
    this.lastTime = time;
    this.samples += 1;
    if (this.spike) return this.pushWhileOpen(this.spike, time, value);
    if (this.normal.size < this.options.warmUpSamples) {
      this.normal.add(value);
      return [];
    }
    return this.pushWhileNormal(time, value);
  }

  private pushWhileNormal(time: number, value: number): DetectorEvent[] {
    const baseline = this.normal.current();
    this.evidence = Math.max(0, this.evidence + this.increment(baseline, value));
    if (this.evidence === 0) {
      this.endExcursion();
      this.normal.add(value);
      return [];
    }
    this.excursionStart ??= time;
    this.excursionSize = Math.max(this.excursionSize, this.evidence);
    this.excursionHeight = Math.max(this.excursionHeight, value - baseline.level);
    // An excursion longer than the hold is mostly normal by now: its oldest samples join the baseline.
    const overflow = this.held.push(value);
    if (overflow !== undefined) this.normal.add(overflow);
    if (this.evidence <= this.openingThreshold()) return [];
    this.spike = {
      baseline,
      openedAtSample: this.samples,
      peak: this.held.max(),
      lastAnomalousTime: time,
      quietRun: [],
    };
    return [{ type: 'open', time, start: this.excursionStart, baseline: baseline.level, value }];
  }

  private pushWhileOpen(spike: OpenSpike, time: number, value: number): DetectorEvent[] {
    const { options } = this;
    const events: DetectorEvent[] = [];
    const increment = this.increment(spike.baseline, value);
    this.evidence = Math.max(0, this.evidence + increment);
    this.excursionSize = Math.max(this.excursionSize, this.evidence);
    this.excursionHeight = Math.max(this.excursionHeight, value - spike.baseline.level);
    // While open the ring keeps the spike's latest samples (the new level, should it become one); none of them
    // may reach the baseline, so what falls out is dropped.
    this.held.push(value);
    if (increment > 0) {
      spike.quietRun.length = 0;
      spike.lastAnomalousTime = time;
      if (value > spike.peak) {
        spike.peak = value;
        events.push({ type: 'update', time, peak: value });
      }
    } else {
      spike.quietRun.push(value);
      if (spike.quietRun.length >= options.closeSamples) {
        events.push(this.closeSpike(spike, time));
        return events;
      }
    }
    if (this.samples - spike.openedAtSample >= options.levelShiftSamples) events.push(this.acceptLevel(spike, time));
    return events;
  }

  /** Back to normal: the spike's samples are dropped, the samples that ended it join the baseline. */
  private closeSpike(spike: OpenSpike, time: number): DetectorEvent {
    this.memory.record(this.samples, this.routineSize(), true, this.excursionHeight);
    this.held.clear();
    for (const value of spike.quietRun) this.normal.add(value);
    this.resetExcursion();
    return { type: 'close', time, end: spike.lastAnomalousTime, peak: spike.peak };
  }

  /** Open too long to be a spike: the new level becomes the baseline, and old excursions no longer compare. */
  private acceptLevel(spike: OpenSpike, time: number): DetectorEvent {
    this.normal.clear();
    this.held.drain((value) => this.normal.add(value));
    this.memory.clear();
    this.resetExcursion();
    return { type: 'close', time, end: spike.lastAnomalousTime, peak: spike.peak };
  }

  /** The excursion faded without opening: it is routine, and its samples were normal after all. */
  private endExcursion(): void {
    if (this.excursionStart === undefined) return;
    this.memory.record(this.samples, this.routineSize(), false, this.excursionHeight);
    this.held.drain((value) => this.normal.add(value));
    this.resetExcursion();
  }

  private resetExcursion(): void {
    this.spike = undefined;
    this.evidence = 0;
    this.excursionSize = 0;
    this.excursionHeight = 0;
    this.excursionStart = undefined;
  }

  private routineSize(): number {
    return Math.min(this.excursionSize, this.options.maxRoutineSigmas);
  }

  private openingThreshold(): number {
    const { thresholdSigmas, marginFraction, marginSigmas } = this.options;
    return Math.max(
      thresholdSigmas,
      this.memory.routine(this.samples, this.excursionHeight) * (1 + marginFraction) + marginSigmas,
    );
  }

  /** This sample's CUSUM increment: its clipped z-score less the reference. Positive means evidence of a rise. */
  private increment(baseline: Baseline, value: number): number {
    const rise = value - baseline.level;
    // A zero scale (flat series, no floor) makes any rise infinitely unlikely; the clip bounds it all the same.
    const z = rise === 0 ? 0 : rise / baseline.scale;
    return Math.min(z, this.options.clipSigmas) - this.options.referenceSigmas;
  }
}
