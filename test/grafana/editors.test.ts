/**
 * The plugins' editors and configuration pages in headless Chromium on both Grafana hosts (12.3 on React 18,
 * 13.2 on React 19), mounted with the props Grafana gives them and driven as a user would: the query, variable
 * and annotation editors of the data source, its config editor with Save & test, and the app's configuration
 * page. Each resulting query or settings object then runs through the data source against a real correlator.
 */
import type { TestService } from '../service/harness';
import { push, scenarioRequests, startTestService } from '../service/harness';
import { editorLog, mountEditor, saveAndTest } from './editors-page';
import type { HostName } from './harness';
import { HOSTS, hostInstalled } from './harness';
import { customVariable } from './host/variable-models';
import type { HarnessPage, Range } from './page';
import { loadVariables, lockstepDataSource, openHarness, runAnnotation, runQuery } from './page';
import type { Culprit } from './scenario';
import { minerScenario } from './scenario';

jest.setTimeout(120_000);

const TOKEN = 'harness-token-e7c2b4';

let correlator: TestService;
let miner: { culprit: Culprit; range: Range };

beforeAll(async () => {
  for (const host of HOSTS) {
    if (!hostInstalled(host)) throw new Error(`Grafana host ${host} is not installed: run scripts/grafana-hosts.sh`);
  }
  correlator = await startTestService({ api: { token: TOKEN }, engine: { idle_advance_ms: 0 } });
  const { scenario, culprit } = minerScenario(1);
  await push(correlator.service.otlpUrl, scenarioRequests(scenario));
  miner = { culprit, range: { from: scenario.window.from, to: scenario.window.to + 60_000 } };
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
});

afterAll(async () => {
  await correlator?.dispose();
});

