import { join } from 'node:path';
import type { IConversionOptions, Type } from 'protobufjs';
import { loadSync, Writer } from 'protobufjs';
import type { OtlpSignal } from '../codec';
import { OBSERVED_TIME_MS, START_TIME_MS, TIME_MS } from '../../json';
import { uniform } from '../../../../__fixtures__/uniform';

/**
 * protobufjs over proto/otlp.proto: the reference the hand-written wire code is checked against. Until it was
 * replaced, the service decoded requests exactly like `referenceDecode` (decode, then toObject in the OTLP/JSON
 * shape).
 */
const root = loadSync(join(__dirname, '..', '..', '..', '..', '..', 'proto', 'otlp.proto'));

export const REQUEST: Record<OtlpSignal, Type> = {
  metrics: root.lookupType('lockstep.otlp.ExportMetricsServiceRequest'),
  logs: root.lookupType('lockstep.otlp.ExportLogsServiceRequest'),
};
export const RESPONSE: Record<OtlpSignal, Type> = {
  metrics: root.lookupType('lockstep.otlp.ExportMetricsServiceResponse'),
  logs: root.lookupType('lockstep.otlp.ExportLogsServiceResponse'),
};
export const STATUS = root.lookupType('lockstep.otlp.Status');

const TO_JSON_SHAPE: IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false };

/** An OTLP/JSON-shaped request object (int64 as strings or numbers, bytes as base64) → protobuf bytes. */
export function encode(signal: OtlpSignal, request: object): Buffer {
  const type = REQUEST[signal];
  return Buffer.from(type.encode(type.fromObject(request)).finish());
}

export function referenceDecode(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = REQUEST[signal];
  return type.toObject(type.decode(body), TO_JSON_SHAPE);
}

/** Raw wire bytes for cases protobufjs never writes (unpacked repeated fields, unknown fields, groups). */
export function wire(build: (writer: Writer) => void): Buffer {
  const writer = Writer.create();
  build(writer);
  return Buffer.from(writer.finish());
}

/** A length-delimited field holding `payload`. */
export function field(number: number, payload: Uint8Array): Buffer {
  return wire((w) => w.uint32((number << 3) | 2).bytes(payload));
}

type Json = Record<string, unknown>;

/**
 * Random requests in the OTLP/JSON shape covering every field of the schema (each present or not at random),
 * with 64-bit values anywhere in their range and text in several scripts.
 */
