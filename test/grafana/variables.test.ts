/**
 * Template variables as Grafana passes them, in headless Chromium on both Grafana hosts: the on-call dashboard's
 * own saved variables (dashboards/oncall.json: `host`, `container`, `service`, queries "hosts", "containers",
 * "services", All by default) updated through the Lockstep data source against a real correlator, then panel
 * queries on `$host` with All, a custom all value, several hosts selected, one host, and a repeated panel's scoped
 * value. The template service answers as Grafana's (host/template-srv.ts, template-srv.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestService } from '../service/harness';
import { push, scenarioRequests, startTestService } from '../service/harness';
import type { HostName } from './harness';
import { HOSTS, REPO, hostInstalled } from './harness';
import { ALL_VALUE } from './host/template-srv';
import type { SavedVariable } from './host/variable-models';
import type { FrameDTO, HarnessPage, Range } from './page';
import { loadVariables, lockstepDataSource, openHarness, runQuery, selectVariable } from './page';
import type { Culprit } from './scenario';
import { minerScenario } from './scenario';

jest.setTimeout(120_000);

const TOKEN = 'harness-token-9a41e2';
const SAVED = (
  JSON.parse(readFileSync(path.join(REPO, 'dashboards', 'oncall.json'), 'utf8')) as {
    templating: { list: SavedVariable[] };
  }
).templating.list;

let correlator: TestService;
let culprits: Culprit[];
/** Both scenarios' data, as a dashboard's time range. */
let range: Range;

