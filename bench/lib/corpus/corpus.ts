import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Point } from '../nab-csv';
import { parseNabCsv } from '../nab-csv';
import type { LabelledWindow } from '../nab-windows';
import { parseWindows } from '../nab-windows';
import { parseMicrosoftCsv } from './microsoft-csv';

/** How a series is judged: CPU and latency-like first; the rest are robustness and false-positive checks. */
export type SeriesKind = 'cpu' | 'latency-like' | 'rate/count' | 'other';
export const SERIES_KINDS: readonly SeriesKind[] = ['cpu', 'latency-like', 'rate/count', 'other'];

export interface LabelledSeries {
  /** Path under the data root, e.g. `nab/realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv`. */
  path: string;
  /** The file name without `.csv`. */
  name: string;
  kind: SeriesKind;
  /** `nab` (NAB, wide windows) or `microsoft` (expert labels, windows of ±2 steps). */
  source: 'nab' | 'microsoft';
  points: Point[];
  windows: LabelledWindow[];
}

/** The corpus as laid out by NAB and Microsoft's cloud-monitoring dataset (see bench/README.md). */
const NAB_CPU = /cpu_utilization/;
const NAB_RATES = /network_in|request_count|disk_write/;

function nabKind(path: string): SeriesKind {
  if (NAB_CPU.test(path)) return 'cpu';
  return NAB_RATES.test(path) ? 'rate/count' : 'other';
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `anomaly/index.csv`: path -> kind (the index quotes nothing in those two columns). */
function indexKinds(root: string): Map<string, SeriesKind> {
  const kinds = new Map<string, SeriesKind>();
  const lines = readFileSync(join(root, 'anomaly', 'index.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1);
  for (const line of lines) {
    const [, path, kind] = line.split(',');
    if (path && SERIES_KINDS.includes(kind as SeriesKind)) kinds.set(path, kind as SeriesKind);
  }
  return kinds;
}

/**
 * Every labelled series under `root`: `nab/` (the ten NAB series with `windows.json`) and, when present,
 * `anomaly/` (`index.csv`, `nab/windows.json`, `microsoft/windows.json`). Throws when neither is there.
 */
export function loadCorpus(root: string): LabelledSeries[] {
  const out: LabelledSeries[] = [];
  const add = (path: string, kind: SeriesKind, source: LabelledSeries['source'], windows: LabelledWindow[]): void => {
    const file = join(root, path);
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    const points = source === 'nab' ? parseNabCsv(text, path) : parseMicrosoftCsv(text, path);
    const name = path.replace(/^.*\//, '').replace(/\.csv$/, '');
    out.push({ path, name, kind, source, points, windows });
  };
  if (existsSync(join(root, 'nab', 'windows.json'))) {
    for (const [path, windows] of parseWindows(readJson(join(root, 'nab', 'windows.json')))) {
      add(`nab/${path}`, nabKind(path), 'nab', windows);
    }
  }
  if (existsSync(join(root, 'anomaly', 'index.csv'))) {
    const kinds = indexKinds(root);
    for (const source of ['nab', 'microsoft'] as const) {
      const windowsFile = join(root, 'anomaly', source, 'windows.json');
      if (!existsSync(windowsFile)) continue;
      for (const [path, windows] of parseWindows(readJson(windowsFile))) {
        const full = `anomaly/${source}/${path}`;
        add(full, kinds.get(`${source}/${path}`) ?? 'other', source, windows);
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