export class RandomRequests {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = uniform(seed);
  }

  metrics(): Json {
    return { resourceMetrics: this.list(3, () => this.resourceMetrics()) };
  }

  logs(): Json {
    return { resourceLogs: this.list(3, () => this.resourceLogs()) };
  }

  private chance(p = 0.5): boolean {
    return this.next() < p;
  }

  private int(max: number): number {
    return Math.floor(this.next() * max);
  }

  private list<T>(max: number, item: () => T): T[] {
    return Array.from({ length: this.int(max + 1) }, item);
  }

  private maybe(out: Json, key: string, value: () => unknown): void {
    if (this.chance()) out[key] = value();
  }

  private text(): string {
    const alphabets = ['host.name', 'ünïcödé', '进程', '🔥x', '', 'a\u0000b', 'process.command_line --x'];
    return alphabets[this.int(alphabets.length)]! + (this.chance() ? String(this.int(1000)) : '');
  }

  /** An unsigned 64-bit decimal string, biased to the edges (0, 2^32, 2^53, 2^64 - 1) and to nanosecond times. */
  private unsigned64(): string {
    const pick = this.int(6);
    if (pick === 0)
      return ['0', '1', '4294967295', '4294967296', '9007199254740992', '18446744073709551615'][this.int(6)]!;
    if (pick === 1) return String(this.int(2 ** 32));
    if (pick === 2) return `${1_700_000_000 + this.int(100_000_000)}${String(this.int(1e9)).padStart(9, '0')}`;
    const hi = BigInt(this.int(2 ** 32));
    const lo = BigInt(this.int(2 ** 32));
    return ((hi << 32n) | lo).toString();
  }

  private signed64(): string {
    const value = BigInt.asIntN(64, BigInt(this.unsigned64()));
    return (this.chance(0.3) ? -value : value).toString();
  }

  private double(): number {
    const specials = [0, -0, 1.5, -2.25, 1e-300, 1.7976931348623157e308, Number.NaN, Infinity, -Infinity];
    return this.chance(0.3) ? specials[this.int(specials.length)]! : (this.next() - 0.5) * 10 ** this.int(12);
  }

  private base64(): string {
    return Buffer.from(Array.from({ length: this.int(17) }, () => this.int(256))).toString('base64');
  }

  private anyValue(depth = 0): Json {
    const kind = this.int(depth > 2 ? 5 : 7);
    switch (kind) {
      case 0:
        return { stringValue: this.text() };
      case 1:
        return { boolValue: this.chance() };
      case 2:
        return { intValue: this.signed64() };
      case 3:
        return { doubleValue: this.double() };
      case 4:
        return { bytesValue: this.base64() };
      case 5:
        return { arrayValue: { values: this.list(3, () => this.anyValue(depth + 1)) } };
      default:
        return { kvlistValue: { values: this.list(3, () => this.keyValue(depth + 1)) } };
    }
  }

  private keyValue(depth = 0): Json {
    const out: Json = {};
    this.maybe(out, 'key', () => this.text());
    this.maybe(out, 'value', () => this.anyValue(depth));
    return out;
  }

  private attributes(): Json[] {
    return this.list(4, () => this.keyValue());
  }

  private scope(): Json {
    const out: Json = {};
    this.maybe(out, 'name', () => this.text());
    this.maybe(out, 'version', () => this.text());
    this.maybe(out, 'attributes', () => this.attributes());
    this.maybe(out, 'droppedAttributesCount', () => this.int(2 ** 32));
    return out;
  }

  private resource(): Json {
    const out: Json = {};
    this.maybe(out, 'attributes', () => this.attributes());
    this.maybe(out, 'droppedAttributesCount', () => this.int(100));
    return out;
  }

  private resourceMetrics(): Json {
    const out: Json = {};
    this.maybe(out, 'resource', () => this.resource());
    this.maybe(out, 'scopeMetrics', () =>
      this.list(2, () => {
        const scope: Json = {};
        this.maybe(scope, 'scope', () => this.scope());
        this.maybe(scope, 'metrics', () => this.list(4, () => this.metric()));
        this.maybe(scope, 'schemaUrl', () => this.text());
        return scope;
      }),
    );
    this.maybe(out, 'schemaUrl', () => this.text());
    return out;
  }

  private pointTimes(out: Json): void {
    this.maybe(out, 'startTimeUnixNano', () => this.unsigned64());
    this.maybe(out, 'timeUnixNano', () => this.unsigned64());
    this.maybe(out, 'flags', () => this.int(4));
  }

  private numberPoint(): Json {
    const out: Json = {};
    this.maybe(out, 'attributes', () => this.attributes());
    this.pointTimes(out);
    const value = this.int(3);
    if (value === 0) out.asDouble = this.double();
    else if (value === 1) out.asInt = this.signed64();
    return out;
  }

  private histogramPoint(): Json {
    const out: Json = {};
    this.maybe(out, 'attributes', () => this.attributes());
    this.pointTimes(out);
    this.maybe(out, 'count', () => this.unsigned64());
    this.maybe(out, 'sum', () => this.double());
    this.maybe(out, 'bucketCounts', () => this.list(5, () => this.unsigned64()));
    this.maybe(out, 'explicitBounds', () => this.list(4, () => this.double()));
    this.maybe(out, 'min', () => this.double());
    this.maybe(out, 'max', () => this.double());
    return out;
  }

  private buckets(): Json {
    const out: Json = {};
    this.maybe(out, 'offset', () => this.int(2000) - 1000);
    this.maybe(out, 'bucketCounts', () => this.list(5, () => this.unsigned64()));
    return out;
  }

  private exponentialPoint(): Json {
    const out: Json = {};
    this.maybe(out, 'attributes', () => this.attributes());
    this.pointTimes(out);
    this.maybe(out, 'count', () => this.unsigned64());
    this.maybe(out, 'sum', () => this.double());
    this.maybe(out, 'scale', () => this.int(41) - 20);
    this.maybe(out, 'zeroCount', () => this.unsigned64());
    this.maybe(out, 'positive', () => this.buckets());
    this.maybe(out, 'negative', () => this.buckets());
    this.maybe(out, 'min', () => this.double());
    this.maybe(out, 'max', () => this.double());
    this.maybe(out, 'zeroThreshold', () => this.double());
    return out;
  }

  private summaryPoint(): Json {
    const out: Json = {};
    this.maybe(out, 'attributes', () => this.attributes());
    this.pointTimes(out);
    this.maybe(out, 'count', () => this.unsigned64());
    this.maybe(out, 'sum', () => this.double());
    this.maybe(out, 'quantileValues', () =>
      this.list(3, () => {
        const q: Json = {};
        this.maybe(q, 'quantile', () => this.next());
        this.maybe(q, 'value', () => this.double());
        return q;
      }),
    );
    return out;
  }

  private metric(): Json {
    const out: Json = {};
    this.maybe(out, 'name', () => (this.chance() ? 'process.cpu.time' : this.text()));
    this.maybe(out, 'description', () => this.text());
    this.maybe(out, 'unit', () => this.text());
    const temporality = (body: Json): Json => {
      this.maybe(body, 'aggregationTemporality', () => this.int(3));
      return body;
    };
    switch (this.int(6)) {
      case 0:
        out.gauge = { dataPoints: this.list(3, () => this.numberPoint()) };
        break;
      case 1:
        out.sum = temporality({ dataPoints: this.list(3, () => this.numberPoint()), isMonotonic: this.chance() });
        break;
      case 2:
        out.histogram = temporality({ dataPoints: this.list(3, () => this.histogramPoint()) });
        break;
      case 3:
        out.exponentialHistogram = temporality({ dataPoints: this.list(3, () => this.exponentialPoint()) });
        break;
      case 4:
        out.summary = { dataPoints: this.list(3, () => this.summaryPoint()) };
        break;
      default:
        break;
    }
    this.maybe(out, 'metadata', () => this.attributes());
    return out;
  }

  private resourceLogs(): Json {
    const out: Json = {};
    this.maybe(out, 'resource', () => this.resource());
    this.maybe(out, 'scopeLogs', () =>
      this.list(2, () => {
        const scope: Json = {};
        this.maybe(scope, 'scope', () => this.scope());
        this.maybe(scope, 'logRecords', () => this.list(4, () => this.logRecord()));
        this.maybe(scope, 'schemaUrl', () => this.text());
        return scope;
      }),
    );
    this.maybe(out, 'schemaUrl', () => this.text());
    return out;
  }

  private logRecord(): Json {
    const out: Json = {};
    this.maybe(out, 'timeUnixNano', () => this.unsigned64());
    this.maybe(out, 'observedTimeUnixNano', () => this.unsigned64());
    this.maybe(out, 'severityNumber', () => this.int(30) - 3);
    this.maybe(out, 'severityText', () => this.text());
    this.maybe(out, 'body', () => this.anyValue());
    this.maybe(out, 'attributes', () => this.attributes());
    this.maybe(out, 'droppedAttributesCount', () => this.int(10));
    this.maybe(out, 'flags', () => this.int(2 ** 32));
    this.maybe(out, 'traceId', () => this.base64());
    this.maybe(out, 'spanId', () => this.base64());
    this.maybe(out, 'eventName', () => this.text());
    return out;
  }
}

