import type { MetricSample } from '../../../model/samples';
import { decodeOtlpLogs, OtlpMetricsDecoder } from '../index';
import type { Json } from '../__fixtures__/builders';
import {
  attributes,
  cpuTimePoints,
  DELTA,
  exponentialHistogram,
  exponentialPoint,
  gauge,
  histogram,
  histogramPoint,
  logRecord,
  logsRequest,
  metricsRequest,
  nanos,
  numberPoint,
  processCpuTime,
  processResource,
  resourceMetrics,
  SECOND,
  sum,
  T0,
} from '../__fixtures__/builders';
import type { OtlpSignal } from '../protobuf/codec';
import { decoderShape, encode } from '../protobuf/__fixtures__/reference';
import { readExportRequest } from './body';

/**
 * The same requests sent as OTLP/JSON and as OTLP/protobuf (protobufjs encoding the JSON object, as an SDK's
 * protobuf exporter would) must give the same samples and signals, rejections and messages included: the two
 * encodings share the decoders, and the protobuf reader must hand them what JSON.parse would.
 */

const INTERVAL = 10 * SECOND;
const PROCESS_START = T0 - 3600 * SECOND;

/** Every kind of AnyValue, on resources, points and records (they feed series keys and entity fields). */
const ODD_ATTRIBUTES = [
  { key: 'flag', value: { boolValue: true } },
  { key: 'ratio', value: { doubleValue: 0.125 } },
  { key: 'big', value: { intValue: '9007199254740993' } },
  { key: 'negative', value: { intValue: '-42' } },
  { key: 'raw', value: { bytesValue: Buffer.from([0, 1, 254, 255]).toString('base64') } },
  { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: false }] } } },
  { key: 'map', value: { kvlistValue: { values: [{ key: 'inner', value: { doubleValue: -1.5 } }] } } },
  { key: 'unset', value: {} },
  { key: 'no-value' },
];

function withOdd(resource: Json): Json {
  const r = resource.resource as { attributes: Json[] };
  r.attributes.push(...ODD_ATTRIBUTES);
  return resource;
}

function hostRound(i: number): Json {
  const time = T0 + i * INTERVAL;
  const host = resourceMetrics({ 'host.name': 'web-01', 'host.id': 'abc' }, [
    sum(
      'system.cpu.time',
      cpuTimePoints(time, { cpu0: { user: 10 + 3 * i, system: 5 + i, idle: 100 + 5 * i }, cpu1: { user: 20 + 7 * i } }),
    ),
    gauge('system.cpu.utilization', [
      numberPoint({ time, value: 0.25 + i / 100, attributes: { cpu: 'cpu0', state: 'user' } }),
    ]),
    // An integer gauge: asInt, as the hostmetrics receiver sends counts.
    gauge('system.cpu.logical.count', [{ timeUnixNano: nanos(time), asInt: '2' }]),
  ]);
  // Integer cumulative CPU time (asInt) and a double one (asDouble), for two processes.
  const intProcess = withOdd(
    resourceMetrics(processResource(4242, 'xmrig', { 'process.command_args': ['/tmp/xmrig', '-o', 'pool'] }), [
      sum('process.cpu.time', [
        { ...numberPoint({ time, start: PROCESS_START, value: 0 }), asDouble: undefined, asInt: String(100 + 9 * i) },
      ]),
    ]),
  );
  const doubleProcess = resourceMetrics(processResource(77, 'nginx'), [
    processCpuTime(time, PROCESS_START, { user: 1.5 * i, system: 0.25 * i }),
    gauge('process.cpu.utilization', [numberPoint({ time, value: 0.01 * i, attributes: { state: 'user' } })]),
  ]);
  // Delta CPU time, and a container.
  const deltaProcess = resourceMetrics(processResource(99, 'backup'), [
    sum(
      'process.cpu.time',
      [numberPoint({ time, start: time - INTERVAL, value: 2.5, attributes: { state: 'user' } })],
      DELTA,
    ),
  ]);
  const container = resourceMetrics({ 'host.name': 'web-01', 'container.id': 'c'.repeat(64) }, [
    sum('container.cpu.time', [numberPoint({ time, start: T0 - 1, value: 4 * i, attributes: { 'cpu.mode': 'user' } })]),
    gauge('container.cpu.usage', [numberPoint({ time, value: 0.5 })], '{cpu}'),
  ]);
  const service = { 'host.name': 'web-01', 'service.name': 'checkout', 'service.instance.id': 'i-1' };
  const latency = resourceMetrics(service, [
    histogram('http.server.request.duration', [
      histogramPoint({
        time,
        start: T0 - 1,
        bounds: [0.1, 0.2, 0.5, 1],
        counts: [5 * i, 10 * i, 20 * i, 2 * i, i],
        attributes: { 'http.route': '/pay', 'http.response.status_code': 200 },
      }),
    ]),
    exponentialHistogram(
      'http.server.duration',
      [
        exponentialPoint({
          time,
          start: time - INTERVAL,
          scale: 3,
          offset: 50,
          counts: [1, 4, 9, 3, 1],
          zeroCount: 1,
          attributes: { 'http.route': '/cart' },
        }),
      ],
      DELTA,
      'ms',
    ),
    { name: 'http.server.request.duration', summary: { dataPoints: [{ timeUnixNano: nanos(time), count: '3' }] } },
  ]);
  return metricsRequest(host, intProcess, doubleProcess, deltaProcess, container, latency);
}

