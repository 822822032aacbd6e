import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export const NAB_DIR_ENV = 'LOCKSTEP_NAB_DIR';
/** Where the shared data lives relative to the repository root (see ../shared/data/README.md). */
export const DEFAULT_NAB_DIR = '../shared/data/nab';

/**
 * The NAB data directory: `--data DIR`, else $LOCKSTEP_NAB_DIR, else ../shared/data/nab beside the repository;
 * relative paths resolve against the repository root. Throws a sentence saying what to do when it has no
 * windows.json.
 */
export function resolveNabDir(args: readonly string[], env: NodeJS.ProcessEnv, repoRoot: string): string {
  const flag = args.indexOf('--data');
  if (flag >= 0 && args[flag + 1] === undefined) throw new Error('--data needs a directory: --data DIR');
  const chosen = (flag >= 0 ? args[flag + 1] : undefined) ?? env[NAB_DIR_ENV] ?? DEFAULT_NAB_DIR;
  const dir = isAbsolute(chosen) ? chosen : resolve(repoRoot, chosen);
  if (!existsSync(join(dir, 'windows.json'))) {
    throw new Error(
      `NAB data not found: ${dir} has no windows.json. Pass --data DIR or set ${NAB_DIR_ENV} to the folder holding ` +
        'windows.json and the realAWSCloudwatch/ and realKnownCause/ series.',
    );
  }
  return dir;
}
