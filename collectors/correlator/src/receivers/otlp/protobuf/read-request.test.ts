import { HttpError } from '../../../http/errors';
import type { OtlpSignal } from './codec';
import { decodeOtlpProtobuf, encodeOtlpResponse, encodeStatus } from './codec';
import {
  decoderShape,
  encode,
  field,
  RandomRequests,
  referenceDecode,
  RESPONSE,
  STATUS,
  wire,
} from './__fixtures__/reference';
import { uniform } from '../../../__fixtures__/uniform';
import { floorMillis, signedDecimal, unsignedDecimal, WireReader } from './wire-reader';

const decode = (signal: OtlpSignal, body: Uint8Array): unknown => decodeOtlpProtobuf(signal, Buffer.from(body));

/** Both decoders' answer to `body`: the object, or that it was refused. */
function outcomes(signal: OtlpSignal, body: Uint8Array): { ours: unknown; reference: unknown } {
  const run = (f: () => unknown): unknown => {
    try {
      return f();
    } catch {
      return 'refused';
    }
  };
  return { ours: run(() => decode(signal, body)), reference: run(() => decoderShape(referenceDecode(signal, body))) };
}

const U64_EDGES = [
  '0',
  '1',
  '2097151',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '1763866800123456789',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551615',
];
const I64_EDGES = ['0', '1', '-1', '4294967296', '-4294967296', '9223372036854775807', '-9223372036854775808'];

describe('64-bit integers in decimal', () => {
  it('match BigInt on the edges and on random values', () => {
    const next = uniform(7);
    const values = U64_EDGES.map(BigInt);
    for (let i = 0; i < 5000; i++) {
      values.push((BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32)));
      values.push(BigInt(Math.floor(next() * 2 ** 21)) << 32n);
    }
    for (const value of values) {
      const lo = Number(value & 0xffffffffn);
      const hi = Number(value >> 32n);
      expect(unsignedDecimal(lo, hi)).toBe(value.toString());
      expect(signedDecimal(lo, hi)).toBe(BigInt.asIntN(64, value).toString());
    }
  });
});

describe("64-bit values in the decoders' form", () => {
  const next = uniform(11);
  const values = U64_EDGES.map(BigInt);
  for (let i = 0; i < 5000; i++) {
    values.push((BigInt(Math.floor(next() * 2 ** 32)) << 32n) | BigInt(Math.floor(next() * 2 ** 32)));
    values.push(
      BigInt(Date.UTC(2026, 0, 1) + Math.floor(next() * 1e11)) * 1_000_000n + BigInt(Math.floor(next() * 1e6)),
    );
  }
  const fixed64 = (value: bigint): WireReader => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64LE(value);
    return new WireReader(bytes);
  };

  it('times: nanoseconds to whole milliseconds exactly, as the decimal path slices them', () => {
    for (const value of values) {
      const lo = Number(value & 0xffffffffn);
      const hi = Number(value >> 32n);
      expect(floorMillis(lo, hi)).toBe(Number(value / 1_000_000n));
      expect(fixed64(value).fixed64Millis()).toBe(Number(value / 1_000_000n));
    }
  });

  it('counts and asInt: the number Number() gives for the decimal form', () => {
    for (const value of values) {
      expect(fixed64(value).fixed64Number()).toBe(Number(value));
      expect(fixed64(value).sfixed64Number()).toBe(Number(BigInt.asIntN(64, value)));
    }
  });
});

