import { parseNabTime } from './nab-csv';

/** A labelled anomaly window, inclusive at both ends, in epoch ms. */
export interface LabelledWindow {
  start: number;
  end: number;
}

/**
 * Reads NAB's `windows.json`: an object from series path (e.g. `realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv`)
 * to a list of `[start, end]` timestamp pairs. Throws, naming the series, on any other shape.
 */
export function parseWindows(json: unknown): Map<string, LabelledWindow[]> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('windows.json: expected an object from series path to a list of [start, end] pairs');
  }
  const out = new Map<string, LabelledWindow[]>();
  for (const [series, pairs] of Object.entries(json)) {
    if (!Array.isArray(pairs)) throw new Error(`windows.json: ${series}: expected a list of [start, end] pairs`);
    out.set(
      series,
      pairs.map((pair: unknown, index) => {
        const start = Array.isArray(pair) && typeof pair[0] === 'string' ? parseNabTime(pair[0]) : undefined;
        const end = Array.isArray(pair) && typeof pair[1] === 'string' ? parseNabTime(pair[1]) : undefined;
        if (start === undefined || end === undefined || end < start) {
          throw new Error(`windows.json: ${series}[${index}]: expected ["start", "end"] timestamps with start <= end`);
        }
        return { start, end };
      }),
    );
  }
  return out;
}
