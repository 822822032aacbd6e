import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { TestService } from './harness';
import { startTestService } from './harness';
import { falcoLine, post } from './requests';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const T0 = Date.now() - 60_000;

let running: TestService | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await running?.dispose();
  running = undefined;
});

/** A raw connection to the ingest listener that sends `head` and whatever the test writes next. */
function open(url: string, head: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      resolve(socket);
    });
    socket.on('error', reject);
    sockets.push(socket);
  });
}

/** Everything the server writes on `socket` until it closes it (or `ms` pass). */
function answerOf(socket: Socket, ms = 10_000): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve(text), ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

const upload = (length: number): string =>
  `POST /v1/events/falco HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${length}\r\n\r\n`;

test('eight uploads that declare 16 MiB and send one byte lock nobody out', async () => {
  running = await startTestService({ limits: { body_idle_timeout_ms: 60_000 } });
  const otlp = running.service.otlpUrl;
  for (let i = 0; i < 8; i++) (await open(otlp, upload(16 << 20))).write('{');
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let i = 0; i < 5; i++) {
    const answer = await post(`${otlp}/v1/events/falco`, falcoLine(`other-${i}`, i + 1, T0), NDJSON);
    expect(answer.status).toBe(200);
  }
});

test('a Content-Length longer than the body is answered 408 once the body stalls', async () => {
  running = await startTestService({ limits: { body_idle_timeout_ms: 300 } });
  const line = falcoLine('short', 1, T0);
  const socket = await open(running.service.otlpUrl, upload(line.length + 100));
  socket.write(line);
  const answer = await answerOf(socket);
  expect(answer).toMatch(/^HTTP\/1.1 408 /);
  expect(answer).toMatch(/no byte of the body arrived for 300 ms/);
});

test('a client that closes before its declared body ended gets 400, and nothing of it is used', async () => {
  running = await startTestService();
  const line = falcoLine('half', 1, T0);
  const socket = await open(running.service.otlpUrl, upload(line.length + 100));
  socket.end(line);
  const answer = await answerOf(socket);
  expect(answer).toMatch(/^HTTP\/1.1 400 /);
  expect(answer).toMatch(/closed the connection before the request ended/);
  const hosts = (await running.service.store.listSignals({ limit: 10 })).items.map((s) => s.entity['host.name']);
  expect(hosts).not.toContain('half');
});

test('headers that trickle in are cut off with 408 after header_timeout_ms', async () => {
  running = await startTestService({ limits: { header_timeout_ms: 300 } });
  const socket = await open(running.service.otlpUrl, 'POST /v1/events/falco HTTP/1.1\r\nHost: x\r\n');
  const answer = await answerOf(socket);
  expect(answer).toMatch(/^HTTP\/1.1 408 /);
});

test('a declared length over max_body_bytes is refused with 413 before any of the body is read', async () => {
  running = await startTestService({ limits: { max_body_bytes: 1 << 20 } });
  const socket = await open(running.service.otlpUrl, upload(2 << 20));
  const answer = await answerOf(socket, 5_000);
  expect(answer).toMatch(/^HTTP\/1.1 413 /);
  expect(answer).toMatch(/Content-Length 2097152 is larger than the 1048576 bytes/);
  expect(answer.toLowerCase()).toMatch(/connection: close/);
});

test('past max_connections_per_client, a new connection gets 429 with Retry-After and is closed', async () => {
  running = await startTestService({ limits: { max_connections_per_client: 3, retry_after_seconds: 2 } });
  const otlp = running.service.otlpUrl;
  for (let i = 0; i < 3; i++) await open(otlp, '');
  const extra = await open(otlp, '');
  const answer = await answerOf(extra);
  expect(answer).toMatch(/^HTTP\/1.1 429 /);
  expect(answer).toMatch(/Retry-After: 2/);
  for (const socket of sockets.splice(0, 3)) socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await post(`${otlp}/v1/events/falco`, falcoLine('after', 1, T0), NDJSON)).status).toBe(200);
});
