/**
 * Tuning of a SpikeDetector. Every length is a number of samples, not a duration: the statistics behind a
 * decision (a CUSUM's false-alarm rate, how stable a median of n values is) depend on how many samples were seen,
 * not on how far apart they were, so counting samples keeps the behaviour the same at every scrape interval. The
 * wall-clock meaning therefore scales with the interval; the defaults read as follows.
 *
 * | option            | samples | at 10 s | at 60 s | at 5 min |
 * |-------------------|---------|---------|---------|----------|
 * | warmUpSamples     | 20      | 3.3 min | 20 min  | 1.7 h    |
 * | baselineSamples   | 120     | 20 min  | 2 h     | 10 h     |
 * | levelShiftSamples | 360     | 1 h     | 6 h     | 30 h     |
 * | memorySamples     | 4032    | 11 h    | 2.8 d   | 14 d     |
 *
 * Evidence is measured in robust sigmas: (value − median) / scale, where scale is the MAD of the baseline times
 * 1.4826, never smaller than the floor set by `minRise` and `minRelativeRise`.
 */
export interface DetectorOptions {
  /** Normal samples kept for the baseline median and MAD. Default 120: enough for a stable MAD, recent enough to follow a daily rhythm at 5 minutes. */
  baselineSamples?: number;
  /** Samples needed before anything can open. Default 20, so 4 minutes of 10-second samples (24) is enough. */
  warmUpSamples?: number;
  /**
   * CUSUM reference k, in sigmas: a sample counts as evidence only by how far it sits above median + k·scale. Default
   * 2, the textbook k = δ/2 for detecting a shift of δ = 4 sigmas.
   */
  referenceSigmas?: number;
  /**
   * Cap on one sample's z-score before the reference is subtracted (a Huber clip). Default 5: one sample adds at most
   * 5 − 2 = 3 sigmas of evidence, so a single freak value cannot open a spike on its own.
   */
  clipSigmas?: number;
  /**
   * Evidence that opens a spike on a series with no recent excursions. Default 3 = one sample's maximum evidence, so
   * the quickest possible confirmation is two strongly anomalous samples in a row.
   */
  thresholdSigmas?: number;
  /**
   * A spike needs more evidence than the series' routine excursions (see ExcursionMemory): routine × (1 +
   * marginFraction) + marginSigmas. Default 0.5: half again as much, which for bursts that peg the clip means
   * lasting half again as long as the routine ones. The proportional part is what makes the bar hold for long
   * bursts, where one extra sigma would be noise.
   */
  marginFraction?: number;
  /** The fixed part of that margin, which is what matters for short excursions. Default 1 sigma. */
  marginSigmas?: number;
  /**
   * Cap on a remembered excursion's size. Default 120 = forty samples at full evidence: however long a recurring
   * batch job runs, a real spike is never held back by more than forty samples. 0 turns the memory off.
   */
  maxRoutineSigmas?: number;
  /** How long excursions are remembered. Default 4032: two weeks at 5 minutes, so daily and weekly jobs recur within it. */
  memorySamples?: number;
  /** Consecutive samples back within the reference that close a spike. Default 3. */
  closeSamples?: number;
  /**
   * Samples a spike may stay open before its level is accepted as the new normal (the spike closes and the baseline
   * restarts from the new level). Default 360: an hour at 10 seconds, 30 hours at 5 minutes.
   */
  levelShiftSamples?: number;
  /**
   * Materiality, absolute: a sample whose rise above the expected level is smaller than this, in the series' unit,
   * is never evidence of a spike, however quiet the series.
   */
  minRise?: number;
  /** Materiality, relative: nor is a rise smaller than this fraction of the expected level. */
  minRelativeRise?: number;
  /**
   * The clip at coarse sampling (samples at least `coarseIntervalMs` apart), where one sample may be a spike on
   * its own: one five-minute sample is five minutes of load, one ten-second sample is a blip. Default 8: a single
   * sample 8 sigmas up adds 6 sigmas of evidence, enough to open on a series with no routine excursions.
   */
  coarseClipSigmas?: number;
  /** Samples at least this far apart (data time, ms) are coarse. Default 60 000: one a minute or fewer. */
  coarseIntervalMs?: number;
  /**
   * Second estimate of the noise, for series that sit on one value most of the time (quantized, idle, mostly
   * zeros), where the MAD is zero or nearly: the q-quantile of the absolute deviations, scaled to sigmas as for a
   * normal distribution. The larger of the two is the noise. 0 = the MAD alone. One of 0.5, 0.75, 0.9, 0.95,
   * 0.98, 0.99.
   */
  spreadQuantile?: number;
  /** Learn daily and weekly profiles and judge against them where they predict the series better. */
  seasonal?: boolean;
}

export type ResolvedDetectorOptions = Required<DetectorOptions>;