/** Requests with fields missing or wrong in every way protobuf can carry (rejected, skipped or defaulted). */
function brokenRequest(): Json {
  const time = T0 + 3 * INTERVAL;
  const noTime = { asDouble: 1, attributes: attributes({ state: 'user' }) };
  return metricsRequest(
    resourceMetrics(processResource(5, 'broken'), [
      sum('process.cpu.time', [noTime]),
      { name: 'process.cpu.time', unit: 's', sum: { dataPoints: [numberPoint({ time, value: 1 })] } },
      { name: 'process.cpu.utilization' },
      gauge('process.cpu.utilization', [{ timeUnixNano: nanos(time) }]),
      // protojson writes non-finite doubles as strings (JSON.stringify would write null).
      gauge('process.cpu.utilization', [{ timeUnixNano: nanos(time), asDouble: 'NaN' }]),
      gauge('process.cpu.utilization', [{ timeUnixNano: nanos(time), asDouble: 2, flags: 1 }]),
      sum('process.cpu.time', [numberPoint({ time, value: 1 })], DELTA),
      histogram('http.server.request.duration', [histogramPoint({ time, bounds: [2, 1], counts: [1, 1, 1] })]),
      { unit: 's', gauge: { dataPoints: [numberPoint({ time, value: 1 })] } },
      { name: 'unknown.metric', gauge: {} },
    ]),
    { scopeMetrics: [{ metrics: [gauge('system.cpu.utilization', [numberPoint({ time, value: 0.5 })])] }] },
    { resource: {} },
    {},
  );
}