beforeAll(async () => {
  for (const host of HOSTS) {
    if (!hostInstalled(host)) throw new Error(`Grafana host ${host} is not installed: run scripts/grafana-hosts.sh`);
  }
  correlator = await startTestService({ api: { token: TOKEN }, engine: { idle_advance_ms: 0 } });
  const scenarios = [minerScenario(1), minerScenario(2)].sort(
    (a, b) => a.scenario.window.from - b.scenario.window.from,
  );
  if (scenarios[0]?.culprit.host === scenarios[1]?.culprit.host) throw new Error('pick seeds with different hosts');
  for (const { scenario } of scenarios) await push(correlator.service.otlpUrl, scenarioRequests(scenario));
  culprits = scenarios.map((s) => s.culprit);
  range = { from: scenarios[0]?.scenario.window.from ?? 0, to: (scenarios[1]?.scenario.window.to ?? 0) + 60_000 };
  for (const culprit of culprits) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const url = `${correlator.service.apiUrl}/api/v1/incidents?host=${encodeURIComponent(culprit.host)}&min_score=0.5`;
      const answer = (await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
        items: unknown[];
      };
      if (answer.items.length > 0) break;
      if (Date.now() > deadline) throw new Error(`no correlated incident stored for ${culprit.host}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});

afterAll(async () => {
  await correlator?.dispose();
});

function field(frames: FrameDTO[], name: string): unknown[] {
  return frames
    .filter((f) => f.name === 'incidents')
    .flatMap((f) => f.fields.find((x) => x.name === name)?.values ?? []);
}

describe.each(HOSTS)('template variables on %s', (host: HostName) => {
  let harness: HarnessPage;
  const incidents = [{ queryType: 'incidents', host: '$host', status: 'all', minScore: 0.5 }];

  /** The `host` filter of each request the data proxy forwarded to the incidents route since `from`. */
  const hostFilters = (from: number): Array<string | null> =>
    harness.server.forwarded
      .slice(from)
      .map((r) => new URL(r.target))
      .filter((u) => u.pathname === '/api/v1/incidents')
      .map((u) => u.searchParams.get('host'));

  beforeAll(async () => {
    harness = await openHarness(host, [lockstepDataSource('lockstep', correlator.service.apiUrl, TOKEN)]);
  });

  beforeEach(async () => {
    // The dashboard as saved, freshly loaded: every variable updated, All selected.
    await loadVariables(harness.page, 'lockstep', SAVED, range);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it("the on-call dashboard's saved variable queries list the correlator's entities, host at All", async () => {
    const before = harness.server.forwarded.length;
    const models = await loadVariables(harness.page, 'lockstep', SAVED, range);
    const hostVariable = models.find((v) => v.name === 'host');
    expect(SAVED.find((v) => v.name === 'host')).toMatchObject({ type: 'query', query: 'hosts', includeAll: true });
    expect(hostVariable?.current.value).toBe(ALL_VALUE);
    const hosts = culprits.map((c) => c.host).sort((a, b) => a.localeCompare(b));
    expect(hostVariable?.options.map((o) => o.value)).toEqual([ALL_VALUE, ...hosts]);
    // One entities request per variable, over the dashboard's range, for the kind its saved query names.
    const asked = harness.server.forwarded.slice(before).map((r) => new URL(r.target));
    expect(asked.map((u) => [u.pathname, u.searchParams.get('kind')])).toEqual(
      ['hosts', 'containers', 'services'].map((kind) => ['/api/v1/entities', kind]),
    );
    for (const url of asked) expect(url.searchParams.get('from')).toBe(String(range.from));
  });

  it('All (the default) sends no host filter, and the panel shows every host', async () => {
    const before = harness.server.forwarded.length;
    const result = await runQuery(harness.page, 'lockstep', incidents, range);
    expect(result.error).toBeUndefined();
    expect(hostFilters(before)).toEqual([null]);
    expect(new Set(field(result.frames, 'culprit_pid'))).toEqual(new Set(culprits.map((c) => c.pid)));
  });

  it('All with a custom all value (*) sends no host filter either', async () => {
    const custom = SAVED.map((v) => (v.name === 'host' ? { ...v, allValue: '*' } : v));
    await loadVariables(harness.page, 'lockstep', custom, range);
    const before = harness.server.forwarded.length;
    const result = await runQuery(harness.page, 'lockstep', incidents, range);
    expect(result.error).toBeUndefined();
    expect(hostFilters(before)).toEqual([null]);
  });

  it('several hosts selected: one request per host, the rows of both', async () => {
    const multi = SAVED.map((v) => (v.name === 'host' ? { ...v, multi: true } : v));
    await loadVariables(harness.page, 'lockstep', multi, range);
    await selectVariable(
      harness.page,
      'host',
      culprits.map((c) => c.host),
    );
    const before = harness.server.forwarded.length;
    const result = await runQuery(harness.page, 'lockstep', incidents, range);
    expect(result.error).toBeUndefined();
    expect(hostFilters(before).sort()).toEqual(culprits.map((c) => c.host).sort());
    expect(new Set(field(result.frames, 'culprit_pid'))).toEqual(new Set(culprits.map((c) => c.pid)));
  });

  it("one host selected, and a repeated panel's scoped host over the dashboard's All", async () => {
    const [first, second] = culprits as [Culprit, Culprit];
    await selectVariable(harness.page, 'host', first.host);
    let before = harness.server.forwarded.length;
    const one = await runQuery(harness.page, 'lockstep', incidents, range);
    expect(hostFilters(before)).toEqual([first.host]);
    expect(field(one.frames, 'culprit_pid')).toEqual([first.pid]);

    await selectVariable(harness.page, 'host', ALL_VALUE);
    before = harness.server.forwarded.length;
    const scoped = { host: { text: second.host, value: second.host } };
    const repeated = await runQuery(harness.page, 'lockstep', incidents, range, scoped);
    expect(hostFilters(before)).toEqual([second.host]);
    expect(field(repeated.frames, 'culprit_pid')).toEqual([second.pid]);
  });

  it('a variable query chained on $host asks for the selected host only', async () => {
    const [first] = culprits as [Culprit];
    // As saved after picking a host: the later variable's query names the earlier variable.
    const chained: SavedVariable[] = [
      ...SAVED.filter((v) => v.name === 'host').map((v) => ({
        ...v,
        current: { text: first.host, value: first.host },
      })),
      { name: 'box', type: 'query', query: { kind: 'containers', host: '$host' }, current: { text: '', value: '' } },
    ];
    const before = harness.server.forwarded.length;
    const models = await loadVariables(harness.page, 'lockstep', chained, range);
    expect(models[0]?.current.value).toBe(first.host);
    const asked = harness.server.forwarded.slice(before).map((r) => new URL(r.target).searchParams);
    expect(asked.map((p) => [p.get('kind'), p.get('host')])).toEqual([
      ['hosts', null],
      ['containers', first.host],
    ]);
  });
});
