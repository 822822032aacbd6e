import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { DASHBOARDS, render } from '../dashboards/src/build';
import { PROMETHEUS_METRICS } from '../dashboards/src/prometheus-metrics';
import { EXECUTIVE_RISK_UID, ONCALL_UID } from '../dashboards/src/uids';
import { METRIC_ROLES } from '@lockstep/correlator';
import type { LockstepQuery } from '../plugins/lockstep-app/src/common/query';
import { KPIS, QUERY_TYPES } from '../plugins/lockstep-app/src/common/query';
import { startTestService } from './service/harness';

const ROOT = path.resolve(__dirname, '..');
/** Grafana's dashboard schema, copied beside the tests (origin and licence in test/fixtures/grafana/README.md). */
const SCHEMA = path.join(ROOT, 'test/fixtures/grafana/dashboard.schema.json');
const PLUGIN_DIR = path.join(ROOT, 'plugins/lockstep-app');
const run = promisify(execFile);

type Json = Record<string, unknown>;
interface Panel extends Json {
  id?: number;
  type: string;
  title?: string;
  description?: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Json[];
  panels?: Panel[];
}
interface DashboardJson extends Json {
  uid: string;
  id: null;
  schemaVersion: number;
  panels: Panel[];
  templating: { list?: Json[] };
  annotations: { list?: Json[] };
}

const read = (file: string): string => readFileSync(path.join(ROOT, 'dashboards', file), 'utf8');
const dashboards = DASHBOARDS.map((d) => [d.file, JSON.parse(read(d.file)) as DashboardJson] as const);
const allPanels = (d: DashboardJson): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

/** Every `datasource` reference anywhere in a dashboard: panels, targets, annotations, variables. */
function datasourceRefs(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) datasourceRefs(item, found);
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'datasource' && value !== null && typeof value === 'object') found.push(value as Json);
      else datasourceRefs(value, found);
    }
  }
  return found;
}

/** Every query a dashboard sends: panel targets and annotation targets. */
function queries(d: DashboardJson): Json[] {
  const annotationTargets = (d.annotations.list ?? []).flatMap((a) => (a.target ? [a.target as Json] : []));
  return [...allPanels(d).flatMap((p) => p.targets ?? []), ...annotationTargets];
}
const uidOf = (query: Json): unknown => (query.datasource as Json | undefined)?.uid;

/** The metric names a PromQL expression reads (not functions, keywords, label names or template variables). */
function promMetricNames(expr: string): string[] {
  const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset']);
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const rest = bare.slice((match.index ?? 0) + match[0].length);
    if (/^\s*\(/.test(rest) || KEYWORDS.has(match[0]) || /^(and|or|unless|inf|nan)$/i.test(match[0])) continue;
    names.push(match[0]);
  }
  return names;
}

const provisionedDatasources = readdirSync(path.join(ROOT, 'provisioning/grafana/datasources'))
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) => {
    const doc = parse(readFileSync(path.join(ROOT, 'provisioning/grafana/datasources', f), 'utf8')) as {
      datasources?: Array<{ uid: string; type: string }>;
    };
    return doc.datasources ?? [];
  });

function pluginJsons(dir: string): Array<{ id: string; type: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pluginJsons(full);
    return entry.name === 'plugin.json' ? [JSON.parse(readFileSync(full, 'utf8')) as { id: string; type: string }] : [];
  });
}
const plugins = pluginJsons(path.join(PLUGIN_DIR, 'src'));

/** Panel plugins built into Grafana (public/app/plugins/panel), plus rows. */
const CORE_PANELS = new Set([
  'alertlist', 'annolist', 'barchart', 'bargauge', 'candlestick', 'canvas', 'dashlist', 'datagrid', 'flamegraph',
  'gauge', 'geomap', 'heatmap', 'histogram', 'logs', 'news', 'nodeGraph', 'piechart', 'row', 'stat',
  'state-timeline', 'status-history', 'table', 'text', 'timeseries', 'traces', 'trend', 'xychart',
]); // prettier-ignore

/**
 * Every LockstepQuery property the dashboards may set; `satisfies` breaks the build if one is renamed. Not
 * `format`: the data source's annotation support sets it, never a saved query.
 */
