import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestService } from './harness';
import { startTestService } from './harness';
import { falcoLine, JSON_TYPE, post, utilizationRequest } from './requests';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'cryptominer');
const NDJSON = { 'content-type': 'application/x-ndjson' };
const SECOND = 1000;

let running: TestService | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

/** Posts the shipped cryptominer scenario as a shipper would: the metrics lines, then the Falco alerts. */
async function pushExample(otlp: string): Promise<void> {
  for (const line of readFileSync(path.join(EXAMPLE, 'metrics.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const answer = await post(`${otlp}/v1/metrics`, line, JSON_TYPE);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).not.toMatch(/dropped|rejected/);
  }
  const falco = await post(`${otlp}/v1/events/falco`, readFileSync(path.join(EXAMPLE, 'falco.jsonl')), NDJSON);
  expect(falco.status).toBe(200);
}

async function correlated(service: TestService): Promise<number> {
  await service.service.pipeline.flush();
  const page = await service.service.store.listIncidents({ limit: 100, minScore: 0.5 });
  return page.items.length;
}

test('a point dated 1e30 ns from one host is rejected and every other host keeps correlating', async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } });
  const otlp = running.service.otlpUrl;
  const now = Date.now();
  for (const [i, time] of [now - 20 * SECOND, now - 10 * SECOND].entries()) {
    expect(
      (await post(`${otlp}/v1/metrics`, utilizationRequest('clock-host', time, 0.1 + i / 10), JSON_TYPE)).status,
    ).toBe(200);
  }
  const wild = utilizationRequest('clock-host', now, 0.5).replace(/"timeUnixNano":"\d+"/, '"timeUnixNano":"1e30"');
  const answer = await post(`${otlp}/v1/metrics`, wild, JSON_TYPE);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toEqual({
    partialSuccess: { rejectedDataPoints: 1, errorMessage: expect.stringMatching(/outside 1970 to year 275760/) },
  });
  await pushExample(otlp);
  expect(await correlated(running)).toBe(1);
  const metrics = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
  expect(metrics).toMatch(/lockstep_rejected_total\{receiver="otlp_metrics",reason="malformed"\} 1\n/);
  expect(metrics).toMatch(/lockstep_dropped_total\{receiver="otlp_metrics",reason="late"\} 0\n/);
});

test('a host whose clock runs ahead moves only its own time; one years ahead is rejected per point', async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } });
  const otlp = running.service.otlpUrl;
  const now = Date.now();
  // Four minutes ahead: within max_future_ms, so taken, and the host's own time; a year ahead: refused.
  expect(
    (await post(`${otlp}/v1/metrics`, utilizationRequest('fast-host', now + 4 * 60 * SECOND, 0.2), JSON_TYPE)).status,
  ).toBe(200);
  const year = await post(
    `${otlp}/v1/metrics`,
    utilizationRequest('fast-host', now + 365 * 86_400 * SECOND, 0.2),
    JSON_TYPE,
  );
  expect(JSON.parse(year.body.toString())).toEqual({
    partialSuccess: {
      rejectedDataPoints: 1,
      errorMessage: "1 items were dated more than 300 s after the correlator's clock and were rejected",
    },
  });
  for (const offset of [-20, -10, 0]) {
    const answer = await post(
      `${otlp}/v1/metrics`,
      utilizationRequest('honest-host', now + offset * SECOND, 0.2),
      JSON_TYPE,
    );
    expect(answer.body.toString()).toBe('{}');
  }
  const metrics = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
  expect(metrics).toMatch(/lockstep_rejected_total\{receiver="otlp_metrics",reason="future"\} 1\n/);
});

test('a Falco alert dated 2255 is rejected and does not date the auth lines of other hosts', async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } });
  const otlp = running.service.otlpUrl;
  const future = await post(
    `${otlp}/v1/events/falco`,
    falcoLine('far-host', 1, Date.parse('2255-01-01T00:00:00Z')),
    NDJSON,
  );
  expect(future.status).toBe(200);
  expect(JSON.parse(future.body.toString())).toMatchObject({ accepted: 0, rejected: 1 });
  // A line written two minutes ago (a fixed hour of today would lie in the future when the suite runs before it).
  const written = new Date(Date.now() - 2 * 60 * SECOND);
  const month = written.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(written.getUTCDate()).padStart(2, ' ');
  const clock = written.toISOString().slice(11, 19);
  const line = `${month} ${day} ${clock} web-9 sshd[811]: Failed password for root from 203.0.113.7 port 50022 ssh2`;
  const auth = await post(`${otlp}/v1/events/auth`, line, NDJSON);
  expect(auth.status).toBe(200);
  const signals = (await running.service.store.listSignals({ limit: 10, host: 'web-9' })).items;
  expect(signals).toHaveLength(1);
  expect(new Date((signals[0] as { time: string }).time).getUTCFullYear()).toBeLessThan(2255);
});