describe.each(HOSTS)('the editors and configuration pages on %s', (host: HostName) => {
  let harness: HarnessPage;

  beforeAll(async () => {
    harness = await openHarness(
      host,
      [
        lockstepDataSource('lockstep', correlator.service.apiUrl, TOKEN),
        lockstepDataSource('other', correlator.service.apiUrl, TOKEN),
        // Added by hand (not provisioned): its settings page can save it.
        { ...lockstepDataSource('fresh', ''), readOnly: false },
      ],
      { variables: [customVariable('host', [miner.culprit.host, 'db-1'], miner.culprit.host)] },
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('query editor: a query type, a host variable and a metric, each handed back; the query then runs', async () => {
    const { page } = harness;
    await mountEditor(page, 'query', { uid: 'lockstep', initial: { refId: 'A' }, range: miner.range });
    await page.getByRole('radio', { name: 'Entity timeline' }).click();
    await page.getByLabel('Host', { exact: true }).fill('$host');
    await page.getByLabel('Host', { exact: true }).blur();
    await page.getByRole('radio', { name: 'Latency' }).click();
    await page.getByRole('radio', { name: 'CPU' }).click();
    let log = await editorLog(page);
    expect(log.changes[0]).toEqual({ refId: 'A', queryType: 'timeline' });
    expect(log.value).toEqual({ refId: 'A', queryType: 'timeline', host: '$host', metric: 'cpu' });
    // Choosing runs the query; typing does not, leaving the field does.
    expect(log.runs).toBe(4);
    const timeline = await runQuery(page, 'lockstep', [log.value as Record<string, unknown>], miner.range);
    expect(timeline.error).toBeUndefined();
    expect(timeline.frames.find((f) => f.name === 'series')?.fields.length).toBeGreaterThan(1);

    // Incidents with a minimum score: typed, clamped to 0..1 when the field is left.
    await page.getByRole('radio', { name: 'Incidents' }).click();
    await page.getByLabel('Min score').fill('5');
    await page.getByLabel('Min score').blur();
    log = await editorLog(page);
    expect(log.value).toMatchObject({ queryType: 'incidents', host: '$host', minScore: 1 });
    await page.getByLabel('Min score').fill('0.5');
    await page.getByLabel('Min score').blur();
    log = await editorLog(page);
    expect(await page.getByLabel('Min score').inputValue()).toBe('0.5');
    const incidents = await runQuery(page, 'lockstep', [log.value as Record<string, unknown>], miner.range);
    const pids = incidents.frames.find((f) => f.name === 'incidents')?.fields.find((f) => f.name === 'culprit_pid');
    expect(pids?.values).toContain(miner.culprit.pid);
  });

  it('variable editor: the saved query "hosts" shows as Hosts; containers of $host is handed back and runs', async () => {
    const { page } = harness;
    await mountEditor(page, 'variable', { uid: 'lockstep', initial: 'hosts', range: miner.range });
    expect(await page.getByRole('radio', { name: 'Hosts' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Containers' }).click();
    await page.getByLabel('Host', { exact: true }).fill('$host');
    await page.getByLabel('Host', { exact: true }).blur();
    const log = await editorLog(page);
    expect(log.changes[0]).toEqual({ refId: 'LockstepVariable', kind: 'containers' });
    expect(log.value).toEqual({ refId: 'LockstepVariable', kind: 'containers', host: '$host' });
    const before = harness.server.forwarded.length;
    const saved = [
      { name: 'host', type: 'custom', current: { text: miner.culprit.host, value: miner.culprit.host } },
      {
        name: 'container',
        type: 'query',
        query: log.value,
        includeAll: true,
        current: { text: 'All', value: '$__all' },
      },
    ];
    const [, containers] = await loadVariables(page, 'lockstep', saved, miner.range);
    const asked = harness.server.forwarded.slice(before).map((r) => new URL(r.target).searchParams);
    expect(asked.map((p) => [p.get('kind'), p.get('host')])).toEqual([['containers', miner.culprit.host]]);
    expect(containers?.options[0]?.value).toBe('$__all');
  });

  it('annotation editor: incidents with a minimum score, then Falco signals on a host; the annotation runs', async () => {
    const { page } = harness;
    await mountEditor(page, 'annotation', { uid: 'lockstep', initial: { refId: 'Anno' }, range: miner.range });
    await page.getByRole('radio', { name: 'Incidents' }).click();
    await page.getByLabel('Min score').fill('0.8');
    await page.getByLabel('Min score').blur();
    let log = await editorLog(page);
    expect(log.value).toMatchObject({ refId: 'Anno', queryType: 'incidents', minScore: 0.8 });
    await page.getByRole('radio', { name: 'Security signals' }).click();
    await page.getByRole('radio', { name: 'falco' }).click();
    await page.getByLabel('Host', { exact: true }).fill(miner.culprit.host);
    await page.getByLabel('Host', { exact: true }).blur();
    log = await editorLog(page);
    expect(log.value).toMatchObject({ queryType: 'signals', source: 'falco', host: miner.culprit.host });
    const events = await runAnnotation(page, 'lockstep', log.value as Record<string, unknown>, miner.range);
    expect(events.length).toBeGreaterThan(0);
    const words = events.map((e) => `${e.title ?? ''} ${e.text ?? ''}`).join('\n');
    for (const rule of miner.culprit.rules) expect(words).toContain(rule);
  });

  it('config editor: URL and token typed, Save & test passes through the proxy, the token is never read back', async () => {
    const { page } = harness;
    await mountEditor(page, 'config', { uid: 'fresh' });
    await page.getByLabel('Correlator URL').fill(` ${correlator.service.apiUrl} `);
    await page.getByLabel('API token').fill(TOKEN);
    let log = await editorLog(page);
    const options = log.value as { jsonData: { url: string }; secureJsonData: { apiToken: string } };
    expect(options.jsonData).toEqual({ url: correlator.service.apiUrl });
    expect(options.secureJsonData).toEqual({ apiToken: TOKEN });

    const result = await saveAndTest(page, 'fresh', options);
    expect(result).toMatchObject({ status: 'success', message: expect.stringMatching(/^Connected to Lockstep /) });
    expect(result.saved).toMatchObject({
      jsonData: { url: correlator.service.apiUrl },
      secureJsonFields: { apiToken: true },
    });
    expect(JSON.stringify(result.saved)).not.toContain(TOKEN);
    expect(harness.server.api.datasources.find((d) => d.uid === 'fresh')?.secureJsonData).toEqual({ apiToken: TOKEN });

    // Opened again: the token shows as configured; Reset hands back an emptied secret.
    await mountEditor(page, 'config', { uid: 'fresh' });
    await page.getByRole('button', { name: 'Reset' }).click();
    log = await editorLog(page);
    expect(log.value).toMatchObject({ secureJsonFields: { apiToken: false }, secureJsonData: { apiToken: '' } });
    const cleared = await saveAndTest(page, 'fresh', log.value);
    expect(cleared.status).toBe('error');
    expect(cleared.message).toMatch(/refused the API token/);
  });

  it("the app's configuration page: another data source chosen and saved, the app kept enabled", async () => {
    const { page } = harness;
    const before = harness.server.api.app;
    try {
      await mountEditor(page, 'app-config', {});
      const picker = page.getByTestId('lockstep-config-datasource');
      expect(await picker.inputValue()).toBe('Lockstep lockstep');
      await picker.click();
      await page.getByRole('option', { name: 'Lockstep other' }).click();
      // Saving reloads the page, as the config page does so the app's pages use the new data source.
      await Promise.all([page.waitForEvent('load'), page.getByTestId('lockstep-config-submit').click()]);
      expect(harness.server.api.app).toEqual({ enabled: true, pinned: true, jsonData: { datasourceUid: 'other' } });
      await harness.setup();
      await mountEditor(page, 'app-config', {});
      expect(await page.getByTestId('lockstep-config-datasource').inputValue()).toBe('Lockstep other');

      // A data source that was deleted since: the page says so.
      harness.server.api.app = { ...harness.server.api.app, jsonData: { datasourceUid: 'deleted' } };
      await mountEditor(page, 'app-config', {});
      await page.getByText('The configured data source is gone').waitFor();
    } finally {
      harness.server.api.app = before;
    }
  });

  it('logged no error in the page while they were driven', () => {
    expect(harness.errors).toEqual([]);
  });
});
