import type { JsonObject } from '../json';
import { resourceLogs } from './read-logs';
import { resourceMetrics } from './read-metrics';
import type { WireReader } from './wire-reader';

/**
 * OTLP export requests (proto/otlp.proto) read straight from the wire into what the decoders in ../metrics and
 * ../logs consume: the OTLP/JSON object shape (lowerCamelCase names, enums as numbers, only the fields the sender
 * wrote, empty repeated fields left out), with the 64-bit values already in the form the decoders use — times as
 * epoch milliseconds under the TIME_MS / START_TIME_MS / OBSERVED_TIME_MS keys, counts and `asInt` as numbers,
 * integer attribute values as numbers (or exact decimal strings past 2^53) — and no bytes fields at all (trace and
 * span ids, bytes attribute values: nothing reads them). read-request.test.ts checks the result field by field
 * against protobufjs's decode + toObject brought into that form. No intermediate message instances, Long objects,
 * decimal strings or second walk: those cost most of a protobuf request's CPU time.
 *
 * Each walker reads one message whose contents end at `r.limit`, switching on whole tags written
 * `(field << 3) | wireType` (wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32; literals, which the
 * engine folds, rather than imported constants, which a module loader may turn into getter calls). A field sent
 * with a wire type other than the schema's is skipped like an unknown field (protobuf's rule), as are unknown
 * fields.
 *
 * The walkers live by proto file: read-common.ts (common.proto, resource.proto), read-metrics.ts (metrics.proto),
 * read-logs.ts (logs.proto); this file holds the export requests that wrap them.
 */

// collector/{metrics,logs}/v1 export requests

/** The body of an OTLP/HTTP export request (the message itself is the whole body, at depth 0). */
function exportRequest(r: WireReader, key: string, item: (r: WireReader, depth: number) => JsonObject): JsonObject {
  const items: JsonObject[] = [];
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) items.push(item(r, 1));
    else r.skip(t & 7, 0);
  }
  return items.length > 0 ? { [key]: items } : {};
}

export function readMetricsRequest(r: WireReader): JsonObject {
  return exportRequest(r, 'resourceMetrics', resourceMetrics);
}

export function readLogsRequest(r: WireReader): JsonObject {
  return exportRequest(r, 'resourceLogs', resourceLogs);
}
