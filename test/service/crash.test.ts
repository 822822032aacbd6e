import { CORRELATED_SCORE } from '@lockstep/contract';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '@lockstep/correlator';
import { buildScenario } from '../scenarios/kinds';
import type { ServeChild } from './child';
import { spawnServe } from './child';
import { push, scenarioRequests } from './harness';

let dataDir: string;
let serving: ServeChild | undefined;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-crash-'));
});
afterAll(() => {
  serving?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function correlatedOpened(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^lockstep_correlated_incidents_opened_total\{[^}]*\} (\d+)$/gm)) {
    total += Number(match[1]);
  }
  return total;
}

test('an incident acknowledged before kill -9 is still there after a restart; SIGTERM then exits cleanly', async () => {
  serving = await spawnServe(dataDir);
  const requests = scenarioRequests(buildScenario('miner', 3));
  await push(serving.otlpUrl, requests);
  expect(await correlatedOpened(serving.apiUrl)).toBeGreaterThan(0);
  serving.child.kill('SIGKILL');
  expect(await serving.exited).toBeNull();

  serving = await spawnServe(dataDir);
  expect((await fetch(`${serving.apiUrl}/readyz`)).status).toBe(200);
  // The restarted service serves the incident through the query API.
  const listed = (await (await fetch(`${serving.apiUrl}/api/v1/incidents`)).json()) as { items: { score: number }[] };
  expect(listed.items.some((incident) => incident.score >= CORRELATED_SCORE)).toBe(true);
  serving.child.kill('SIGTERM');
  expect(await serving.exited).toBe(0);
  expect(serving.logs.join('\n')).toMatch(/stopped cleanly/);
  serving = undefined;

  const store = openStore(dataDir);
  try {
    const incidents = store.listIncidents({ limit: 10, minScore: CORRELATED_SCORE }).items;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.culprit?.['process.executable.name']).toBeDefined();
  } finally {
    store.close();
  }
}, 60_000);

test('a configuration error is a sentence naming the key and exit status 2', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures', 'lockstep-cli.ts'), 'serve', '--otlp-listen', 'nowhere'],
    { encoding: 'utf8', timeout: 20_000 },
  );
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/otlp\.listen: expected HOST:PORT/);
});
