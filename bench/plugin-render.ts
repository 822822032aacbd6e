/**
 * Grafana plugin costs in headless Chromium (the browser harness of test/grafana, newest Grafana host):
 *
 *   1. spike panel render: 50,000 points and 2,000 signal markers, next to a bare uPlot render of the same points
 *      in the same page (what drawing the series costs with nothing else);
 *   2. data source query: a day of incidents (one every 2 minutes, 720, each with signals) from a real correlator
 *      through the emulated data proxy, next to a bare fetch + JSON.parse of the same API pages in the same page.
 *
 *   npm run bench:plugins [-- --runs 7 --points 50000 --markers 2000]
 *
 * Figures are medians of --runs; the ratio to the baseline is what to compare between machines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSourceApi, PanelPlugin } from '@grafana/data';
import type { Incident } from '@lockstep/contract';
import type { Page } from 'playwright-core';
import { openStore, silentLogger, startService } from '@lockstep/correlator';
import { REPO } from '../test/grafana/harness';
import type { HarnessWindow } from '../test/grafana/page';
import { lockstepDataSource, openHarness } from '../test/grafana/page';
import { testConfig } from '../test/service/harness';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    points: { type: 'string', default: '50000' },
    markers: { type: 'string', default: '2000' },
  },
});
const RUNS = Number(values.runs);
const POINTS = Number(values.points);
const MARKERS = Number(values.markers);
const DAY = 24 * 3600_000;
const T0 = Date.UTC(2026, 10, 20);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A day of correlated incidents on 20 hosts, each naming a culprit with three signals. */
function dayOfIncidents(): Incident[] {
  const incidents: Incident[] = [];
  for (let i = 0; i < 720; i++) {
    const start = T0 + i * 120_000;
    const host = `host-${i % 20}`;
    const time = new Date(start + 30_000).toISOString();
    incidents.push({
      type: 'incident',
      id: `bench-${i}`,
      status: 'resolved',
      entity: { 'host.name': host, 'service.name': `svc-${i % 5}` },
      start: new Date(start).toISOString(),
      end: new Date(start + 600_000).toISOString(),
      anomalies: [`anomaly-${i}`],
      score: 0.5 + (i % 50) / 100,
      severity: (['medium', 'high', 'critical'] as const)[i % 3] ?? 'high',
      culprit: {
        'process.pid': 1000 + i,
        'process.executable.name': 'xmrig',
        'process.executable.path': '/tmp/.x/xmrig',
        'process.command_line': '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333',
        'process.owner': 'www-data',
      },
      signals: [0, 1, 2].map((k) => ({
        source: 'falco' as const,
        rule: `Rule ${k}`,
        severity: 'high' as const,
        time,
        process: { 'process.pid': 1000 + i },
      })),
      summary: { ops: 'CPU rose.', security: 'A miner ran.', business: 'Checkout slowed.' },
    });
  }
  return incidents;
}

async function panelRender(page: Page): Promise<{ panel: number; bare: number }> {
  const uplot = readFileSync(path.join(REPO, 'node_modules', 'uplot', 'dist', 'uPlot.iife.min.js'), 'utf8');
  await page.addScriptTag({ content: uplot });
  return page.evaluate(
    async ({ points, markers, runs, t0 }) => {
      const w = window as unknown as HarnessWindow & {
        uPlot: new (o: object, d: unknown, el: HTMLElement) => { destroy(): void };
      };
      const { grafanaData } = w.__lockstepHost;
      const module = (await w.System.import('/public/plugins/lockstep-app/panel/module.js')) as {
        plugin: PanelPlugin;
      };
      const step = 1000;
      const times = Array.from({ length: points }, (_, i) => t0 + i * step);
      const valuesOf = times.map(
        (_, i) => 0.2 + 0.1 * Math.sin(i / 300) + (i > points * 0.6 && i < points * 0.7 ? 0.6 : 0),
      );
      const series = grafanaData.createDataFrame({
        name: 'series',
        fields: [
          { name: 'time', type: grafanaData.FieldType.time, values: times },
          { name: 'value', type: grafanaData.FieldType.number, values: valuesOf },
        ],
        meta: { custom: { metric: 'cpu', unit: '1', entity: { 'host.name': 'bench-host' } } },
      });
      const markerTimes = Array.from({ length: markers }, (_, i) => t0 + Math.floor((i * points * step) / markers));
      const signals = grafanaData.createDataFrame({
        name: 'signals',
        fields: [
          { name: 'time', type: grafanaData.FieldType.time, values: markerTimes },
          { name: 'source', type: grafanaData.FieldType.string, values: markerTimes.map(() => 'falco') },
          { name: 'rule', type: grafanaData.FieldType.string, values: markerTimes.map((_, i) => `Rule ${i % 17}`) },
          { name: 'severity', type: grafanaData.FieldType.string, values: markerTimes.map(() => 'high') },
          { name: 'pid', type: grafanaData.FieldType.number, values: markerTimes.map(() => 4242) },
          { name: 'process_name', type: grafanaData.FieldType.string, values: markerTimes.map(() => 'xmrig') },
        ],
      });
      const spikeStart = t0 + points * 0.6 * step;
      const spikeEnd = t0 + points * 0.7 * step;
      const culprit = { 'process.pid': 4242, 'process.executable.name': 'xmrig', 'process.owner': 'www-data' };
      const incidents = grafanaData.createDataFrame({
        name: 'incidents',
        fields: [
          { name: 'id', type: grafanaData.FieldType.string, values: ['bench'] },
          { name: 'start', type: grafanaData.FieldType.time, values: [spikeStart] },
          { name: 'end', type: grafanaData.FieldType.time, values: [spikeEnd] },
          { name: 'status', type: grafanaData.FieldType.string, values: ['resolved'] },
          { name: 'severity', type: grafanaData.FieldType.string, values: ['critical'] },
          { name: 'score', type: grafanaData.FieldType.number, values: [0.9] },
          { name: 'host', type: grafanaData.FieldType.string, values: ['bench-host'] },
          { name: 'culprit_name', type: grafanaData.FieldType.string, values: ['xmrig'] },
          { name: 'culprit_pid', type: grafanaData.FieldType.number, values: [4242] },
          { name: 'culprit', type: grafanaData.FieldType.other, values: [culprit] },
          { name: 'signals', type: grafanaData.FieldType.other, values: [[]] },
          { name: 'summary_ops', type: grafanaData.FieldType.string, values: ['CPU rose.'] },
          { name: 'summary_security', type: grafanaData.FieldType.string, values: ['A miner ran.'] },
          { name: 'summary_business', type: grafanaData.FieldType.string, values: ['Checkout slowed.'] },
        ],
      });
      const from = grafanaData.dateTime(t0);
      const to = grafanaData.dateTime(t0 + points * step);
      const data = {
        state: grafanaData.LoadingState.Done,
        series: [series, signals, incidents],
        annotations: [],
        timeRange: { from, to, raw: { from, to } },
      };
      const root = document.getElementById('root') as HTMLElement;
      const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const until = async (check: () => boolean) => {
        while (!check()) await new Promise((resolve) => setTimeout(resolve, 0));
      };
      const panel: number[] = [];
      const bare: number[] = [];
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        const rendered = w.__lockstepHost.renderPanel(root, module.plugin, {
          data,
          width: 1100,
          height: 420,
          theme: 'dark',
        });
        await until(() => root.querySelector('canvas') !== null);
        await frames();
        panel.push(performance.now() - started);
        rendered.unmount();

        const el = document.createElement('div');
        document.body.appendChild(el);
        const bareStarted = performance.now();
        const plot = new w.uPlot(
          { width: 1100, height: 420, series: [{}, { stroke: 'orange' }], scales: { x: { time: true } } },
          [times.map((t) => t / 1000), valuesOf],
          el,
        );
        await frames();
        bare.push(performance.now() - bareStarted);
        plot.destroy();
        el.remove();
      }
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      return { panel: mid(panel), bare: mid(bare) };
    },
    { points: POINTS, markers: MARKERS, runs: RUNS, t0: T0 },
  );
}

