import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import type { TestService } from './harness';
import { startTestService } from './harness';
import type { Answer } from './requests';
import { falcoLine, JSON_TYPE, post, PROTOBUF_TYPE } from './requests';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const MAX_BODY = 1 << 20;

let running: TestService;
let otlp: string;

beforeAll(async () => {
  running = await startTestService({
    limits: { max_body_bytes: MAX_BODY, max_lines_per_request: 1000 },
    engine: { idle_advance_ms: 0 },
  });
  otlp = running.service.otlpUrl;
  // Good data first: whatever comes next, these must still be there at the end.
  const good = await post(
    `${otlp}/v1/events/falco`,
    `${falcoLine('good-1', 4242, T0)}\n${falcoLine('good-2', 7, T0)}`,
    {
      'content-type': 'application/x-ndjson',
    },
  );
  expect(good.status).toBe(200);
});

afterAll(async () => {
  try {
    const signals = (await running.service.store.listSignals({ limit: 100 })).items;
    expect(signals.map((s) => s.entity['host.name'])).toEqual(expect.arrayContaining(['good-1', 'good-2']));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await fetch(`${running.service.apiUrl}/healthz`);
    expect(health.status).toBe(200);
  } finally {
    await running.dispose();
  }
});

/** Nesting `depth` arrays deep, as JSON text: `[[[...]]]`. */
const nestedJson = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** An AnyValue nested `depth` kvlists deep, as OTLP/JSON. */
function nestedAnyValue(depth: number): string {
  let value = '{"stringValue":"x"}';
  for (let i = 0; i < depth; i++) value = `{"kvlistValue":{"values":[{"key":"k","value":${value}}]}}`;
  return value;
}

/** An ExportLogsServiceRequest whose only record has `body` (raw JSON) and `attributes` (raw JSON). */
const logsWith = (body: string, attributes = '[]'): string =>
  `{"resourceLogs":[{"resource":{"attributes":[{"key":"host.name","value":{"stringValue":"bad-host"}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"${T0 * 1e6}","body":${body},"attributes":${attributes}}]}]}]}`;

/** Protobuf: tag/length-delimited field wrapping. */
function field(number: number, payload: Buffer): Buffer {
  const length: number[] = [];
  let n = payload.length;
  while (n > 127) {
    length.push((n & 127) | 128);
    n >>>= 7;
  }
  length.push(n);
  return Buffer.concat([Buffer.from([(number << 3) | 2, ...length]), payload]);
}

function deepProtobufLogs(depth: number): Buffer {
  let value = field(1, Buffer.from('x')); // AnyValue.string_value
  for (let i = 0; i < depth; i++) value = field(5, field(1, value)); // AnyValue.array_value.values
  return field(1, field(2, field(2, field(5, value)))); // request.resource_logs.scope_logs.log_records.body
}

function expectError(answer: Answer, status: number, pattern: RegExp): void {
  expect(answer.status).toBe(status);
  const text = answer.body.toString('utf8');
  expect(text).toMatch(pattern);
  expect(text).not.toMatch(/\bat .*\.ts:\d+/); // never a stack trace
}

test.each([
  ['malformed JSON metrics', '/v1/metrics', '{"resourceMetrics": [', JSON_TYPE, 400, /JSON body is not valid/],
  ['a JSON array', '/v1/metrics', '[1,2]', JSON_TYPE, 400, /expected a JSON object/],
  ['resourceMetrics of the wrong type', '/v1/metrics', '{"resourceMetrics": 5}', JSON_TYPE, 400, /not an array/],
  ['JSON nested 100k deep', '/v1/logs', nestedJson(100_000), JSON_TYPE, 400, /JSON body is not valid|JSON object/],
  ['malformed protobuf', '/v1/metrics', Buffer.from([0x0a, 0xff, 0xff, 0x07]), PROTOBUF_TYPE, 400, /protobuf body/],
  ['protobuf nested 5000 deep', '/v1/logs', deepProtobufLogs(5_000), PROTOBUF_TYPE, 400, /protobuf body/],
  ['an unknown content type', '/v1/metrics', 'x', { 'content-type': 'text/plain' }, 415, /not supported/],
  ['no content type', '/v1/logs', 'x', {}, 415, /no Content-Type/],
  ['an unknown content encoding', '/v1/metrics', 'x', { ...JSON_TYPE, 'content-encoding': 'br' }, 415, /Encoding/],
  ['corrupt gzip', '/v1/metrics', 'not gzip', { ...JSON_TYPE, 'content-encoding': 'gzip' }, 400, /gzip/],
  ['a body over max_body_bytes', '/v1/metrics', Buffer.alloc(MAX_BODY + 1, 32), JSON_TYPE, 413, /larger than/],
  ['an unknown event format', '/v1/events/syslog', 'x', JSON_TYPE, 404, /unknown event format/],
  ['events that are all unreadable', '/v1/events/falco', '{oops\n{"nope":1}', JSON_TYPE, 400, /line 1/],
  ['too many event lines', '/v1/events/auth', 'x\n'.repeat(1001), JSON_TYPE, 413, /at most 1000/],
])('%s gets the right status and a sentence', async (_name, path, body, headers, status, pattern) => {
  expectError(
    await post(`${otlp}${path}`, body as string | Buffer, headers as Record<string, string>),
    status,
    pattern,
  );
});

