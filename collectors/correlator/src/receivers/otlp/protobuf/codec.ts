import { BAD_REQUEST, HttpError } from '../../../http/errors';
import { readLogsRequest, readMetricsRequest } from './read-request';
import { WireReader } from './wire-reader';

/**
 * OTLP/HTTP protobuf bodies in and out, by hand on the wire format: requests are read straight into the OTLP/JSON
 * shape (see otlp-decode.ts), so protobuf and JSON requests go to the very same decoders; the three small
 * messages the service answers with are written field by field. `proto/otlp.proto` (shipped beside `dist/` and
 * `src/`) is the schema both follow; the tests check them against protobufjs reading and writing that file.
 */

export type OtlpSignal = 'metrics' | 'logs';

/** Decodes an Export{Metrics,Logs}ServiceRequest; throws HttpError 400 with a sentence on any malformed body. */
export function decodeOtlpProtobuf(signal: OtlpSignal, body: Buffer): unknown {
  try {
    const reader = new WireReader(body);
    return signal === 'metrics' ? readMetricsRequest(reader) : readLogsRequest(reader);
  } catch (error) {
    // RangeError covers both truncated input and, should it ever happen, a stack too small for the nesting.
    const reason =
      error instanceof RangeError && /call stack/i.test(error.message) ? 'nested too deeply' : describe(error);
    throw new HttpError(BAD_REQUEST, `protobuf body is not a valid OTLP ${signal} export request: ${reason}`);
  }
}

/** Items the server did not accept, and why: the partial_success of an export response. */
export interface PartialSuccess {
  rejected: number;
  message: string;
}

/**
 * An Export{Metrics,Logs}ServiceResponse (both are `partial_success = 1 { int64 rejected = 1; string
 * error_message = 2 }`): empty on full success.
 */
export function encodeOtlpResponse(partial: PartialSuccess | undefined): Buffer {
  if (partial === undefined) return Buffer.alloc(0);
  const inner = new WireWriter();
  inner.tag(1, 0).varint(partial.rejected);
  inner.tag(2, 2).string(partial.message);
  return new WireWriter().tag(1, 2).bytes(inner.finish()).finish();
}

/** A google.rpc.Status, the body of an OTLP/HTTP error response to a protobuf request. */
export function encodeStatus(code: number, message: string): Buffer {
  return new WireWriter().tag(1, 0).varint(code).tag(2, 2).string(message).finish();
}

/** Just enough of a protobuf writer for the answers above: non-negative varints, strings, nested bytes. */
class WireWriter {
  private readonly parts: Buffer[] = [];
  private readonly scratch: number[] = [];

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType);
  }

  /** A non-negative integer up to 2^53 (counts, codes); negatives are written as 0. */
  varint(value: number): this {
    const bytes = this.scratch;
    bytes.length = 0;
    let n = Math.max(0, Math.floor(value));
    while (n >= 128) {
      bytes.push((n % 128) | 128);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  string(text: string): this {
    return this.bytes(Buffer.from(text, 'utf8'));
  }

  bytes(data: Buffer): this {
    this.varint(data.length);
    this.parts.push(data);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
}