async function queryDay(page: Page): Promise<{ query: number; bare: number; rows: number }> {
  return page.evaluate(
    async ({ runs, t0, day }) => {
      const w = window as unknown as HarnessWindow;
      const host = w.__lockstepHost;
      const ds = w.__ds.lockstep as DataSourceApi;
      const range = host.timeRange(t0, t0 + day);
      const targets = [{ queryType: 'incidents', status: 'all', minScore: 0.5, limit: 1000 }];
      const query: number[] = [];
      const bare: number[] = [];
      let rows = 0;
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        const response = await host.runQuery(ds, targets, range);
        query.push(performance.now() - started);
        rows = response.series[0]?.length ?? 0;

        const bareStarted = performance.now();
        let url: string | undefined =
          `/api/datasources/proxy/uid/lockstep/lockstep/api/v1/incidents?from=${t0}&to=${t0 + day}&min_score=0.5&limit=1000`;
        while (url !== undefined) {
          const page = (await (await fetch(url)).json()) as { next?: string };
          url =
            page.next === undefined ? undefined : `${url.split('&cursor=')[0]}&cursor=${encodeURIComponent(page.next)}`;
        }
        bare.push(performance.now() - bareStarted);
      }
      const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      return { query: mid(query), bare: mid(bare), rows };
    },
    { runs: RUNS, t0: T0, day: DAY },
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-bench-plugins-'));
  const store = openStore(dataDir);
  for (const incident of dayOfIncidents()) store.putIncident(incident, true);
  store.close();
  const service = await startService(testConfig(dataDir), { log: silentLogger });
  const harness = await openHarness('grafana-13.2', [lockstepDataSource('lockstep', service.apiUrl)]);
  try {
    // tsx (esbuild, keepNames) wraps named functions in __name(); the page functions below are serialized with it.
    await harness.page.evaluate('window.__name = (fn) => fn');
    log(`panel: ${POINTS} points, ${MARKERS} markers, ${RUNS} runs...`);
    const render = await panelRender(harness.page);
    log(`query: a day of incidents (720), ${RUNS} runs...`);
    const day = await queryDay(harness.page);
    const rows = [
      [
        'spike panel render',
        `${render.panel.toFixed(1)} ms`,
        `bare uPlot ${render.bare.toFixed(1)} ms`,
        (render.panel / render.bare).toFixed(2),
      ],
      [
        `data source query (${day.rows} rows)`,
        `${day.query.toFixed(1)} ms`,
        `bare fetch+parse ${day.bare.toFixed(1)} ms`,
        (day.query / day.bare).toFixed(2),
      ],
    ];
    process.stdout.write('measure | median | baseline (same page, same run) | ratio\n');
    for (const row of rows) process.stdout.write(`${row.join(' | ')}\n`);
    if (harness.errors.length > 0) log(`page errors: ${harness.errors.join('; ')}`);
  } finally {
    await harness.close();
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
