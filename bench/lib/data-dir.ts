import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const BENCH_DATA_ENV = 'LOCKSTEP_BENCH_DATA';

/** Where the labelled series come from, in one sentence (printed when they are missing). */
export const WHERE_TO_GET_DATA =
  'bench:nab needs labelled series that are not in this repository: pass --data DIR (or set LOCKSTEP_BENCH_DATA) ' +
  'to a folder holding nab/windows.json with nab/<category>/*.csv (labels/combined_windows.json and data/ of ' +
  'github.com/numenta/NAB at commit ea702d75cc22) and, optionally, anomaly/ with Microsoft cloud-monitoring-dataset ' +
  'series (github.com/microsoft/cloud-monitoring-dataset at commit 6a07a53c2fac) laid out as docs/detection.md ' +
  'describes.';

export class MissingDataError extends Error {}

/**
 * The benchmark's data folder: `--data DIR`, else $LOCKSTEP_BENCH_DATA; relative paths resolve against `cwd`.
 * Throws MissingDataError, saying where to get the data, when neither names a folder with `nab/windows.json` or
 * `anomaly/index.csv`.
 */
export function resolveBenchData(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const flag = args.indexOf('--data');
  if (flag >= 0 && args[flag + 1] === undefined) throw new Error('--data needs a directory: --data DIR');
  const chosen = (flag >= 0 ? args[flag + 1] : undefined) ?? env[BENCH_DATA_ENV];
  if (chosen === undefined) throw new MissingDataError(WHERE_TO_GET_DATA);
  const dir = isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
  const usable = existsSync(join(dir, 'nab', 'windows.json')) || existsSync(join(dir, 'anomaly', 'index.csv'));
  if (!usable) throw new MissingDataError(`${dir} holds no labelled series. ${WHERE_TO_GET_DATA}`);
  return dir;
}
