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
 * | memorySamples     | 8064    | 22 h    | 5.6 d   | 28 d     |
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
   * How much taller than the series' routine excursions, held for as long, a rise must be to be news (see
   * ExcursionMemory). Default 0.25: a quarter again as high.
   */
  marginFraction?: number;
  /**
   * ...and by at least this many sigmas of the series' noise: on a noisy host the height a job holds varies by
   * about a sigma from run to run, so a quarter above the last run alone would call every other run news.
   * Default 0.
   */
  marginSigmas?: number;
  /**
   * Durations are only known to a factor of two: an excursion held for d samples is also compared with this
   * fraction of what routine ones held for d/2. Default 0.5: bursts to 60 % for five minutes make 20 % for ten
   * minutes routine, not 35 %.
   */
  durationSlack?: number;
  /** Remember routine excursions (false: every rise above the noise is news). Default true. */
  rememberRoutine?: boolean;
  /**
   * The rise that is news must carry the threshold's evidence by itself: its last d samples must average
   * (reference + threshold / d) sigmas, the CUSUM's own condition for d samples alone. Default true; false asks
   * only that the rise clear the reference throughout (its smallest sample).
   */
  sustainedEvidence?: boolean;
  /** How long excursions are remembered. Default 8064: four weeks at 5 minutes, so daily and weekly jobs recur within it. */
  memorySamples?: number;
  /** Consecutive samples back within the reference that close a spike. Default 3. */
  closeSamples?: number;
  /**
   * Samples a spike may stay open before its level is accepted as the new normal (the spike closes and the baseline
   * restarts from the new level). Default 360: an hour at 10 seconds, 30 hours at 5 minutes.
   */
  levelShiftSamples?: number;
  /**
   * Materiality, absolute: a rise held above the expected level by less than this, in the series' unit, is never
   * a spike, however quiet the series.
   */
  minRise?: number;
  /** Materiality, relative: nor is a rise held by less than this fraction of the expected level. */
  minRelativeRise?: number;
  /**
   * How the rise of d samples is measured against the material floors: false, the smallest of the d rises (the
   * rise held throughout); true, their mean less 1.5 standard errors (scale / √d), so that a shift just under the
   * floor on a jittery series is not made material by two samples that happen to reach it. Default false.
   */
  materialOnMean?: boolean;
  /**
   * The clip at coarse sampling (samples at least `coarseIntervalMs` apart), where one sample may be a spike on
   * its own: one five-minute sample is five minutes of load, one ten-second sample is a blip. Default 8: a single
   * sample 8 sigmas up adds 6 sigmas of evidence, enough to open on a series with no routine excursions.
   */
  coarseClipSigmas?: number;
  /** Samples at least this far apart (data time, ms) are coarse. Default 60 000: one a minute or fewer. */
  coarseIntervalMs?: number;
  /**
   * A new high, at coarse sampling: a sample above this many times the highest of the recent normal values (the
   * last `baselineSamples`, as they were: the daily swing included) that also stands `newHighSigmas` above its
   * expected level, and is material, opens a spike on its own. A smooth daily series' rise of 4–6 sigmas for two
   * hours falls under a wide reference; far above every recent day's peak, it is a spike all the same.
   * Default 0 (off); 1.5 for latency.
   */
  newHighFactor?: number;
  /** See `newHighFactor`. Default 4. */
  newHighSigmas?: number;
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
  marginFraction: 0.25,
  marginSigmas: 0,
  durationSlack: 0.5,
  rememberRoutine: true,
  sustainedEvidence: true,
  memorySamples: 8064,
  closeSamples: 3,
  levelShiftSamples: 360,
  // No absolute floor without a unit to express it in; the relative one is unit-free.
  minRise: 0,
  minRelativeRise: 0.1,
  materialOnMean: false,
  coarseClipSigmas: 8,
  spreadQuantile: 0.9,
  coarseIntervalMs: 60_000,
  newHighFactor: 0,
  newHighSigmas: 4,
  seasonal: true,
});

