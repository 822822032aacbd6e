import type { LabelledSeries } from './corpus/corpus';
import type { Score } from './scoring';
import { falsePositivesPerDay, sumScores } from './scoring';

export interface Group {
  name: string;
  members(series: LabelledSeries): boolean;
}

const HOUR = 3_600_000;

/** The rows of every table: CPU and latency-like first, as the corpus README asks, then the robustness checks. */
export const GROUPS: readonly Group[] = [
  { name: 'CPU', members: (s) => s.kind === 'cpu' },
  { name: 'latency-like', members: (s) => s.kind === 'latency-like' },
  {
    name: 'Microsoft hourly (expert labels)',
    members: (s) => s.source === 'microsoft' && (s.points[1]?.time ?? 0) - (s.points[0]?.time ?? 0) >= HOUR,
  },
  { name: 'rate/count', members: (s) => s.kind === 'rate/count' },
  { name: 'other', members: (s) => s.kind === 'other' },
  { name: 'all', members: () => true },
];

const NAME_WIDTH = 34;
const CELL_WIDTH = 30;

/** One cell: windows detected / windows (recall), false positives per series-day. */
export function formatCell(score: Score): string {
  const recall = score.windows > 0 ? (score.detected / score.windows).toFixed(2) : '  - ';
  return `${`${score.detected}/${score.windows}`.padStart(7)} ${recall} ${falsePositivesPerDay(score).toFixed(3).padStart(6)} FP/d`.padEnd(
    CELL_WIDTH,
  );
}

/** A table of groups (rows) by contenders (columns); `scores[c][i]` is contender c on series i. */
export function printTable(
  contenders: readonly string[],
  rows: ReadonlyArray<{ name: string; members: readonly number[] }>,
  scores: ReadonlyArray<ReadonlyArray<Score | undefined>>,
): void {
  console.log(''.padEnd(NAME_WIDTH) + contenders.map((c) => c.slice(0, CELL_WIDTH - 2).padEnd(CELL_WIDTH)).join(''));
  for (const row of rows) {
    const cells = scores.map((perSeries) =>
      formatCell(sumScores(row.members.map((i) => perSeries[i]).filter((s): s is Score => s !== undefined))),
    );
    console.log(`${row.name} (${row.members.length})`.padEnd(NAME_WIDTH) + cells.join(''));
  }
  console.log('');
}
