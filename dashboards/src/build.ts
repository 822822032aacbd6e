/**
 * Writes the provisioned dashboards from their TypeScript definitions:
 *   npm run build:dashboards               write dashboards/*.json
 *   npm run build:dashboards -- --check    exit 1 if a committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { executiveRiskDashboard } from './executive-risk';
import { oncallDashboard } from './oncall';

const DASHBOARDS_DIR = path.resolve(__dirname, '..');

export interface GeneratedDashboard {
  /** File name under dashboards/. */
  file: string;
  build: () => object;
}

export const DASHBOARDS: readonly GeneratedDashboard[] = [
  { file: 'oncall.json', build: oncallDashboard },
  { file: 'executive-risk.json', build: executiveRiskDashboard },
];

/** The file's text: JSON as the repository's prettier formats it, so `prettier --check` agrees with the build. */
export async function render(dashboard: GeneratedDashboard): Promise<string> {
  const target = path.join(DASHBOARDS_DIR, dashboard.file);
  const options = (await resolveConfig(target)) ?? {};
  return format(JSON.stringify(dashboard.build()), { ...options, filepath: target });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const dashboard of DASHBOARDS) {
    const target = path.join(DASHBOARDS_DIR, dashboard.file);
    const text = await render(dashboard);
    if (!check) {
      writeFileSync(target, text);
      process.stderr.write(`wrote dashboards/${dashboard.file}\n`);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file counts as stale
    }
    if (current !== text) {
      stale += 1;
      process.stderr.write(`dashboards/${dashboard.file} is out of date: run npm run build:dashboards\n`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}

if (require.main === module) void main();