export type DetectorKind = 'cpu-utilization' | 'cpu-cores' | 'latency';

export const DEFAULT_DETECTOR_OPTIONS: Readonly<ResolvedDetectorOptions> = Object.freeze({
  baselineSamples: 120,
  warmUpSamples: 20,
  referenceSigmas: 2,
  clipSigmas: 5,
  thresholdSigmas: 3,
  marginFraction: 0.5,
  marginSigmas: 1,
  maxRoutineSigmas: 120,
  memorySamples: 4032,
  closeSamples: 3,
  levelShiftSamples: 360,
  // No absolute floor without a unit to express it in; the relative one is unit-free.
  minRise: 0,
  minRelativeRise: 0.1,
  coarseClipSigmas: 8,
  spreadQuantile: 0.9,
  coarseIntervalMs: 60_000,
  seasonal: true,
});

/**
 * Per kind: the materiality floors (in the kind's unit) and the options bench:nab's cross-validation chose on that
 * kind's labelled series (docs/detection.md has the figures).
 * - CPU utilization (fraction of all CPUs): a rise must reach 0.2 points and a quarter of the baseline: a host
 *   at 13 % wobbling to 16 % is not a spike, a miner taking a fifth of it is, and an idle host at 0.2 % that jumps to
 *   2 % is. Routine excursions are remembered (hosts run batch jobs); one 5-minute sample alone never opens.
 * - CPU cores (containers): 0.05 of a core, or a quarter of the baseline; an idle container's health checks stay
 *   below that.
 * - Latency (seconds): 5 ms and a quarter of the baseline; a wider reference (3 sigmas) and the 90th percentile
 *   of the deviations as a second noise estimate keep a jittery service quiet, while at coarse sampling one sample
 *   11 sigmas up (an hour of it) opens; recurring spikes are not made routine: each slow hour is news.
 */
const KIND_OPTIONS: Record<DetectorKind, DetectorOptions> = {
  'cpu-utilization': { minRise: 0.002, minRelativeRise: 0.25, spreadQuantile: 0, coarseClipSigmas: 5 },
  'cpu-cores': { minRise: 0.05, minRelativeRise: 0.25, spreadQuantile: 0, coarseClipSigmas: 5 },
  latency: {
    minRise: 0.005,
    minRelativeRise: 0.25,
    maxRoutineSigmas: 0,
    spreadQuantile: 0.9,
    referenceSigmas: 3,
    thresholdSigmas: 5,
    coarseClipSigmas: 12,
  },
};

export function detectorOptionsFor(kind: DetectorKind): ResolvedDetectorOptions {
  return { ...DEFAULT_DETECTOR_OPTIONS, ...KIND_OPTIONS[kind] } as ResolvedDetectorOptions;
}

/** Fills defaults and rejects values that cannot work, naming the option (a bad option is a programming error). */
export function resolveDetectorOptions(options: DetectorOptions): ResolvedDetectorOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved: ResolvedDetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...defined };
  if (typeof resolved.seasonal !== 'boolean') {
    throw new RangeError(`detector option seasonal must be true or false, got ${String(resolved.seasonal)}`);
  }
  for (const key of SAMPLE_COUNTS) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 1) {
      throw new RangeError(`detector option ${key} must be a positive integer, got ${resolved[key]}`);
    }
  }
  for (const key of NON_NEGATIVE) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) {
      throw new RangeError(`detector option ${key} must be a finite number >= 0, got ${resolved[key]}`);
    }
  }
  if (resolved.referenceSigmas === 0) {
    throw new RangeError(
      'detector option referenceSigmas must be greater than 0: it sets how far a floor-sized rise reaches',
    );
  }
  if (resolved.warmUpSamples > resolved.baselineSamples) {
    throw new RangeError(
      `detector option warmUpSamples (${resolved.warmUpSamples}) cannot exceed baselineSamples (${resolved.baselineSamples})`,
    );
  }
  if (resolved.clipSigmas <= resolved.referenceSigmas) {
    throw new RangeError(
      `detector option clipSigmas (${resolved.clipSigmas}) must exceed referenceSigmas (${resolved.referenceSigmas}), or no sample is evidence`,
    );
  }
  return resolved;
}

const SAMPLE_COUNTS = [
  'baselineSamples',
  'warmUpSamples',
  'memorySamples',
  'closeSamples',
  'levelShiftSamples',
] as const satisfies ReadonlyArray<keyof ResolvedDetectorOptions>;

const NON_NEGATIVE = [
  'referenceSigmas',
  'clipSigmas',
  'thresholdSigmas',
  'marginFraction',
  'marginSigmas',
  'maxRoutineSigmas',
  'minRise',
  'minRelativeRise',
  'coarseClipSigmas',
  'coarseIntervalMs',
  'spreadQuantile',
] as const satisfies ReadonlyArray<keyof ResolvedDetectorOptions>;