const TIME_KEYS: Record<string, symbol> = {
  timeUnixNano: TIME_MS,
  startTimeUnixNano: START_TIME_MS,
  observedTimeUnixNano: OBSERVED_TIME_MS,
};
/** 64-bit counts (and `asInt`), which the reader gives as numbers. */
const NUMBER_KEYS = new Set(['count', 'zeroCount', 'asInt']);
/** Bytes fields, which nothing reads and the reader skips. */
const BYTES_KEYS = new Set(['bytesValue', 'traceId', 'spanId']);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An OTLP/JSON-shaped object (protobufjs's toObject with `longs: String`, or a protojson request) in the form the
 * wire reader hands the decoders, computed independently with BigInt: times as epoch ms under the symbol keys,
 * counts as numbers, integer attribute values as numbers when safe, bytes fields gone.
 */
export function decoderShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decoderShape);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string | symbol, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (BYTES_KEYS.has(key)) continue;
    const timeKey = TIME_KEYS[key];
    if (timeKey !== undefined) out[timeKey] = Number(BigInt(item as string) / 1_000_000n);
    else if (NUMBER_KEYS.has(key)) out[key] = Number(item);
    else if (key === 'bucketCounts') out[key] = (item as string[]).map(Number);
    else if (key === 'intValue') {
      const big = BigInt(item as string);
      out[key] = big <= MAX_SAFE && big >= -MAX_SAFE ? Number(big) : big.toString();
    } else out[key] = decoderShape(item);
  }
  return out;
}