describe("OTLP protobuf requests read like protobufjs decode + toObject, in the decoders' form", () => {
  it('reads every field of every metrics message', () => {
    const attributes = [
      { key: 'host.name', value: { stringValue: 'web-01' } },
      { key: 'process.pid', value: { intValue: '4242' } },
      { key: 'on', value: { boolValue: true } },
      { key: 'ratio', value: { doubleValue: 0.25 } },
      { key: 'args', value: { arrayValue: { values: [{ stringValue: '-x' }, { intValue: '-3' }] } } },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
      { key: 'raw', value: { bytesValue: 'AAEC/w==' } },
      { key: 'empty', value: {} },
    ];
    const times = { startTimeUnixNano: '1763866800000000000', timeUnixNano: '1763866810123456789' };
    const request = {
      resourceMetrics: [
        {
          resource: { attributes, droppedAttributesCount: 2 },
          schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
          scopeMetrics: [
            {
              scope: { name: 'hostmetrics', version: '1.0', attributes, droppedAttributesCount: 1 },
              schemaUrl: 's',
              metrics: [
                {
                  name: 'system.cpu.utilization',
                  description: 'd',
                  unit: '1',
                  gauge: { dataPoints: [{ ...times, attributes, asDouble: 0.5, flags: 0 }] },
                  metadata: attributes,
                },
                {
                  name: 'process.cpu.time',
                  unit: 's',
                  sum: {
                    dataPoints: I64_EDGES.map((asInt) => ({ ...times, asInt })),
                    aggregationTemporality: 2,
                    isMonotonic: true,
                  },
                },
                {
                  name: 'http.server.request.duration',
                  histogram: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      {
                        ...times,
                        count: '18446744073709551615',
                        sum: 12.5,
                        bucketCounts: U64_EDGES,
                        explicitBounds: [-1, 0, 0.5, 1e300],
                        flags: 1,
                        min: -0,
                        max: Number.POSITIVE_INFINITY,
                      },
                    ],
                  },
                },
                {
                  name: 'e',
                  exponentialHistogram: {
                    aggregationTemporality: 2,
                    dataPoints: [
                      {
                        ...times,
                        attributes,
                        count: '7',
                        sum: Number.NaN,
                        scale: -10,
                        zeroCount: '9007199254740993',
                        positive: { offset: -5, bucketCounts: U64_EDGES },
                        negative: { offset: 3, bucketCounts: ['1'] },
                        min: 1,
                        max: 2,
                        zeroThreshold: 1e-9,
                      },
                    ],
                  },
                },
                {
                  name: 's',
                  summary: {
                    dataPoints: [
                      { ...times, count: '3', sum: 1, quantileValues: [{ quantile: 0.5, value: 2 }, {}], flags: 8 },
                    ],
                  },
                },
              ],
            },
          ],
        },
        {},
      ],
    };
    const body = encode('metrics', request);
    expect(decode('metrics', body)).toEqual(decoderShape(referenceDecode('metrics', body)));
    // With protojson's forms of every value, the result is the request itself in the decoders' form.
    expect(decode('metrics', body)).toEqual(decoderShape(request));
  });

  it('reads every field of a log record', () => {
    const request = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'host.name', value: { stringValue: 'h' } }] },
          scopeLogs: [
            {
              scope: {},
              logRecords: [
                {
                  timeUnixNano: '1763866810123456789',
                  observedTimeUnixNano: '18446744073709551615',
                  severityNumber: -1,
                  severityText: 'WARN',
                  body: { kvlistValue: { values: [{ key: 'a', value: { arrayValue: { values: [{}] } } }] } },
                  attributes: [{ key: 'security_rule.name', value: { stringValue: 'Terminal shell' } }],
                  droppedAttributesCount: 3,
                  flags: 4294967295,
                  traceId: Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex').toString('base64'),
                  spanId: '',
                  eventName: 'process.exec',
                },
                {},
              ],
              schemaUrl: 'x',
            },
          ],
        },
      ],
    };
    const body = encode('logs', request);
    expect(decode('logs', body)).toEqual(decoderShape(referenceDecode('logs', body)));
    expect(decode('logs', body)).toEqual(decoderShape(request));
  });

  it.each([
    ['metrics', 1],
    ['logs', 2],
  ] as const)('agrees on 300 random %s requests', (signal, seed) => {
    const random = new RandomRequests(seed);
    for (let i = 0; i < 300; i++) {
      const body = encode(signal, signal === 'metrics' ? random.metrics() : random.logs());
      expect(decode(signal, body)).toEqual(decoderShape(referenceDecode(signal, body)));
    }
  });

  it('reads unpacked repeated numbers like packed ones', () => {
    const point = wire((w) => {
      w.uint32((3 << 3) | 1).fixed64(5);
      for (const count of [1, 2, 3]) w.uint32((6 << 3) | 1).fixed64(count);
      for (const bound of [0.5, 1]) w.uint32((7 << 3) | 1).double(bound);
    });
    const buckets = wire((w) => {
      for (const count of [4, 0]) w.uint32((2 << 3) | 0).uint64(count);
    });
    const exponential = Buffer.concat([field(8, buckets), field(9, Buffer.alloc(0))]);
    const scope = Buffer.concat([field(2, field(9, field(1, point))), field(2, field(10, field(1, exponential)))]);
    const body = field(1, field(2, scope));
    const expected = referenceDecode('metrics', body);
    expect(expected).toMatchObject({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                { histogram: { dataPoints: [{ bucketCounts: ['1', '2', '3'], explicitBounds: [0.5, 1] }] } },
                { exponentialHistogram: { dataPoints: [{ positive: { bucketCounts: ['4', '0'] }, negative: {} }] } },
              ],
            },
          ],
        },
      ],
    });
    expect(decode('metrics', body)).toEqual(decoderShape(expected));
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const unknown = wire((w) => {
      w.uint32((90 << 3) | 0).uint64(2 ** 40);
      w.uint32((91 << 3) | 1).fixed64(1);
      w.uint32((92 << 3) | 2).string('exemplar');
      w.uint32((93 << 3) | 3);
      w.uint32((94 << 3) | 5).fixed32(1);
      w.uint32((93 << 3) | 4);
      w.uint32((95 << 3) | 5).fixed32(7);
    });
    const point = Buffer.concat([unknown, wire((w) => w.uint32((4 << 3) | 1).double(2)), unknown]);
    const metric = Buffer.concat([unknown, field(1, Buffer.from('m')), field(5, Buffer.concat([field(1, point)]))]);
    const body = Buffer.concat([unknown, field(1, Buffer.concat([field(2, field(2, metric)), unknown]))]);
    expect(decode('metrics', body)).toEqual(decoderShape(referenceDecode('metrics', body)));
    expect(decode('metrics', body)).toEqual({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [{ asDouble: 2 }] } }] }] }],
    });
  });

  it('skips a known field sent with another wire type, as protobuf does', () => {
    // timeUnixNano (3) as a varint instead of fixed64, then asDouble (4) as it should be.
    const point = wire((w) =>
      w
        .uint32((3 << 3) | 0)
        .uint64(99)
        .uint32((4 << 3) | 1)
        .double(1),
    );
    const body = field(1, field(2, field(2, Buffer.concat([field(1, Buffer.from('m')), field(5, field(1, point))]))));
    expect(decode('metrics', body)).toEqual({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [{ asDouble: 1 }] } }] }] }],
    });
  });

  it('keeps the last of a repeated singular field and every item of a repeated one', () => {
    const body = Buffer.concat([
      encode('logs', { resourceLogs: [{ schemaUrl: 'a' }] }),
      encode('logs', { resourceLogs: [{ schemaUrl: 'b' }] }),
    ]);
    expect(decode('logs', body)).toEqual(decoderShape(referenceDecode('logs', body)));
    expect(decode('logs', body)).toEqual({ resourceLogs: [{ schemaUrl: 'a' }, { schemaUrl: 'b' }] });
  });

  it('reads an empty body as an empty request', () => {
    expect(decode('metrics', Buffer.alloc(0))).toEqual({});
    expect(decode('logs', Buffer.alloc(0))).toEqual({});
  });

  it('refuses exactly the truncated bodies protobufjs refuses, and reads the others the same', () => {
    const body = encode('metrics', new RandomRequests(3).metrics());
    const full = encode('metrics', {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'k', value: { stringValue: 'v' } }] },
          scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [{ timeUnixNano: '5', asInt: '-2' }] } }] }],
        },
        { schemaUrl: 'x' },
      ],
    });
    for (const whole of [body, full]) {
      for (let cut = 0; cut < whole.length; cut++) {
        const { ours, reference } = outcomes('metrics', whole.subarray(0, cut));
        expect(ours).toEqual(reference);
      }
    }
  });

  it('refuses nesting deeper than protobufjs does, at the same depth', () => {
    const nested = (depth: number): Buffer => {
      let value = field(1, Buffer.from('x'));
      for (let i = 0; i < depth; i++) value = field(5, field(1, value)); // AnyValue.array_value.values
      return field(1, field(2, field(2, field(5, value)))); // request.resource_logs.scope_logs.log_records.body
    };
    let refusedFrom: number | undefined;
    for (let depth = 40; depth <= 60; depth++) {
      const { ours, reference } = outcomes('logs', nested(depth));
      expect(ours === 'refused').toBe(reference === 'refused');
      if (ours === 'refused') refusedFrom ??= depth;
    }
    expect(refusedFrom).toBeDefined();
    expect(() => decode('logs', nested(5_000))).toThrow(/maximum nesting depth exceeded/);
  });

  it.each([
    ['a length past the end', Buffer.from([0x0a, 0xff, 0xff, 0x07])],
    ['wire type 7', Buffer.from([0x0f])],
    ['a varint longer than 10 bytes', Buffer.from([0x08, ...Array<number>(11).fill(0xff), 0x01])],
    ['an unterminated group', Buffer.from([0x0b])],
    ['a fixed64 cut short', field(1, field(2, field(2, field(5, field(1, Buffer.from([0x19, 1, 2]))))))],
  ])('refuses %s with a 400 that says why', (_name, body) => {
    expect(() => decode('metrics', body)).toThrow(HttpError);
    expect(() => decode('metrics', body)).toThrow(/protobuf body is not a valid OTLP metrics export request: \S/);
  });
});

