/**
 * Inputs for property-based fuzzing (fast-check) of every decoder and normalizer and of each HTTP input path of
 * `lockstep serve`. Each target starts from real, valid bodies (the tools' own sample output, OTLP requests that
 * touch every decoder path) and breaks them three ways: structurally (a JSON value replaced by a hostile one: huge
 * or negative numbers, times no Date can hold, wrong types, lone surrogates, deep nesting), at the byte level
 * (bytes flipped, cut, repeated, inserted: truncated protobuf, broken UTF-8, half-lines) and by plain junk.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  cpuTimePoints,
  exponentialHistogram,
  exponentialPoint,
  gauge,
  histogram,
  histogramPoint,
  logRecord,
  logsRequest,
  metricsRequest,
  numberPoint,
  processCpuTime,
  processResource,
  resourceMetrics,
  sum,
} from '../../collectors/correlator/src/receivers/otlp/__fixtures__/builders';
import { encode } from '../../collectors/correlator/src/receivers/otlp/protobuf/__fixtures__/reference';

export type Encoding = 'json' | 'protobuf' | 'text';

/** One HTTP input path: where to POST, as what, and the valid bodies its inputs grow from. */
export interface FuzzTarget {
  name: string;
  url: string;
  contentType: string;
  encoding: Encoding;
  /** For protobuf targets: the request kind, so structural mutations can be re-encoded. */
  signal?: 'metrics' | 'logs';
  seeds: readonly unknown[];
}

/** One input: the body bytes and whether they are sent gzip-encoded. */
export interface FuzzInput {
  body: Buffer;
  gzip: boolean;
}

const SAMPLES = join(
  __dirname,
  '..',
  '..',
  'collectors',
  'correlator',
  'src',
  'receivers',
  'events',
  '__fixtures__',
  'samples',
);

function sampleLines(relative: string, max = 40): string[] {
  return readFileSync(join(SAMPLES, relative), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .slice(0, max);
}

/** Data time of the OTLP seeds: recent, so that time bounds pass and the decoders go all the way through. */
const T = Date.now() - 10 * 60_000;

function metricsSeeds(): unknown[] {
  const requests: unknown[] = [];
  for (let step = 0; step < 3; step += 1) {
    const time = T + step * 10_000;
    requests.push(
      metricsRequest(
        resourceMetrics({ 'host.name': 'fuzz-host', 'os.type': 'linux' }, [
          sum('system.cpu.time', cpuTimePoints(time, { cpu0: { user: step, idle: 2 * step, system: step / 2 } })),
          gauge('system.cpu.utilization', [
            numberPoint({ time, value: 0.5, attributes: { cpu: 'cpu0', state: 'user' } }),
          ]),
        ]),
        resourceMetrics(processResource(4242, 'xmrig', { 'host.name': 'fuzz-host' }), [
          processCpuTime(time, T - 60_000, { user: step, system: step / 10 }),
        ]),
        resourceMetrics({ 'host.name': 'fuzz-host', 'service.name': 'api', 'container.id': 'a'.repeat(64) }, [
          histogram('http.server.request.duration', [
            histogramPoint({ time, start: T - 1, bounds: [0.1, 1], counts: [step, 2 * step, 3 * step] }),
          ]),
          exponentialHistogram('http.server.duration', [
            exponentialPoint({ time, start: T - 1, scale: 2, offset: 3, counts: [step, 2 * step] }),
          ]),
          gauge('container.cpu.utilization', [numberPoint({ time, value: 0.5 })]),
        ]),
      ),
    );
  }
  return requests;
}

function logsSeeds(): unknown[] {
  return [
    logsRequest({ 'host.name': 'fuzz-host', 'service.name': 'falco' }, [
      logRecord({
        time: T,
        severityText: 'Critical',
        body: 'Possible miner',
        attributes: { 'event.kind': 'alert', 'rule.name': 'crypto miner', 'process.pid': 4242 },
      }),
      logRecord({ time: T + 1, severityNumber: 17, body: 'x', attributes: { 'event.name': 'exec' } }),
    ]),
    logsRequest({ 'host.name': 'fuzz-host' }, [
      logRecord({ time: T, observedTime: T + 5, severityNumber: '9', body: 'sudo: session opened' }),
    ]),
  ];
}

/** Every HTTP input path of the ingest listener (the ten the hostile test covered). */
export function ingestTargets(): FuzzTarget[] {
  const metrics = metricsSeeds();
  const logs = logsSeeds();
  const events = (format: string, file: string, encoding: Encoding): FuzzTarget => ({
    name: `events/${format}`,
    url: `/v1/events/${format}`,
    contentType: encoding === 'json' ? 'application/x-ndjson' : 'text/plain',
    encoding,
    seeds: encoding === 'json' ? sampleLines(file).map((line) => JSON.parse(line) as unknown) : sampleLines(file, 80),
  });
  return [
    { name: 'metrics/json', url: '/v1/metrics', contentType: 'application/json', encoding: 'json', seeds: metrics },
    {
      name: 'metrics/protobuf',
      url: '/v1/metrics',
      contentType: 'application/x-protobuf',
      encoding: 'protobuf',
      signal: 'metrics',
      seeds: metrics,
    },
    { name: 'logs/json', url: '/v1/logs', contentType: 'application/json', encoding: 'json', seeds: logs },
    {
      name: 'logs/protobuf',
      url: '/v1/logs',
      contentType: 'application/x-protobuf',
      encoding: 'protobuf',
      signal: 'logs',
      seeds: logs,
    },
    events('falco', 'falco/alerts.jsonl', 'json'),
    events('tetragon', 'tetragon/docs_events.jsonl', 'json'),
    events('suricata', 'suricata/eve.json', 'json'),
    events('osquery', 'osquery/results.jsonl', 'json'),
    events('auditd', 'auditd/normal.log', 'text'),
    events('auth', 'auth/auth.log', 'text'),
  ];
}

/** Values that have broken parsers before: out-of-range times and numbers, wrong types, odd strings. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  -0,
  1e30,
  -1e30,
  1e25,
  9e21,
  Number.MAX_SAFE_INTEGER,
  2 ** 64,
  0.1,
  '1e30',
  '9e21',
  '-1',
  '99999999999999999999999999',
  '0x10',
  'NaN',
  'Infinity',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e',
  '\u001b[31m',
  '2255-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '0000-00-00',
  'x'.repeat(70_000),
  [],
  [[[[[[]]]]]],
  {},
  { stringValue: 'x' },
  { intValue: '9e21' },
  { arrayValue: { values: [{ kvlistValue: {} }] } },
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt().map((n) => n.toString()) },
);

/** Paths to every value in a JSON tree (object keys and array indexes), depth-first. */
function leafPaths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => leafPaths(item, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) leafPaths(item, [...prefix, key], out);
  }
  return out;
}

