import type { Point } from './nab-csv';
import type { LabelledWindow } from './nab-windows';

/** NAB's probationary period: the first 15 % of a series is fed to the detector to learn from, and not scored. */
export const PROBATION_FRACTION = 0.15;

const MILLIS_PER_DAY = 86_400_000;

export interface Score {
  /** Labelled windows that end after probation. */
  windows: number;
  /** Of those, windows inside which at least one anomaly starts. */
  detected: number;
  /** Anomalies that start after probation and inside no window. */
  falsePositives: number;
  /** Days from the end of probation to the last sample: the denominator of false positives per day. */
  scoredDays: number;
}

/** The first scored time: the time of the sample right after the probationary fraction. */
export function probationEnd(points: readonly Point[]): number {
  const first = points[Math.floor(points.length * PROBATION_FRACTION)];
  if (!first) throw new Error('cannot score an empty series');
  return first.time;
}

/**
 * Scores one series the way the issue defines it: a window is detected when an anomaly *starts* inside it (ends
 * inclusive); an anomaly that starts after probation inside no window is a false positive; starts during probation
 * count for nothing.
 */
export function scoreSeries(
  points: readonly Point[],
  windows: readonly LabelledWindow[],
  starts: readonly number[],
): Score {
  const scoredFrom = probationEnd(points);
  const last = (points[points.length - 1] as Point).time;
  const scored = starts.filter((start) => start >= scoredFrom);
  const inside = (start: number, w: LabelledWindow): boolean => start >= w.start && start <= w.end;
  const live = windows.filter((w) => w.end >= scoredFrom);
  return {
    windows: live.length,
    detected: live.filter((w) => scored.some((start) => inside(start, w))).length,
    falsePositives: scored.filter((start) => !windows.some((w) => inside(start, w))).length,
    scoredDays: (last - scoredFrom) / MILLIS_PER_DAY,
  };
}

export function sumScores(scores: readonly Score[]): Score {
  const total: Score = { windows: 0, detected: 0, falsePositives: 0, scoredDays: 0 };
  for (const s of scores) {
    total.windows += s.windows;
    total.detected += s.detected;
    total.falsePositives += s.falsePositives;
    total.scoredDays += s.scoredDays;
  }
  return total;
}

/** False positives per scored series-day; over several series, total false positives over total scored days. */
export function falsePositivesPerDay(score: Score): number {
  return score.scoredDays > 0 ? score.falsePositives / score.scoredDays : 0;
}