const LOCKSTEP_QUERY_KEYS = {
  refId: true,
  datasource: true,
  hide: true,
  queryType: true,
  host: true,
  container: true,
  service: true,
  metric: true,
  status: true,
  minScore: true,
  source: true,
  kpi: true,
  incidentId: true,
  step: true,
  limit: true,
} satisfies Partial<Record<keyof LockstepQuery, true>>;
describe('provisioned dashboards (dashboards/src)', () => {
  it.each(DASHBOARDS.map((d) => [d.file, d] as const))(
    '%s is what npm run build:dashboards writes',
    async (file, d) => {
      expect(read(file)).toBe(await render(d));
    },
  );

  it('have stable uids, no numeric id and the last classic schema version', () => {
    expect(dashboards.map(([file, d]) => [file, d.uid, d.id, d.schemaVersion])).toEqual([
      ['oncall.json', ONCALL_UID, null, 42],
      ['executive-risk.json', EXECUTIVE_RISK_UID, null, 42],
    ]);
    expect([ONCALL_UID, EXECUTIVE_RISK_UID]).toEqual(['lockstep-oncall', 'lockstep-executive-risk']);
  });

  it.each(dashboards)('%s is valid against dashboard.schema.json (ajv 8)', (_file, d) => {
    interface AjvInstance {
      addKeyword(keyword: string): unknown;
      compile(schema: object): { (data: unknown): boolean; errors?: unknown };
    }
    type AjvClass = new (options: object) => AjvInstance;
    // The plugin project declares ajv 8 (the root's hoisted ajv is eslint's v6): load it as that project would.
    const pluginRequire = createRequire(path.join(PLUGIN_DIR, 'package.json'));
    expect((pluginRequire('ajv/package.json') as { version: string }).version).toMatch(/^8\./);
    const Ajv = (pluginRequire('ajv') as { default: AjvClass }).default;
    // unicodeRegExp: false: the schema's patterns are not all valid with the u flag; date-time appears only under
    // snapshots, which these are not.
    const ajv = new Ajv({ unicodeRegExp: false, allErrors: true, formats: { 'date-time': true } });
    ajv.addKeyword('x-deprecation-message');
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    const valid = validate(d);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(dashboards)('%s refers only to provisioned data sources, by uid and type', (_file, d) => {
    const refs = datasourceRefs(d);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const provisioned = provisionedDatasources.find((ds) => ds.uid === ref.uid);
      expect(provisioned).toBeDefined();
      expect(ref.type).toBe(provisioned?.type);
    }
  });

  it.each(dashboards)('%s uses Grafana core panels and the panels the app declares', (_file, d) => {
    const declared = new Set(plugins.filter((p) => p.type === 'panel').map((p) => p.id));
    expect(declared.has('lockstep-spike-panel')).toBe(true);
    for (const panel of allPanels(d)) expect(CORE_PANELS.has(panel.type) || declared.has(panel.type)).toBe(true);
  });

  it.each(dashboards)('%s: every panel has a title and a description, a unique id and its own place', (_file, d) => {
    const panels = allPanels(d);
    for (const panel of panels) {
      expect(panel.title?.trim()).toBeTruthy();
      expect(panel.description?.trim().length).toBeGreaterThan(20);
    }
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const cells = new Set<string>();
    for (const { x, y, w, h } of panels.map((p) => p.gridPos)) {
      expect(x + w).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) for (let j = y; j < y + h; j++) cells.add(`${i},${j}`);
    }
    expect(cells.size).toBe(panels.reduce((sum, p) => sum + p.gridPos.w * p.gridPos.h, 0));
  });

  it.each(dashboards)('%s: Lockstep queries are LockstepQuery objects of the query model', (_file, d) => {
    const types = new Set(QUERY_TYPES.map((t) => t.value));
    const lockstep = queries(d).filter((q) => uidOf(q) === 'lockstep');
    expect(lockstep.length).toBeGreaterThan(0);
    for (const query of lockstep) {
      expect(types.has(query.queryType as never)).toBe(true);
      expect(Object.keys(query).filter((k) => !(k in LOCKSTEP_QUERY_KEYS))).toEqual([]);
      if (query.queryType === 'kpis') expect(KPIS.map((k) => k.value)).toContain(query.kpi);
    }
  });

  it('on-call: host, container and service variables list entities from Lockstep, with All', () => {
    const oncall = dashboards.find(([file]) => file === 'oncall.json')?.[1];
    const variables = (oncall?.templating.list ?? []).map((v) => [v.name, v.type, uidOf(v), v.query, v.includeAll]);
    expect(variables).toEqual([
      ['host', 'query', 'lockstep', 'hosts', true],
      ['container', 'query', 'lockstep', 'containers', true],
      ['service', 'query', 'lockstep', 'services', true],
    ]);
  });

  it('on-call: Lockstep signals, incidents and changes annotate the metric panels, filtered by $host', () => {
    const oncall = dashboards.find(([file]) => file === 'oncall.json')?.[1] as DashboardJson;
    const ids = new Set(allPanels(oncall).map((p) => p.id));
    const annotations = (oncall.annotations.list ?? []).map((a) => {
      const target = a.target as Json;
      const filter = a.filter as { ids: number[] };
      for (const id of filter.ids) expect(ids.has(id)).toBe(true);
      return [uidOf(a), target.queryType, target.host];
    });
    expect(annotations).toEqual([
      ['lockstep', 'signals', '$host'],
      ['lockstep', 'incidents', '$host'],
      ['lockstep', 'changes', '$host'],
    ]);
    const spike = allPanels(oncall).filter((p) => p.type === 'lockstep-spike-panel');
    expect(spike.map((p) => [p.targets?.[0]?.queryType, p.targets?.[0]?.host])).toEqual([
      ['timeline', '$host'],
      ['timeline', '$host'],
    ]);
  });

  describe('Prometheus expressions', () => {
    const exprs = dashboards.flatMap(([, d]) =>
      queries(d)
        .filter((q) => uidOf(q) === 'lockstep-prometheus')
        .map((q) => String(q.expr)),
    );
    const known = new Map(PROMETHEUS_METRICS.map((m) => [m.name, m]));

    it('read only the metrics listed in dashboards/src/prometheus-metrics.ts, and use each of them', () => {
      expect(exprs.length).toBeGreaterThan(0);
      const used = new Set(exprs.flatMap(promMetricNames));
      expect([...used].filter((name) => !known.has(name))).toEqual([]);
      expect([...known.keys()].filter((name) => !used.has(name))).toEqual([]);
    });

    it('finds metric names and skips functions, keywords, labels and variables', () => {
      expect(
        promMetricNames('histogram_quantile(0.95, sum by (le) (rate(a_b{x=~"$v"}[$__rate_interval]))) / 1e-3 + up'),
      ).toEqual(['a_b', 'up']);
    });

    it('name collector metrics as the OpenTelemetry-to-Prometheus translation does, from names Lockstep reads', () => {
      const UNIT = { s: 'seconds', ms: 'milliseconds' } as const;
      for (const metric of PROMETHEUS_METRICS.filter((m) => m.source === 'collector')) {
        const otel = metric.otel;
        expect(otel).toBeDefined();
        if (otel === undefined) continue;
        const base = `${otel.name.replace(/\./g, '_')}_${UNIT[otel.unit]}`;
        expect(metric.name).toBe(otel.kind === 'counter' ? `${base}_total` : `${base}_bucket`);
        expect(METRIC_ROLES.has(otel.name)).toBe(true);
      }
    });

    it('aggregate the correlator metrics across shard instances, so two shards never show twice (docs/scale.md)', () => {
      const correlator = PROMETHEUS_METRICS.filter((m) => m.source === 'correlator').map((m) => m.name);
      const using = exprs.filter((expr) => promMetricNames(expr).some((name) => correlator.includes(name)));
      expect(using.length).toBeGreaterThan(0);
      for (const expr of using) {
        // The whole expression is one aggregation whose grouping keeps neither the shard's instance nor its pod.
        const match = /^(sum|max|min|count)\s*(?:by\s*\(([^)]*)\))?\s*\(/.exec(expr);
        expect([expr, match !== null]).toEqual([expr, true]);
        const by = (match?.[2] ?? '').split(',').map((label) => label.trim());
        expect([expr, by.filter((label) => ['instance', 'pod', 'job'].includes(label))]).toEqual([expr, []]);
      }
    });

    it('use correlator metrics a running correlator exports on /metrics', async () => {
      const running = await startTestService();
      try {
        const text = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
        const exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
        for (const metric of PROMETHEUS_METRICS.filter((m) => m.source === 'correlator')) {
          expect(exported.has(metric.name) ? metric.name : `missing: ${metric.name}`).toBe(metric.name);
        }
      } finally {
        await running.dispose();
      }
    });

    it('parse in promtool (template variables substituted)', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-dashboards-'));
      try {
        const rules = exprs.map((expr, i) => ({
          record: `dashboard:expression_${i}`,
          expr: expr.replace(/\$__rate_interval/g, '5m').replace(/\$\{?(host|container|service)\}?/g, '.*'),
        }));
        const file = path.join(dir, 'rules.yml');
        writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
        const { stdout } = await run('promtool', ['check', 'rules', file]);
        expect(stdout).toContain(`SUCCESS: ${rules.length} rules found`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
