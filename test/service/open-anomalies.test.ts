import type { Anomaly } from '@lockstep/contract';
import { parseAnomaly } from '@lockstep/contract';
import type { Scenario } from '../scenarios/kinds';
import { buildScenario } from '../scenarios/kinds';
import { MINUTE } from '../scenarios/world';
import { push, scenarioRequests, startTestService } from './harness';

/** The scenario's requests up to `cut` (data time): a prefix of the requests of any later cut. */
function until(scenario: Scenario, cut: number): ReturnType<typeof scenarioRequests> {
  return scenarioRequests({
    ...scenario,
    window: { ...scenario.window, to: cut },
    falco: scenario.falco.filter((entry) => entry.time <= cut),
  });
}

test('GET /api/v1/anomalies shows an open spike with its contributors, kept current while it lasts', async () => {
  const scenario = buildScenario('miner', 3);
  const culprit = scenario.expect.culprit;
  const minerStart = scenario.host.processes.find((p) => p.pid === culprit?.pid)?.start ?? scenario.window.to;
  const early = until(scenario, minerStart + 90_000);
  const later = until(scenario, minerStart + 4 * MINUTE);
  const running = await startTestService({ engine: { idle_advance_ms: 0 } });
  try {
    const openSpike = async (): Promise<Anomaly | undefined> => {
      await running.service.pipeline.writer.written();
      const url = `${running.service.apiUrl}/api/v1/anomalies?host=${scenario.host.name}&metric=cpu`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: unknown[] };
      const anomalies = items.map((item) => {
        const parsed = parseAnomaly(item);
        if (!parsed.ok) throw new Error(parsed.error);
        return parsed.value;
      });
      return anomalies.find((anomaly) => anomaly.end === null && Date.parse(anomaly.start) <= minerStart + MINUTE);
    };
    await push(running.service.otlpUrl, early);
    const first = await openSpike();
    expect(first?.contributors.length).toBeGreaterThan(0);
    await push(running.service.otlpUrl, later.slice(early.length));
    const second = await openSpike();
    // Still open, measured again: the miner now leads, with a share a reader can act on.
    expect(second?.end).toBeNull();
    expect(second?.contributors[0]?.process).toMatchObject({
      'process.pid': culprit?.pid,
      'process.executable.name': culprit?.name,
    });
    expect(second?.contributors[0]?.share).toBeGreaterThan(0.5);
    if (second?.id === first?.id) expect(JSON.stringify(second)).not.toBe(JSON.stringify(first));
  } finally {
    await running.dispose();
  }
});
