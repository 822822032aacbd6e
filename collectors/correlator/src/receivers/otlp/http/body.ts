import type { FastifyReply } from 'fastify';
import type { OtlpEncoding } from './content-type';
import { BAD_REQUEST, HttpError } from '../../../http/errors';
import type { OtlpSignal, PartialSuccess } from '../protobuf/codec';
import { decodeOtlpProtobuf, encodeOtlpResponse } from '../protobuf/codec';
import { isUtf8 } from '../../utf8';

const TOP_LEVEL: Record<OtlpSignal, [string, string]> = {
  metrics: ['resourceMetrics', 'resource_metrics'],
  logs: ['resourceLogs', 'resource_logs'],
};

/**
 * An export request in the OTLP/JSON shape, from either encoding. A body that is not a request at all (bad
 * protobuf, bad JSON, a JSON value that is not an object, a top-level list that is not a list) is a 400; an
 * object without the list is an empty request, as in protobuf, where an empty body is a valid request.
 */
export function readExportRequest(signal: OtlpSignal, encoding: OtlpEncoding, body: Buffer): Record<string, unknown> {
  let message: unknown;
  if (encoding === 'protobuf') {
    message = decodeOtlpProtobuf(signal, body);
  } else {
    if (!isUtf8(body)) throw new HttpError(BAD_REQUEST, 'JSON body is not valid UTF-8');
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (error) {
      // RangeError (nesting too deep for the parser) lands here too.
      throw new HttpError(BAD_REQUEST, `JSON body is not valid: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new HttpError(BAD_REQUEST, `body is not an OTLP ${signal} export request: expected a JSON object`);
  }
  const record = message as Record<string, unknown>;
  const [camel, snake] = TOP_LEVEL[signal];
  const list = Object.hasOwn(record, camel) ? record[camel] : Object.hasOwn(record, snake) ? record[snake] : [];
  if (!Array.isArray(list)) {
    throw new HttpError(BAD_REQUEST, `body is not an OTLP ${signal} export request: ${camel} is not an array`);
  }
  return { [camel]: list };
}

/** Items the server did not accept, and why (OTLP partial success). */
export type Rejection = PartialSuccess;

/** A 200 answer: `{}` on full success, else a partial success naming the count and the first problems. */
export function sendExportResponse(
  reply: FastifyReply,
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  rejection: Rejection,
): FastifyReply {
  const partial = rejection.rejected > 0 || rejection.message !== '' ? rejection : undefined;
  if (encoding === 'protobuf') {
    return reply.code(200).type('application/x-protobuf').send(encodeOtlpResponse(partial));
  }
  const countKey = signal === 'metrics' ? 'rejectedDataPoints' : 'rejectedLogRecords';
  const response =
    partial === undefined ? {} : { partialSuccess: { [countKey]: partial.rejected, errorMessage: partial.message } };
  return reply.code(200).type('application/json').send(response);
}
