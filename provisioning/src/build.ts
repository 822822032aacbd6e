/**
 * Writes the provisioning files generated from TypeScript sources:
 *   npm run build:provisioning          write them
 *   npm run build:provisioning -- --check   exit 1 if a committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { grafanaNotifications, grafanaRules, prometheusRules } from './build-alerts';
import { grafanaDashboardProvider } from './folders';

const ROOT = path.resolve(__dirname, '..');

export const GENERATED: ReadonlyArray<{ file: string; content: () => string }> = [
  { file: 'prometheus/lockstep-rules.yml', content: prometheusRules },
  { file: 'grafana/alerting/lockstep-rules.yaml', content: grafanaRules },
  { file: 'grafana/alerting/lockstep-notifications.yaml', content: grafanaNotifications },
  { file: 'grafana/dashboards/lockstep.yaml', content: grafanaDashboardProvider },
];

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { file, content } of GENERATED) {
    const target = path.join(ROOT, file);
    const text = content();
    if (check) {
      let current = '';
      try {
        current = readFileSync(target, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        stale += 1;
        process.stderr.write(`provisioning/${file} is out of date: run npm run build:provisioning\n`);
      }
    } else {
      writeFileSync(target, text);
      process.stderr.write(`wrote provisioning/${file}\n`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}

if (require.main === module) main();
