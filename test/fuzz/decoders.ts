/**
 * The decoders and normalizers on their own, for fuzzing without HTTP around them: each takes one fuzz input and
 * must either decode it or refuse it with the error its caller turns into a 400. A TypeError, a ReferenceError or
 * a RangeError other than the wire reader's "index out of range" is a bug (the HTTP path would answer 500, or
 * worse, a 400 that hides one).
 */
import type { EventFormat } from '@lockstep/contract';
import {
  decodeOtlpLogs,
  EventDecoder,
  OtlpMetricsDecoder,
  readLogsRequest,
  readMetricsRequest,
  WireReader,
} from '@lockstep/correlator';
import type { FuzzInput, FuzzTarget } from './inputs';

export type Decode = (input: FuzzInput) => void;

/** Whether an error is a decoder's refusal (its callers answer 400) rather than a bug. */
export function isRefusal(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof ReferenceError) return false;
  if (error instanceof RangeError) return /index out of range|call stack/i.test(error.message);
  return error instanceof Error;
}

function parsedJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined; // not JSON: the HTTP path answers 400 before any decoder sees it
  }
}

/** The decoder (or, for protobuf, wire reader and decoder) behind each ingest target. */
export function decoderFor(target: FuzzTarget): Decode {
  if (target.name === 'metrics/json') {
    const decoder = new OtlpMetricsDecoder();
    return (input) => {
      decoder.decode(parsedJson(input.body));
    };
  }
  if (target.name === 'logs/json') return (input) => void decodeOtlpLogs(parsedJson(input.body));
  if (target.name === 'metrics/protobuf') {
    const decoder = new OtlpMetricsDecoder();
    return (input) => {
      let request: unknown;
      try {
        request = readMetricsRequest(new WireReader(input.body));
      } catch (error) {
        if (isRefusal(error)) return;
        throw error;
      }
      decoder.decode(request);
    };
  }
  if (target.name === 'logs/protobuf') {
    return (input) => {
      let request: unknown;
      try {
        request = readLogsRequest(new WireReader(input.body));
      } catch (error) {
        if (isRefusal(error)) return;
        throw error;
      }
      decodeOtlpLogs(request);
    };
  }
  const format = target.name.slice('events/'.length) as EventFormat;
  const decoder = new EventDecoder(format, { referenceTime: () => Date.now() });
  return (input) => {
    const batch = decoder.decode(input.body.toString('utf8'));
    // Every observation a normalizer hands on must carry a time a Date can hold or be refused downstream; the
    // engine judges that, so here only the shape is checked.
    for (const observation of batch.observations) {
      if (typeof observation.time !== 'number')
        throw new TypeError(`observation without a numeric time: ${JSON.stringify(observation).slice(0, 200)}`);
    }
  };
}
