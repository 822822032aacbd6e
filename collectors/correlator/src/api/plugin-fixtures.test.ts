import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { send } from './__fixtures__/app';
import type { TestApi } from './__fixtures__/app';
import { scenarioApi } from './__fixtures__/scenario';

/**
 * The Grafana data source's tests run on real answers of this API: this test asks the API over the example
 * scenario and compares with the answers the plugin's tests read. When the API changes on purpose, regenerate them:
 *   UPDATE_PLUGIN_FIXTURES=1 npm run jest -- collectors/correlator/src/api/plugin-fixtures
 */
const FIXTURE = path.resolve(
  __dirname,
  '../../../../plugins/lockstep-app/src/datasource/__fixtures__/api-answers.json',
);
const TOKEN = 'fixture-token';
const RANGE = 'from=2026-04-23T09:00:00.000Z&to=2026-04-23T12:00:00.000Z';

/** name → path (query string included) as the data source sends it. */
const REQUESTS: Record<string, string> = {
  incidents: `/api/v1/incidents?${RANGE}&limit=100`,
  incidentsFirstPage: `/api/v1/incidents?${RANGE}&limit=1`,
  incident: '/api/v1/incidents/inc_8672e622071b1709',
  incidentsOpen: '/api/v1/incidents?status=open&correlated=true&limit=1000',
  anomalies: `/api/v1/anomalies?${RANGE}&limit=100`,
  anomaliesOfIncident: `/api/v1/anomalies?${RANGE}&host=api-8&limit=1000`,
  signals: `/api/v1/signals?${RANGE}&limit=100`,
  timelineCpu: `/api/v1/timeline?${RANGE}&host=api-8&metric=cpu`,
  timelineLatency: `/api/v1/timeline?${RANGE}&host=api-8&service=payments&metric=latency`,
  kpis: `/api/v1/kpis?${RANGE}&step=3600000`,
  hosts: `/api/v1/entities?${RANGE}&kind=hosts`,
  containers: `/api/v1/entities?${RANGE}&kind=containers`,
  services: `/api/v1/entities?${RANGE}&kind=services`,
  changes: `/api/v1/changes?${RANGE}&limit=100`,
  changesOfHost: `/api/v1/changes?${RANGE}&host=web-1&limit=1000`,
  findings: '/api/v1/findings?status=open&limit=100',
  assets: `/api/v1/assets?${RANGE}`,
  unknownIncident: '/api/v1/incidents/inc_nope',
  badLimit: '/api/v1/incidents?limit=5000',
  missingHost: '/api/v1/timeline?metric=cpu',
  noToken: '/api/v1/incidents?limit=1',
  openapi: '/api/v1/openapi.json',
};

interface Answer {
  path: string;
  status: number;
  body: unknown;
}

/** The OpenAPI document is long; the data source reads its title, version and paths only. */
function trimmed(name: string, body: unknown): unknown {
  if (name !== 'openapi') return body;
  const doc = body as { openapi: string; info: unknown; paths: Record<string, unknown> };
  return {
    openapi: doc.openapi,
    info: doc.info,
    paths: Object.fromEntries(Object.keys(doc.paths).map((p) => [p, {}])),
  };
}

describe('answers the Grafana data source tests read', () => {
  let api: TestApi;
  let answers: Record<string, Answer>;
  beforeAll(async () => {
    api = await scenarioApi(TOKEN);
    answers = {};
    for (const [name, rawPath] of Object.entries(REQUESTS)) {
      const auth: Record<string, string> = name === 'noToken' ? {} : { authorization: `Bearer ${TOKEN}` };
      const answer = await send(api, 'GET', rawPath, auth);
      answers[name] = { path: rawPath, status: answer.status, body: trimmed(name, answer.body) };
    }
    // Page two of the incidents, by the cursor page one returned.
    const next = (answers.incidentsFirstPage?.body as { next?: string }).next ?? '';
    const page2 = `${REQUESTS.incidentsFirstPage}&cursor=${encodeURIComponent(next)}`;
    const second = await send(api, 'GET', page2, { authorization: `Bearer ${TOKEN}` });
    answers.incidentsSecondPage = { path: page2, status: second.status, body: second.body };
  });
  afterAll(() => api.close());

  it('cover a correlated incident with its culprit, a paged list and each kind of error', () => {
    expect(answers.incident).toMatchObject({
      status: 200,
      body: { culprit: { 'process.executable.name': 'xmrig', 'process.pid': 52747 }, score: 0.9 },
    });
    expect(answers.incidentsFirstPage?.body).toMatchObject({ next: expect.any(String) });
    expect(answers.incidentsSecondPage?.body).not.toHaveProperty('next');
    expect(answers.timelineCpu?.body).toMatchObject({ unit: '1', series: expect.arrayContaining([expect.anything()]) });
    expect(
      [answers.unknownIncident, answers.badLimit, answers.missingHost, answers.noToken].map((a) => a?.status),
    ).toEqual([404, 400, 400, 401]);
  });

  it('are the ones in the plugin (regenerate with UPDATE_PLUGIN_FIXTURES=1)', async () => {
    if (process.env.UPDATE_PLUGIN_FIXTURES === '1') {
      const prettier = await import('prettier');
      const text = await prettier.format(JSON.stringify(answers), { parser: 'json', printWidth: 120 });
      writeFileSync(FIXTURE, text);
    }
    expect(JSON.parse(readFileSync(FIXTURE, 'utf8'))).toEqual(answers);
  });
});
