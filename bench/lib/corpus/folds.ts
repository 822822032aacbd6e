import type { LabelledSeries } from './corpus';

/** FNV-1a of a path: a fixed, arbitrary order, so folds do not follow folders (all tweets in one fold). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Splits series (never time within a series) into `k` folds, stratified by kind: within each kind the series are
 * dealt round-robin in hash order, so each fold holds its share of CPU, latency-like and other series.
 */
export function assignFolds(series: readonly LabelledSeries[], k: number): number[] {
  const folds = new Array<number>(series.length).fill(0);
  const kinds = [...new Set(series.map((s) => s.kind))];
  let dealt = 0;
  for (const kind of kinds) {
    const members = series
      .map((s, i) => ({ i, h: hash(s.path) }))
      .filter(({ i }) => (series[i] as LabelledSeries).kind === kind)
      .sort((a, b) => a.h - b.h);
    // Continue dealing where the previous kind stopped, so small kinds do not all land in fold 0.
    for (const { i } of members) folds[i] = dealt++ % k;
  }
  return folds;
}
