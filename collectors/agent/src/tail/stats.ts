import type { GapReason } from './tailer';

/** Where lines may have been missed: a tailer's gaps, or the positions file unreadable at startup. */
export type TailGap = GapReason | 'positions_lost';
export const TAIL_GAPS: readonly TailGap[] = ['truncated', 'rotated_away', 'positions_lost'];

/** What became of one tailed path's lines since the agent started: the figures of its metrics and status line. */
export interface FileTailStats {
  path: string;
  format: string;
  /** Lines the receiver acknowledged. */
  sent: number;
  /** Lines the receiver refused for good: dropped. */
  refused: number;
  /** Lines over MAX_LINE_BYTES: dropped. */
  tooLong: number;
  gaps: Record<TailGap, number>;
  /** Exports that failed and are being retried (nothing lost). */
  retries: number;
}

export function newFileStats(path: string, format: string): FileTailStats {
  return {
    path,
    format,
    sent: 0,
    refused: 0,
    tooLong: 0,
    gaps: { truncated: 0, rotated_away: 0, positions_lost: 0 },
    retries: 0,
  };
}

/**
 * One line for people: every tailed line sent, lost (and why) or at a gap, and whether delivery is failing now.
 * Outside strings (paths, exporter errors) stay out of it; the warnings name them.
 */
export function tailStatusLine(files: readonly FileTailStats[], failing: boolean): string {
  const sum = (pick: (f: FileTailStats) => number): number => files.reduce((total, f) => total + pick(f), 0);
  const refused = sum((f) => f.refused);
  const tooLong = sum((f) => f.tooLong);
  const gap = (reason: TailGap): number => sum((f) => f.gaps[reason]);
  const gaps = TAIL_GAPS.reduce((total, reason) => total + gap(reason), 0);
  return (
    `status: tailed ${files.length} file${files.length === 1 ? '' : 's'} · lines sent ${sum((f) => f.sent)}` +
    ` · lost ${refused + tooLong} (refused ${refused}, too long ${tooLong})` +
    ` · gaps ${gaps} (truncated ${gap('truncated')}, rotated away ${gap('rotated_away')},` +
    ` positions lost ${gap('positions_lost')})` +
    ` · ${failing ? 'delivery failing, retrying' : 'delivery ok'} (retries ${sum((f) => f.retries)})`
  );
}
