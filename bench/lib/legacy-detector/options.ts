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
   * batch job runs, a real spike is never held back by more than forty samples.
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
  /** Rises no larger than this, in the series' unit, never count as evidence. */
  minRise?: number;
  /** Rises no larger than this fraction of the baseline never count as evidence. */
  minRelativeRise?: number;
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
});

/**
 * Floors per kind. They only matter when a series is flatter than its own noise would suggest (quantized or
 * idle); a noisy series' MAD is larger than any of them.
 * - CPU utilization (fraction of all CPUs): 0.05 percentage points, or a tenth of the baseline. This is low on
 *   purpose: labelled real EC2 series (NAB) idle at 0.1–2 % and their anomalies are rises of 0.3–0.5 points.
 * - CPU cores (containers): 0.05 of a core, or a tenth of the baseline; an idle container's health checks stay
 *   below that.
 * - Latency (p95 seconds): 5 ms, or a quarter of the baseline; smaller rises are ordinary jitter for a service.
 */
const KIND_FLOORS: Record<DetectorKind, Pick<ResolvedDetectorOptions, 'minRise' | 'minRelativeRise'>> = {
  'cpu-utilization': { minRise: 0.0005, minRelativeRise: 0.1 },
  'cpu-cores': { minRise: 0.05, minRelativeRise: 0.1 },
  latency: { minRise: 0.005, minRelativeRise: 0.25 },
};

export function detectorOptionsFor(kind: DetectorKind): ResolvedDetectorOptions {
  return { ...DEFAULT_DETECTOR_OPTIONS, ...KIND_FLOORS[kind] };
}

/** Fills defaults and rejects values that cannot work, naming the option (a bad option is a programming error). */
export function resolveDetectorOptions(options: DetectorOptions): ResolvedDetectorOptions {
  const resolved: ResolvedDetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS };
  for (const key of Object.keys(DEFAULT_DETECTOR_OPTIONS) as Array<keyof ResolvedDetectorOptions>) {
    const value = options[key];
    if (value !== undefined) resolved[key] = value;
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
] as const satisfies ReadonlyArray<keyof ResolvedDetectorOptions>;
