import { SeasonalProfile } from './seasonal-profile';
import { MAD_TO_SIGMA, SortedWindow } from './sorted-window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** What a sample is judged against: the level expected at its time and the series' noise around it. */
export interface Baseline {
  /** Expected value at the sample's time: the recent median, plus the daily or weekly offset when one fits. */
  level: number;
  /** Robust sigma of the samples around that expectation: 1.4826 · MAD, never below the floor. */
  scale: number;
  /** The smallest rise that matters at this level (see DetectorOptions.minRise and minRelativeRise). */
  material: number;
}

export interface BaselineFloors {
  minRise: number;
  minRelativeRise: number;
  /** A material rise is worth at least this many sigmas however flat the series. */
  clipSigmas: number;
  /** See DetectorOptions.spreadQuantile. */
  spreadQuantile: number;
}

/**
 * One way to expect the next value: the median of the recent normal samples after removing a seasonal profile
 * (none, daily or weekly), with the mean absolute error it has made on the samples it has seen.
 */
class Predictor {
  readonly window: SortedWindow;
  error = 0;
  judged = 0;

  constructor(
    samples: number,
    readonly profile: SeasonalProfile | undefined,
  ) {
    this.window = new SortedWindow(samples);
  }

  /** Enough history that the profile means something (always, without one). */
  get ready(): boolean {
    return this.profile === undefined || this.profile.cyclesSeen >= 2;
  }

  expected(time: number): number {
    return this.window.median() + (this.profile?.offset(time) ?? 0);
  }

  add(time: number, value: number, smoothing: number): void {
    if (this.ready && this.window.size > 0) {
      const miss = Math.abs(value - this.expected(time));
      this.error = this.judged === 0 ? miss : this.error + smoothing * (miss - this.error);
      this.judged += 1;
    }
    this.profile?.add(time, value);
    this.window.push(value - (this.profile?.offset(time) ?? 0));
  }

  clear(): void {
    this.window.clear();
    this.profile?.clear();
    this.error = 0;
    this.judged = 0;
  }
}

/**
 * A series' normal behaviour from its recent normal samples. Three predictors learn side by side — the recent
 * median alone, and the recent median of the series with its daily (hour-of-day) or weekly (hour-of-week) profile
 * removed — and a sample is judged against the one that has predicted best lately. A seasonal predictor is used
 * only once its profile has two cycles behind it and it has beaten the plain median by SEASONAL_GAIN, so a
 * series without a rhythm is judged exactly as by a trailing median and MAD.
 */
export class BaselineModel {
  private readonly predictors: Predictor[];
  private readonly smoothing: number;

  constructor(
    samples: number,
    private readonly floors: BaselineFloors,
    seasonal: boolean,
  ) {
    this.smoothing = 1 / samples;
    this.predictors = [new Predictor(samples, undefined)];
    if (seasonal) {
      this.predictors.push(new Predictor(samples, new SeasonalProfile(DAY, 24, DAILY_CYCLES)));
      this.predictors.push(new Predictor(samples, new SeasonalProfile(WEEK, 168, WEEKLY_CYCLES)));
    }
  }

  get size(): number {
    return (this.predictors[0] as Predictor).window.size;
  }

  add(time: number, value: number): void {
    for (const predictor of this.predictors) predictor.add(time, value, this.smoothing);
  }

  clear(): void {
    for (const predictor of this.predictors) predictor.clear();
  }

  /** The highest of the recent normal values as they were (daily and weekly rhythm included); NaN when none. */
  recentHigh(): number {
    return (this.predictors[0] as Predictor).window.max();
  }

  /** The baseline a sample at `time` is judged against. */
  at(time: number): Baseline {
    const chosen = this.best();
    const level = chosen.expected(time);
    const { minRise, minRelativeRise, clipSigmas } = this.floors;
    const material = Math.max(minRise, minRelativeRise * Math.abs(level));
    // A series flatter than its materiality floor (idle, quantized): a material rise scores the full clip.
    const floor = material / clipSigmas;
    // The MAD says nothing about a series that sits on one value most of the time (quantized, idle, mostly
    // zeros): there the 90th percentile of the deviations, scaled as for a normal distribution, sees the wiggles.
    const center = chosen.window.median();
    const { spreadQuantile } = this.floors;
    const spread = Math.max(
      MAD_TO_SIGMA * chosen.window.mad(center),
      spreadQuantile > 0 ? chosen.window.deviationQuantile(spreadQuantile, center) / normalQuantile(spreadQuantile) : 0,
    );
    return { level, scale: Math.max(spread, floor, Number.MIN_VALUE), material };
  }

  private best(): Predictor {
    const flat = this.predictors[0] as Predictor;
    let best = flat;
    for (let i = 1; i < this.predictors.length; i += 1) {
      const candidate = this.predictors[i] as Predictor;
      if (!candidate.ready || candidate.judged < MIN_JUDGED) continue;
      if (candidate.error < best.error * (1 - SEASONAL_GAIN)) best = candidate;
    }
    return best;
  }
}

/**
 * The q-quantile of |N(0,1)|, i.e. the standard normal quantile at (1 + q) / 2, for the quantiles the detector
 * uses (Acklam's rational approximation would be overkill for a handful of fixed values).
 */
function normalQuantile(q: number): number {
  const table: ReadonlyArray<[number, number]> = [
    [0.5, 0.6745],
    [0.75, 1.1503],
    [0.9, 1.6449],
    [0.95, 1.96],
    [0.98, 2.3263],
    [0.99, 2.5758],
  ];
  const exact = table.find(([at]) => at === q);
  if (exact) return exact[1];
  throw new RangeError(`spread quantile ${q} is not one of ${table.map(([at]) => at).join(', ')}`);
}
/** Days of daily profile remembered: a week, so one odd day is outvoted. */
const DAILY_CYCLES = 7;
/** Weeks of weekly profile remembered. */
const WEEKLY_CYCLES = 3;
/** Samples a seasonal predictor must have been scored on before it can be chosen. */
const MIN_JUDGED = 24;
/** How much smaller a seasonal predictor's recent error must be than the plain median's for it to be chosen. */
const SEASONAL_GAIN = 0.15;