function replaceAt(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

/** A JSON seed with 1-4 values (anywhere in the tree) replaced by hostile ones, or a key dropped. */
function structural(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.nat({ max: seeds.length - 1 }),
      fc.array(fc.tuple(fc.nat(), hostileValue, fc.boolean()), { minLength: 1, maxLength: 4 }),
    )
    .map(([index, edits]) => {
      let value = seeds[index];
      for (const [at, replacement, drop] of edits) {
        const paths = leafPaths(value);
        const path = paths[at % paths.length] as Array<string | number>;
        value = replaceAt(value, path, drop && path.length > 0 ? undefined : replacement);
      }
      return value;
    });
}

/** Byte-level damage: flips, cuts, repeats and insertions, anywhere in the body. */
function damaged(bytes: Buffer): fc.Arbitrary<Buffer> {
  const edit = fc.oneof(
    fc.tuple(fc.constant('flip' as const), fc.nat(), fc.integer({ min: 0, max: 255 })),
    fc.tuple(fc.constant('cut' as const), fc.nat(), fc.nat({ max: 64 })),
    fc.tuple(fc.constant('repeat' as const), fc.nat(), fc.nat({ max: 64 })),
    fc.tuple(fc.constant('insert' as const), fc.nat(), fc.uint8Array({ maxLength: 16 })),
    fc.tuple(fc.constant('truncate' as const), fc.nat(), fc.constant(0)),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let body = Buffer.from(bytes);
    for (const [kind, at, arg] of edits) {
      const i = body.length === 0 ? 0 : at % body.length;
      if (kind === 'flip' && body.length > 0) body[i] = arg as number;
      else if (kind === 'cut') body = Buffer.concat([body.subarray(0, i), body.subarray(i + (arg as number))]);
      else if (kind === 'repeat') body = Buffer.concat([body.subarray(0, i + (arg as number)), body.subarray(i)]);
      else if (kind === 'insert')
        body = Buffer.concat([body.subarray(0, i), Buffer.from(arg as Uint8Array), body.subarray(i)]);
      else if (kind === 'truncate') body = body.subarray(0, i);
    }
    return body;
  });
}

/** A structurally mutated value as this target's body (protobuf re-encoded; unencodable values sent as JSON text). */
function bodyOf(target: FuzzTarget, value: unknown): Buffer {
  if (target.encoding === 'protobuf') {
    try {
      return encode(target.signal ?? 'metrics', value as object);
    } catch {
      return Buffer.from(JSON.stringify(value) ?? 'null');
    }
  }
  if (target.encoding === 'text') return Buffer.from(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  return Buffer.from(JSON.stringify(value) ?? 'null');
}

/** Several records in one request, as newline-delimited events arrive. */
function joinRecords(target: FuzzTarget, values: unknown[]): Buffer {
  if (target.encoding !== 'text' && !target.name.startsWith('events/')) return bodyOf(target, values[0]);
  return Buffer.from(values.map((value) => bodyOf(target, value).toString('utf8')).join('\n'));
}

/** Text seeds mutated as text: a field's value replaced, a line cut short, junk spliced in. */
function textual(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fc.nat({ max: seeds.length - 1 }),
      fc.nat(),
      fc.nat(),
      fc.oneof(hostileValue, fc.string({ unit: 'grapheme', maxLength: 30 })),
    )
    .map(([index, from, length, junk]) => {
      const line = seeds[index] as string;
      const at = from % (line.length + 1);
      const inserted = typeof junk === 'string' ? junk : (JSON.stringify(junk) ?? '');
      return line.slice(0, at) + inserted + line.slice(at + (length % 40));
    });
}

/** Inputs for one target: valid records, mutated ones, damaged bytes and junk, sometimes gzip-encoded. */
export function inputsFor(target: FuzzTarget): fc.Arbitrary<FuzzInput> {
  const seeds = target.seeds;
  const record =
    target.encoding === 'text'
      ? fc.oneof(textual(seeds), fc.constantFrom(...seeds))
      : fc.oneof(structural(seeds), fc.constantFrom(...seeds));
  const valid = fc.array(record, { minLength: 1, maxLength: 5 }).map((values) => joinRecords(target, values));
  const seedBytes = seeds.map((seed) => bodyOf(target, seed));
  const body = fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: fc.constantFrom(...seedBytes).chain(damaged) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)) },
  );
  return fc.tuple(body, fc.nat({ max: 9 })).map(([bytes, n]) => ({ body: bytes, gzip: n === 0 }));
}

/** The bytes to send: gzip-encoded when asked (sometimes with junk after the member, which must be a 400). */
export function wireBody(input: FuzzInput): Buffer {
  return input.gzip ? gzipSync(input.body) : input.body;
}
