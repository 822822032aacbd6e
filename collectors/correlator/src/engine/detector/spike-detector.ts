import type { Baseline } from './baseline-model';
import { BaselineModel } from './baseline-model';
import type { DetectorEvent } from './events';
import { ExcursionMemory } from './excursion-memory';
import { DURATIONS, ExcursionShape, LEVELS } from './excursion-shape';
import type { DetectorOptions, ResolvedDetectorOptions } from './options';
import { resolveDetectorOptions } from './options';
import { SampleRing } from './sample-ring';

/**
 * Where a spike starts: the run of samples above this fraction of the reference that leads up to the open. Half
 * the reference bridges the dips of a noisy rise (a 1.5 × latency rise on a jittery series dips below the
 * reference every few samples), while a mild drift before the rise still stays out of it.
 */
const START_FRACTION = 0.5;
/** Standard errors taken off a mean rise before it is compared with the material floor (see materialOnMean). */
const MEAN_STANDARD_ERRORS = 1.5;

interface OpenSpike {
  /** The level it rose from, frozen at the open (what the anomaly reports). */
  readonly openedFrom: number;
  readonly openedAtSample: number;
  peak: number;
  lastAnomalousTime: number;
  /** Length of the current run of samples back within the reference; the spike closes when it is long enough. */
  quietRun: number;
}

/**
 * Decides, one sample at a time, when a series spikes above its own normal behaviour. A spike needs three things at
 * once: evidence that the series is above its noise, a rise taller than the series' routine excursions for as long,
 * and a rise large enough to matter.
 *
 * - Baseline (BaselineModel): the median and MAD of the last `baselineSamples` normal samples, with the series'
 *   daily or weekly profile removed when that predicts it better. Samples of an open spike never join it, and
 *   samples of an excursion that has not yet decided are held back until it does, so a spike cannot become its own
 *   baseline.
 * - Above the noise: a one-sided CUSUM (Page, 1954) over robust z-scores, each clipped at `clipSigmas` before the
 *   reference `referenceSigmas` is subtracted, must exceed `thresholdSigmas`. At coarse sampling (samples at least
 *   `coarseIntervalMs` apart) the clip is `coarseClipSigmas`, so one sample far above the noise can open on its
 *   own: an hour of tripled latency is a spike, ten seconds of it is not. There, too, a sample above `newHighFactor`
 *   times every recent normal value and `newHighSigmas` up opens on its own (a new high; latency only).
 * - News (ExcursionShape, ExcursionMemory): for some duration d of 1, 2, 4 … 64 samples, the rise the excursion
 *   has now held for d samples stands more than `marginFraction` (and `marginSigmas` of noise) above the tallest
 *   the series' recent excursions held for d samples (or, with `durationSlack`, `durationSlack` times what they held for d/2: durations are only
 *   known to a factor of two). Recurring bursts stop alarming once seen; a step up, a rise held longer than any
 *   routine burst, or a blip taller than any before does not wait.
 * - Material: that held rise (with `materialOnMean`, the mean rise less its standard error) is at least
 *   `minRise` (in the series' unit) and `minRelativeRise` of the expected level. At fine sampling it must have
 *   held for two samples at least.
 * - The spike starts where its run of samples above half the reference began; it closes after `closeSamples` samples
 *   back within the reference; after `levelShiftSamples` open, its level is accepted as the new normal: close,
 *   and restart the baseline from the spike's own samples (what the series did routinely is still remembered).
 *
 * Pure and deterministic: time only comes from the samples, so replay and the live service agree. Memory per
 * series is fixed by the options (a few windows of `baselineSamples` doubles, the seasonal profiles, the memory's
 * buckets).
 */
export class SpikeDetector {
  private readonly options: ResolvedDetectorOptions;
  private readonly normal: BaselineModel;
  /** The current excursion's samples (then the spike's), kept out of the baseline. */
  private readonly held: SampleRing;
  private readonly memory: ExcursionMemory;
  private readonly shape = new ExcursionShape();
  private readonly routine = new Float64Array(LEVELS);
  private lastTime = Number.NEGATIVE_INFINITY;
  private intervalMs = 0;
  /** Samples accepted so far: the clock the excursion memory forgets by. */
  private samples = 0;
  /** CUSUM statistic, in sigmas. */
  private evidence = 0;
  private spike: OpenSpike | undefined;
  /** The baseline of the current excursion, frozen at its first sample. */
  private frozen: Baseline | undefined;
  /** Time of the current excursion's first sample, while it is undecided (above the noise, not yet a spike). */
  private excursionStart: number | undefined;

