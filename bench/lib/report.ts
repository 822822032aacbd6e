import type { Score } from './scoring';
import { falsePositivesPerDay } from './scoring';

const NAME_WIDTH = 44;
const COLUMN_WIDTH = 26;

/** One cell: windows detected / windows, false positives, false positives per series-day. */
export function formatScore(score: Score): string {
  const windows = `${score.detected}/${score.windows}`.padStart(7);
  const fp = String(score.falsePositives).padStart(5);
  const perDay = falsePositivesPerDay(score).toFixed(3).padStart(8);
  return `${windows}${fp}${perDay}`.padEnd(COLUMN_WIDTH);
}

export function formatRow(name: string, scores: readonly Score[]): string {
  return name.padEnd(NAME_WIDTH) + scores.map(formatScore).join('');
}

export function formatHeader(contenders: readonly string[]): string[] {
  return [
    ''.padEnd(NAME_WIDTH) + contenders.map((name) => name.padEnd(COLUMN_WIDTH)).join(''),
    'series'.padEnd(NAME_WIDTH) +
      contenders
        .map(() => `${'windows'.padStart(7)}${'FP'.padStart(5)}${'FP/day'.padStart(8)}`.padEnd(COLUMN_WIDTH))
        .join(''),
  ];
}