/**
 * Per kind: the materiality floors (in the kind's unit) and the options bench:nab's cross-validation chose on that
 * kind's labelled series (docs/detection.md has the figures and how they were chosen).
 * - CPU utilization (fraction of all CPUs): a rise must hold 0.2 points and 30 % of the baseline: a host at 13 %
 *   wobbling to 16 % is not a spike, a miner taking a fifth of it is, and an idle host at 0.2 % that jumps to 2 %
 *   is. The noise is the larger of the MAD and the 75th percentile of the deviations (scaled as for a normal
 *   distribution): on a bursty host the 90th percentile takes the bursts for noise (twice the 75th's on NAB's
 *   misconfigured autoscaling group) and hides a rise held for hours; with the tighter noise a reference of 2
 *   sigmas, not 1.5, keeps the false positives down. Both were chosen leaving one series out (docs/detection.md). The memory of routine excursions (hosts run batch jobs) keeps a modest rise
 *   from alarming on what the host does every day. The baseline spans 288 samples (a day at 5 minutes), so a
 *   noisy host's spread is measured on enough of its noise.
 * - CPU cores (containers): the same, with a quarter of a core as the absolute floor: a container drifting from
 *   0.15 to 0.3 cores is busy, not spiking; a miner taking a core is.
 * - Latency (seconds): 5 ms and a quarter of the baseline (20 % slower is jitter; 1.5 times slower is a spike),
 *   judged on the rise's mean less its standard error, so two lucky samples of a 20 % shift do not make it
 *   material; a wide reference (4 sigmas, clip 6) and the 90th percentile of the deviations as a second noise
 *   estimate keep a jittery or spiky service quiet, while at coarse sampling one sample 7 sigmas up (an hour of
 *   it) opens; there, an hour above 1.5 times every recent normal one and 4 sigmas up opens too (a new high: a
 *   smooth daily series' hour at twice every recent peak can sit under the wide reference's reach). Recurring
 *   slow spells are not made routine: each slow hour is news.
 * - On CPU a rise must stand a sigma above the routine as well as a quarter (marginSigmas): a noisy host's job
 *   varies that much from run to run.
 */
const CPU_OPTIONS: DetectorOptions = {
  minRelativeRise: 0.3,
  marginSigmas: 1,
  referenceSigmas: 2,
  baselineSamples: 288,
  coarseClipSigmas: 8,
  spreadQuantile: 0.75,
};
const KIND_OPTIONS: Record<DetectorKind, DetectorOptions> = {
  'cpu-utilization': { ...CPU_OPTIONS, minRise: 0.002 },
  'cpu-cores': { ...CPU_OPTIONS, minRise: 0.25 },
  latency: {
    minRise: 0.005,
    minRelativeRise: 0.25,
    rememberRoutine: false,
    sustainedEvidence: false,
    spreadQuantile: 0.9,
    referenceSigmas: 4,
    clipSigmas: 6,
    thresholdSigmas: 3,
    coarseClipSigmas: 12,
    materialOnMean: true,
    newHighFactor: 1.5,
  },
};

export function detectorOptionsFor(kind: DetectorKind): ResolvedDetectorOptions {
  return { ...DEFAULT_DETECTOR_OPTIONS, ...KIND_OPTIONS[kind] } as ResolvedDetectorOptions;
}

/** Fills defaults and rejects values that cannot work, naming the option (a bad option is a programming error). */
export function resolveDetectorOptions(options: DetectorOptions): ResolvedDetectorOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved: ResolvedDetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...defined };
  for (const key of FLAGS) {
    if (typeof resolved[key] !== 'boolean') {
      throw new RangeError(`detector option ${key} must be true or false, got ${String(resolved[key])}`);
    }
  }
  if (resolved.durationSlack > 1) {
    throw new RangeError(`detector option durationSlack must be between 0 and 1, got ${resolved.durationSlack}`);
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
  if (resolved.newHighFactor !== 0 && resolved.newHighFactor < 1) {
    throw new RangeError(
      `detector option newHighFactor must be 0 (off) or at least 1, got ${resolved.newHighFactor}: below 1 every sample above the recent high's fraction would be a new high`,
    );
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

const FLAGS = ['seasonal', 'rememberRoutine', 'sustainedEvidence', 'materialOnMean'] as const satisfies ReadonlyArray<
  keyof ResolvedDetectorOptions
>;

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
  'durationSlack',
  'minRise',
  'minRelativeRise',
  'coarseClipSigmas',
  'coarseIntervalMs',
  'spreadQuantile',
  'newHighFactor',
  'newHighSigmas',
] as const satisfies ReadonlyArray<keyof ResolvedDetectorOptions>;