function logs(): Json[] {
  const record = logRecord({
    time: T0,
    severityNumber: 17,
    severityText: 'ERROR',
    body: 'Crypto miner started',
    attributes: {
      'security_rule.name': 'Detect crypto miners',
      'security_rule.category': 'mining',
      'process.pid': 4242,
      'process.executable.name': 'xmrig',
    },
  });
  record.traceId = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex').toString('base64');
  record.spanId = Buffer.from('0102030405060708', 'hex').toString('base64');
  record.flags = 1;
  const odd = logRecord({ observedTime: T0 + 1, attributes: { 'event.name': 'process.exec', 'event.kind': 'alert' } });
  (odd.attributes as Json[]).push(...ODD_ATTRIBUTES);
  odd.body = { kvlistValue: { values: [{ key: 'k', value: { intValue: '7' } }] } };
  const falcoLine = JSON.stringify({
    time: new Date(T0).toISOString(),
    rule: 'Terminal shell in container',
    priority: 'Notice',
    output: 'A shell was spawned',
    hostname: 'web-01',
    output_fields: { 'proc.pid': 7, 'proc.name': 'bash' },
  });
  return [
    logsRequest({ 'host.name': 'web-01', 'container.id': 'c'.repeat(64) }, [
      record,
      odd,
      logRecord({ attributes: { 'security_rule.uuid': 'u-1' } }),
      logRecord({ time: T0, body: 'ordinary log line' }),
      { eventName: 'auth.failure', timeUnixNano: nanos(T0), severityNumber: 13, body: { doubleValue: 2.5 } },
      logRecord({ time: T0, body: falcoLine, attributes: { 'lockstep.format': 'falco' } }),
      logRecord({ time: T0, attributes: { 'lockstep.format': 'falco' } }),
      {},
    ]),
    { resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }, { resource: {} }, {}] },
    {},
  ];
}

function bothEncodings(signal: OtlpSignal, request: Json): [Record<string, unknown>, Record<string, unknown>] {
  return [
    readExportRequest(signal, 'json', Buffer.from(JSON.stringify(request))),
    readExportRequest(signal, 'protobuf', encode(signal, request)),
  ];
}

describe('OTLP/JSON and OTLP/protobuf give the same samples and signals', () => {
  it('metrics: gauges, cumulative and delta sums, int and double values, histograms, attributes of every kind', () => {
    const viaJson = new OtlpMetricsDecoder();
    const viaProtobuf = new OtlpMetricsDecoder();
    const kinds = new Set<MetricSample['kind']>();
    const requests = [0, 1, 2, 3].map(hostRound);
    requests.push(brokenRequest(), metricsRequest(), hostRound(4));
    for (const request of requests) {
      const [json, protobuf] = bothEncodings('metrics', request);
      const expected = viaJson.decode(json);
      expect(viaProtobuf.decode(protobuf)).toEqual(expected);
      for (const sample of expected.samples) kinds.add(sample.kind);
    }
    // The comparison covered every kind of sample, and the broken request was rejected for many reasons.
    expect([...kinds].sort()).toEqual(['container-cpu', 'host-cpu', 'latency', 'process-cpu']);
    const broken = viaJson.decode(bothEncodings('metrics', brokenRequest())[0]);
    expect(broken.rejectedDataPoints).toBeGreaterThanOrEqual(7);
  });

  it('logs: alerts, context events, raw tool lines, skipped and malformed records', () => {
    let signals = 0;
    for (const request of logs()) {
      const [json, protobuf] = bothEncodings('logs', request);
      const expected = decodeOtlpLogs(json);
      expect(decodeOtlpLogs(protobuf)).toEqual(expected);
      signals += expected.signals.length + expected.rawEvents.length;
    }
    expect(signals).toBeGreaterThanOrEqual(5);
  });

  it("reads protojson-shaped requests into the object JSON.parse gives, 64-bit values in the decoders' form", () => {
    // OTLP/JSON as protojson writes it: no empty lists, int64 as strings, bytes as base64. The protobuf reader gives
    // the same object with times as epoch ms, counts as numbers, and no bytes (nothing reads them).
    const request = {
      resourceLogs: [
        {
          resource: { attributes: ODD_ATTRIBUTES.slice(0, -1) },
          scopeLogs: [{ scope: { name: 's' }, logRecords: [{ timeUnixNano: nanos(T0), severityNumber: 9 }] }],
        },
      ],
    };
    const [json, protobuf] = bothEncodings('logs', request);
    expect(protobuf).toEqual(decoderShape(json));
    expect(decodeOtlpLogs(protobuf)).toEqual(decodeOtlpLogs(json));
  });
});