describe('OTLP protobuf answers', () => {
  it.each(['metrics', 'logs'] as const)('%s: an empty response on success, else the partial success', (signal) => {
    const type = RESPONSE[signal];
    const countKey = signal === 'metrics' ? 'rejectedDataPoints' : 'rejectedLogRecords';
    expect(encodeOtlpResponse(undefined)).toEqual(Buffer.from(type.encode(type.fromObject({})).finish()));
    for (const [rejected, message] of [
      [0, 'late'],
      [3, ''],
      [2 ** 40, 'ünïcödé ; 进程'],
    ] as const) {
      const ours = encodeOtlpResponse({ rejected, message });
      const theirs = type.encode(type.fromObject({ partialSuccess: { [countKey]: rejected, errorMessage: message } }));
      expect(ours).toEqual(Buffer.from(theirs.finish()));
      expect(type.toObject(type.decode(ours), { longs: Number })).toEqual({
        partialSuccess: { [countKey]: rejected, errorMessage: message },
      });
    }
  });

  it('a google.rpc.Status', () => {
    const status = { code: 14, message: 'the service is shutting down' };
    const ours = encodeStatus(status.code, status.message);
    expect(ours).toEqual(Buffer.from(STATUS.encode(STATUS.fromObject(status)).finish()));
    expect(STATUS.toObject(STATUS.decode(ours))).toEqual(status);
  });
});
