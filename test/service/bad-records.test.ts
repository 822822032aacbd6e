import type { TestService } from './harness';
import { startTestService } from './harness';
import { falcoLine, JSON_TYPE, post } from './requests';

const NDJSON = { 'content-type': 'application/x-ndjson' };

let running: TestService;
beforeAll(async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } });
});
afterAll(() => running.dispose());

function logsRequest(host: string, records: object[]): string {
  return JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: host } }] },
        scopeLogs: [{ logRecords: records }],
      },
    ],
  });
}

const alertRecord = (timeUnixNano: string, rule: string): object => ({
  timeUnixNano,
  severityNumber: 17,
  body: { stringValue: 'miner' },
  attributes: [{ key: 'security_rule.name', value: { stringValue: rule } }],
});

test('an OTLP log record dated 9e21 ns is rejected alone; the good record of the batch is stored', async () => {
  const good = String(BigInt(Date.now() - 1000) * 1_000_000n);
  const body = logsRequest('otlp-host', [alertRecord('9e21', 'Wild time'), alertRecord(good, 'Good time')]);
  const answer = await post(`${running.service.otlpUrl}/v1/logs`, body, JSON_TYPE);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toEqual({
    partialSuccess: { rejectedLogRecords: 1, errorMessage: expect.stringMatching(/outside 1970 to year 275760/) },
  });
  const signals = (await running.service.store.listSignals({ limit: 10, host: 'otlp-host' })).items;
  expect(signals.map((s) => s.rule)).toEqual(['Good time']);
});

test('a Falco line with "evt.time": 1e25 and no time is rejected alone; the valid line is stored', async () => {
  const wild = JSON.stringify({ ...JSON.parse(falcoLine('falco-wild', 1, 0)), time: undefined, 'evt.time': 1e25 });
  const good = falcoLine('falco-good', 2, Date.now() - 1000);
  const answer = await post(`${running.service.otlpUrl}/v1/events/falco`, `${wild}\n${good}`, NDJSON);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toMatchObject({ accepted: 1, rejected: 1 });
  const hosts = (await running.service.store.listSignals({ limit: 10 })).items.map((s) => s.entity['host.name']);
  expect(hosts).toContain('falco-good');
  expect(hosts).not.toContain('falco-wild');
});

test('a process start time no Date can hold is dropped; the sample and the signal are kept', async () => {
  const line = JSON.parse(falcoLine('start-host', 3, Date.now() - 1000));
  line.output_fields['proc.pid'] = 3;
  line.output_fields['proc.start_ts'] = 1e30;
  const answer = await post(`${running.service.otlpUrl}/v1/events/falco`, JSON.stringify(line), NDJSON);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toMatchObject({ accepted: 1 });
});
