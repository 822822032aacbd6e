import { CORRELATED_SCORE } from '@lockstep/contract';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Incident } from '@lockstep/contract';
import { openStore, replay } from '@lockstep/correlator';
import { buildScenario } from '../scenarios/kinds';
import { writeScenario } from '../scenarios/write';
import { push, scenarioRequests, startTestService } from './harness';

/** What must match between replay and the service: identity, verdict and culprit. */
function essentials(incidents: Incident[]): unknown[] {
  return incidents
    .map((i) => ({
      id: i.id,
      status: i.status,
      score: i.score,
      severity: i.severity,
      anomalies: i.anomalies,
      culprit: i.culprit === null ? null : [i.culprit['process.pid'], i.culprit['process.executable.name']],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lockstep-equivalence-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a miner scenario pushed over HTTP yields the same incidents as replay on the same files', async () => {
  const scenario = buildScenario('miner', 3);
  const written = writeScenario(scenario, path.join(root, 'miner-3'));
  const replayed: Incident[] = [];
  await replay(written.files, {
    anomaly: () => {},
    incident: (incident, final) => void (final && replayed.push(incident)),
  });
  expect(replayed.some((incident) => incident.score >= CORRELATED_SCORE)).toBe(true);

  // Idle advance off: the comparison is about data time only.
  const running = await startTestService({ engine: { idle_advance_ms: 0 } });
  try {
    await push(running.service.otlpUrl, scenarioRequests(scenario));
    await running.service.close();
    // Reopened from disk: what shutdown stored is what a restarted service would serve.
    const store = openStore(running.dataDir);
    const stored = store.listIncidents({ limit: 1000 }).items;
    store.close();
    expect(essentials(stored)).toEqual(essentials(replayed));
  } finally {
    await running.dispose();
  }
}, 60_000);
