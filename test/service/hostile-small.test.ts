import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { TestService } from './harness';
import { startTestService } from './harness';
import { falcoLine, JSON_TYPE, post } from './requests';

let running: TestService;
beforeAll(async () => {
  running = await startTestService({ engine: { idle_advance_ms: 0 } });
  const alert = falcoLine('seed', 1, Date.now() - 60_000);
  await post(`${running.service.otlpUrl}/v1/events/falco`, alert, { 'content-type': 'application/x-ndjson' });
  await running.service.pipeline.flush();
});
afterAll(() => running.dispose());

/** Writes `request` on a raw connection and returns what the server answers before closing it. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 3_000);
  });
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a gzip member followed by junk bytes is a 400', async () => {
  const body = Buffer.concat([gzipSync('{"resourceMetrics":[]}'), Buffer.alloc(16)]);
  const answer = await post(`${running.service.otlpUrl}/v1/metrics`, body, {
    ...JSON_TYPE,
    'content-encoding': 'gzip',
  });
  expect(answer.status).toBe(400);
  expect(answer.body.toString()).toMatch(/16 bytes follow its last member/);
});

test('invalid UTF-8 in OTLP JSON is a 400; in an event line it is that line rejected', async () => {
  const bad = Buffer.concat([Buffer.from('{"resourceMetrics":[],"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
  const otlp = await post(`${running.service.otlpUrl}/v1/metrics`, bad, JSON_TYPE);
  expect(otlp.status).toBe(400);
  expect(otlp.body.toString()).toMatch(/not valid UTF-8/);
  const line = Buffer.from(falcoLine('utf8', 2, Date.now() - 1000));
  const mixed = Buffer.concat([
    line,
    Buffer.from('\n'),
    Buffer.from(falcoLine('\u00ff', 3, 0)).subarray(0, 40),
    Buffer.from([0xff, 0x0a]),
  ]);
  const events = await post(`${running.service.otlpUrl}/v1/events/falco`, mixed, {
    'content-type': 'application/x-ndjson',
  });
  expect(events.status).toBe(200);
  expect(JSON.parse(events.body.toString())).toMatchObject({
    accepted: 1,
    rejected: 1,
    errors: ['line 2: not valid UTF-8'],
  });
});

test.each([
  ['[-1,""]', b64([-1, ''])],
  ['an anomalies cursor on /incidents', b64(['anomalies', Date.now(), 'an_0123456789abcdef'])],
  ['a cursor the API never wrote', 'bm9wZQ'],
])('a made-up cursor (%s) is a 400', async (_name, cursor) => {
  const answer = await fetch(`${running.service.apiUrl}/api/v1/incidents?cursor=${cursor}`);
  expect(answer.status).toBe(400);
  expect(await answer.json()).toEqual({ error: expect.stringMatching(/cursor is not one this API returned/) });
});

test('TRACE on an API route is a 405 with Allow', async () => {
  const answer = await raw(
    running.service.apiUrl,
    'TRACE /api/v1/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
  );
  expect(answer).toMatch(/^HTTP\/1.1 405 /);
  expect(answer.toLowerCase()).toMatch(/allow: get, head/);
});

test.each([
  ['400, bad percent-encoding', 'GET /api/v1/incidents/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
  [
    '414, an over-long id',
    `GET /api/v1/incidents/${'i'.repeat(200)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    414,
  ],
  ['431, headers too large', `GET /api/v1/incidents HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ['400, not HTTP at all', 'HELLO\r\n\r\n', 400],
])('%s: the answer carries no-store, nosniff and an error sentence', async (_name, request, status) => {
  const answer = await raw(running.service.apiUrl, request);
  const [head, body] = answer.split('\r\n\r\n');
  expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
  expect(head?.toLowerCase()).toMatch(/cache-control: no-store/);
  expect(head?.toLowerCase()).toMatch(/x-content-type-options: nosniff/);
  expect(JSON.parse(body ?? '')).toEqual({ error: expect.any(String) });
});
