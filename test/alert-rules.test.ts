import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ALERT_RULES } from '../provisioning/src/alerts';
import { GENERATED } from '../provisioning/src/build';

const ROOT = path.resolve(__dirname, '../provisioning');
const run = promisify(execFile);
/** promtool comes from Debian's prometheus package; `npm test` installs it (scripts/system-deps.sh). */
const PROMTOOL = 'promtool';

type Yaml = Record<string, unknown>;
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

describe('alert rules defined once (provisioning/src/alerts.ts)', () => {
  it.each(GENERATED.map((g) => [g.file, g.content] as const))(
    '%s is generated from the definitions',
    (file, content) => {
      expect(read(file)).toBe(content());
    },
  );

  it('pass promtool check rules', async () => {
    const { stdout } = await run(PROMTOOL, ['check', 'rules', path.join(ROOT, 'prometheus/lockstep-rules.yml')]);
    expect(stdout).toContain(`SUCCESS: ${ALERT_RULES.length} rules found`);
  });

  it('fire and stay quiet at the right times (promtool test rules)', async () => {
    const { stdout } = await run(PROMTOOL, ['test', 'rules', path.join(ROOT, 'prometheus/lockstep-rules.test.yml')]);
    expect(stdout).toContain('SUCCESS');
  });

  it('are unit-tested in promtool, every one of them', () => {
    const tests = parse(read('prometheus/lockstep-rules.test.yml')) as {
      tests: Array<{ alert_rule_test: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
    };
    const firing = new Set(
      tests.tests.flatMap((t) => t.alert_rule_test.filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname)),
    );
    expect([...firing].sort()).toEqual(ALERT_RULES.map((r) => r.name).sort());
  });

  it('load in Prometheus with the scrape config that names their job', async () => {
    const { stdout } = await run(PROMTOOL, ['check', 'config', path.join(ROOT, 'prometheus/prometheus.yml')]);
    expect(stdout).toContain('SUCCESS');
  });

  it('are Grafana-managed rules over the provisioned Prometheus, with the same conditions and words', () => {
    const grafana = parse(read('grafana/alerting/lockstep-rules.yaml')) as { groups: Array<{ rules: Yaml[] }> };
    const datasources = parse(read('grafana/datasources/lockstep.yaml')) as { datasources: Array<{ uid: string }> };
    const uids = new Set(datasources.datasources.map((d) => d.uid));
    const rules = grafana.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.title)).toEqual(ALERT_RULES.map((r) => r.name));
    for (const [i, rule] of rules.entries()) {
      const data = rule.data as Array<{ refId: string; datasourceUid: string; model: Yaml }>;
      expect(data.map((d) => d.refId)).toEqual(['A', 'B', 'C']);
      expect(uids.has(data[0]?.datasourceUid ?? '')).toBe(true);
      expect(data[0]?.model.expr).toBe(ALERT_RULES[i]?.expr);
      expect(rule.condition).toBe('C');
      expect((rule.annotations as Yaml).summary).toBe(ALERT_RULES[i]?.summary);
      expect(String(rule.uid).length).toBeLessThanOrEqual(40);
    }
  });
});