test.each([
  ['a deeply nested AnyValue (JSON)', logsWith(nestedAnyValue(5_000))],
  [
    'a 1 MB attribute value',
    logsWith('{"stringValue":"x"}', `[{"key":"security_rule.name","value":{"stringValue":"${'A'.repeat(900_000)}"}}]`),
  ],
  [
    '__proto__ keys',
    logsWith(
      '{"__proto__":{"polluted":1}}',
      '[{"key":"__proto__","value":{"kvlistValue":{"values":[{"key":"polluted","value":{"intValue":"1"}}]}}}]',
    ),
  ],
  ['records of the wrong shape', '{"resourceLogs":[{"scopeLogs":"nope"},{"scopeLogs":[{"logRecords":[5, null]}]}]}'],
])('%s is answered 200 or 400, never 500', async (_name, body) => {
  const answer = await post(`${otlp}/v1/logs`, body, JSON_TYPE);
  expect([200, 400]).toContain(answer.status);
});

test('records of the wrong shape are counted as a partial success', async () => {
  const answer = await post(`${otlp}/v1/logs`, '{"resourceLogs":[{"scopeLogs":"nope"}]}', JSON_TYPE);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toEqual({
    partialSuccess: { rejectedLogRecords: 1, errorMessage: expect.stringContaining('scopeLogs') },
  });
});

test('mixed event lines: the good ones are accepted, the bad ones named by line', async () => {
  const body = `${falcoLine('mixed', 1, T0)}\nnot json\n{"rule":"x"}`;
  const answer = await post(`${otlp}/v1/events/falco`, body, { 'content-type': 'application/x-ndjson' });
  expect(answer.status).toBe(200);
  const result = JSON.parse(answer.body.toString());
  expect(result).toMatchObject({ accepted: 1, rejected: 2 });
  expect(result.errors[0]).toMatch(/^line 2: not valid JSON/);
  expect(result.errors[1]).toMatch(/^line 3: /);
});

test('a gzip bomb (1 GiB of zeros) is refused with 413 without inflating it', async () => {
  const chunk = Buffer.alloc(1 << 20);
  let left = 1024;
  const zeros = new Readable({
    read() {
      this.push(left-- > 0 ? chunk : null);
    },
  });
  const parts: Buffer[] = [];
  for await (const part of zeros.pipe(createGzip({ level: 1 }))) parts.push(part as Buffer);
  const bomb = Buffer.concat(parts);
  expect(bomb.length).toBeLessThan(8 << 20);
  const before = process.memoryUsage().rss;
  // Chunked, so no Content-Length tells the size up front: the limit on what it inflates to refuses it.
  const headers = { ...JSON_TYPE, 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' };
  const answer = await post(`${otlp}/v1/metrics`, bomb, headers);
  expectError(answer, 413, /after decompression/);
  expect(process.memoryUsage().rss - before).toBeLessThan(200 << 20);
});

test('a gzip body under the limit is read', async () => {
  const body = gzipSync(falcoLine('gzipped', 9, T0));
  const answer = await post(`${otlp}/v1/events/falco`, body, {
    'content-type': 'application/x-ndjson',
    'content-encoding': 'gzip',
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body.toString())).toMatchObject({ accepted: 1 });
  const signals = (await running.service.store.listSignals({ limit: 100, host: 'gzipped' })).items;
  expect(signals).toHaveLength(1);
});
