import { join } from 'node:path';
import type { IConversionOptions, Type } from 'protobufjs';
import { loadSync } from 'protobufjs';
import { BAD_REQUEST, HttpError } from '../http/errors';

/**
 * OTLP protobuf bodies, decoded with protobufjs from the schema subset in `proto/otlp.proto` (shipped beside
 * `dist/` and `src/`, hence the path two levels up from this folder). Decoded messages are converted to the
 * OTLP/JSON shape — camelCase names, 64-bit integers as decimal strings, enums as numbers — so protobuf and JSON
 * requests go to the very same decoders.
 */
const PROTO_FILE = join(__dirname, '..', '..', '..', 'proto', 'otlp.proto');

const TO_JSON_SHAPE: IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false };

export type OtlpSignal = 'metrics' | 'logs';

interface Messages {
  request: Type;
  response: Type;
}

interface Schema extends Record<OtlpSignal, Messages> {
  status: Type;
}

let loaded: Schema | undefined;

function messages(): Schema {
  if (loaded === undefined) {
    const root = loadSync(PROTO_FILE);
    loaded = {
      status: root.lookupType('lockstep.otlp.Status'),
      metrics: {
        request: root.lookupType('lockstep.otlp.ExportMetricsServiceRequest'),
        response: root.lookupType('lockstep.otlp.ExportMetricsServiceResponse'),
      },
      logs: {
        request: root.lookupType('lockstep.otlp.ExportLogsServiceRequest'),
        response: root.lookupType('lockstep.otlp.ExportLogsServiceResponse'),
      },
    };
  }
  return loaded;
}

/** Decodes an Export{Metrics,Logs}ServiceRequest; throws HttpError 400 with a sentence on any malformed body. */
export function decodeOtlpProtobuf(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = messages()[signal].request;
  try {
    return type.toObject(type.decode(body), TO_JSON_SHAPE);
  } catch (error) {
    // RangeError covers both truncated input and nesting too deep for the stack (AnyValue inside AnyValue ...).
    const reason =
      error instanceof RangeError && /call stack/i.test(error.message) ? 'nested too deeply' : describe(error);
    throw new HttpError(BAD_REQUEST, `protobuf body is not a valid OTLP ${signal} export request: ${reason}`);
  }
}

/** An Export{Metrics,Logs}ServiceResponse; `partialSuccess` is in the OTLP/JSON shape the JSON response uses. */
export function encodeOtlpResponse(signal: OtlpSignal, response: object): Uint8Array {
  const type = messages()[signal].response;
  return type.encode(type.fromObject(response)).finish();
}

/** A google.rpc.Status, the body of an OTLP/HTTP error response to a protobuf request. */
export function encodeStatus(code: number, message: string): Uint8Array {
  const type = messages().status;
  return type.encode(type.fromObject({ code, message })).finish();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unreadable';
}