  constructor(options: DetectorOptions) {
    this.options = resolveDetectorOptions(options);
    const { baselineSamples, minRise, minRelativeRise, clipSigmas, spreadQuantile, seasonal } = this.options;
    const floors = { minRise, minRelativeRise, clipSigmas, spreadQuantile };
    this.normal = new BaselineModel(baselineSamples, floors, seasonal);
    this.held = new SampleRing(baselineSamples);
    this.memory = new ExcursionMemory(this.options.memorySamples);
  }

  get open(): boolean {
    return this.spike !== undefined;
  }

  /**
   * When the rise the detector is still judging began: the series is above its noise but has not (yet) opened a
   * spike. Undefined while normal and while a spike is open.
   */
  get undecidedSince(): number | undefined {
    return this.spike === undefined ? this.excursionStart : undefined;
  }

  /** The level the series is judged against: frozen while a spike is open, undefined during warm-up. */
  get baseline(): number | undefined {
    if (this.spike) return this.spike.openedFrom;
    return this.normal.size >= this.options.warmUpSamples ? this.normal.at(this.lastTime).level : undefined;
  }

  /** Feeds one sample; samples out of order, repeated, or not finite are ignored. */
  push(time: number, value: number): DetectorEvent[] {
    if (!Number.isFinite(time) || !Number.isFinite(value) || time <= this.lastTime) return [];
    if (this.lastTime > Number.NEGATIVE_INFINITY) this.intervalMs = time - this.lastTime;
    this.lastTime = time;
    this.samples += 1;
    if (this.spike) return this.pushWhileOpen(this.spike, time, value);
    if (this.normal.size < this.options.warmUpSamples) {
      this.normal.add(time, value);
      return [];
    }
    return this.pushWhileNormal(time, value);
  }

  private pushWhileNormal(time: number, value: number): DetectorEvent[] {
    const baseline = this.frozen ?? this.normal.at(time);
    this.evidence = Math.max(0, this.evidence + this.increment((value - baseline.level) / baseline.scale));
    if (this.evidence === 0) {
      this.endExcursion();
      this.normal.add(time, value);
      return [];
    }
    this.frozen = baseline;
    this.excursionStart ??= time;
    this.shape.push(value - baseline.level);
    // An excursion longer than the hold is mostly normal by now: its oldest samples join the baseline.
    this.held.push(time, value, this.learn);
    const opens = this.evidence > this.options.thresholdSigmas && this.novel(baseline);
    if (!opens && !this.newHigh(value, baseline)) return [];
    this.spike = {
      openedFrom: baseline.level,
      openedAtSample: this.samples,
      peak: this.held.max(),
      lastAnomalousTime: time,
      quietRun: 0,
    };
    // Where the run above the noise began: the CUSUM's own change point can sit far back in a mild drift.
    // START_FRACTION says how far above the level "above the noise" is.
    const above = baseline.level + START_FRACTION * this.options.referenceSigmas * baseline.scale;
    const start = this.held.runStart((v) => v > above) ?? time;
    return [{ type: 'open', time, start, baseline: baseline.level, value }];
  }

  private pushWhileOpen(spike: OpenSpike, time: number, value: number): DetectorEvent[] {
    const { options } = this;
    const events: DetectorEvent[] = [];
    const frozen = this.frozen as Baseline;
    const increment = this.increment((value - frozen.level) / frozen.scale);
    this.evidence = Math.max(0, this.evidence + increment);
    this.shape.push(value - frozen.level);
    // While open the rings keep the spike's latest samples (the new level, should it become one); none of them
    // may reach the baseline, so what falls out is dropped.
    this.held.push(time, value);
    if (increment > 0) {
      spike.quietRun = 0;
      spike.lastAnomalousTime = time;
      if (value > spike.peak) {
        spike.peak = value;
        events.push({ type: 'update', time, peak: value });
      }
    } else {
      spike.quietRun += 1;
      if (spike.quietRun >= options.closeSamples) {
        events.push(this.closeSpike(spike, time));
        return events;
      }
    }
    if (this.samples - spike.openedAtSample >= options.levelShiftSamples) events.push(this.acceptLevel(spike, time));
    return events;
  }

  /** A sample's CUSUM increment: its z-score, clipped, less the reference. Positive is evidence of a rise. */
  private increment(z: number): number {
    const { clipSigmas, coarseClipSigmas, coarseIntervalMs, referenceSigmas } = this.options;
    const clip = this.intervalMs >= coarseIntervalMs ? Math.max(clipSigmas, coarseClipSigmas) : clipSigmas;
    return Math.min(z, clip) - referenceSigmas;
  }

  private readonly learn = (time: number, value: number): void => this.normal.add(time, value);

  /** Back to normal: the spike's samples are dropped, the quiet samples that ended it join the baseline. */
  private closeSpike(spike: OpenSpike, time: number): DetectorEvent {
    this.memory.record(this.samples, this.shape.most, true);
    this.held.drain(this.learn, spike.quietRun);
    this.resetExcursion();
    return { type: 'close', time, end: spike.lastAnomalousTime, peak: spike.peak };
  }

  /**
   * Open too long to be a spike: the new level becomes the baseline. What the series did routinely is still
   * remembered (heights are rises above the baseline of their day, so they still compare).
   */
  private acceptLevel(spike: OpenSpike, time: number): DetectorEvent {
    this.normal.clear();
    this.held.drain(this.learn);
    this.resetExcursion();
    return { type: 'close', time, end: spike.lastAnomalousTime, peak: spike.peak };
  }

  /** The excursion faded without opening: it is routine, and its samples were normal after all. */
  private endExcursion(): void {
    if (this.shape.length === 0) return;
    this.memory.record(this.samples, this.shape.most, false);
    this.held.drain(this.learn);
    this.resetExcursion();
  }

  private resetExcursion(): void {
    this.spike = undefined;
    this.frozen = undefined;
    this.excursionStart = undefined;
    this.evidence = 0;
    this.shape.reset();
  }

  /** See DetectorOptions.newHighFactor: far above every recent normal value, at coarse sampling, and material. */
  private newHigh(value: number, baseline: Baseline): boolean {
    const { newHighFactor, newHighSigmas, coarseIntervalMs } = this.options;
    if (newHighFactor === 0 || this.intervalMs < coarseIntervalMs) return false;
    const high = this.normal.recentHigh();
    return (
      high > 0 &&
      value > newHighFactor * high &&
      value - baseline.level >= Math.max(baseline.material, newHighSigmas * baseline.scale)
    );
  }

  /**
   * Whether the excursion now stands taller than the series' routine ones for as long, at some duration, by a
   * material rise: the evidence says it is above the noise, this says it is news and large enough to matter.
   */
  private novel(baseline: Baseline): boolean {
    const { marginFraction, durationSlack, rememberRoutine, referenceSigmas, thresholdSigmas } = this.options;
    const { sustainedEvidence, materialOnMean, marginSigmas } = this.options;
    const routine = rememberRoutine ? this.memory.routine(this.samples, this.routine) : this.routine.fill(0);
    for (let l = LEVELS - 1; l > 0; l -= 1) {
      routine[l] = Math.max(routine[l] as number, durationSlack * (routine[l - 1] as number));
    }
    // One fine-grained sample is a blip: there, a rise is judged from two samples up.
    const first = this.intervalMs >= this.options.coarseIntervalMs ? 0 : 1;
    for (let l = first; l < LEVELS; l += 1) {
      const held = this.shape.now[l] as number;
      const duration = DURATIONS[l] as number;
      // Above the noise by itself: held that long, it alone would pass the threshold (a lone sample always must;
      // a longer hold only with sustainedEvidence). With sustainedEvidence the d samples are judged by their
      // mean, as the CUSUM judges them (d samples whose mean z is reference + threshold / d carry the threshold):
      // the smallest of d noisy samples sits well below their level, so a rise of 3 sigmas held for an hour on a
      // noisy host never passed on its smallest sample. Without it the rise must clear the reference throughout.
      const noise =
        (referenceSigmas + (sustainedEvidence || l === 0 ? thresholdSigmas / duration : 0)) * baseline.scale;
      const strength = sustainedEvidence ? (this.shape.mean[l] as number) : held;
      // Material: by the rise held throughout, or by the mean rise, less its standard error, when that is asked.
      const rise = materialOnMean
        ? (this.shape.mean[l] as number) - (MEAN_STANDARD_ERRORS * baseline.scale) / Math.sqrt(duration)
        : held;
      if (rise < baseline.material || strength < noise) continue;
      // Taller than routine by a fraction of it, and by more than the noise could add to a routine one.
      const bar = routine[l] as number;
      if (held > bar * (1 + marginFraction) && held > bar + marginSigmas * baseline.scale) return true;
    }
    return false;
  }
}
