import type { JsonObject } from '../json';
import { OBSERVED_TIME_MS, TIME_MS } from '../json';
import { anyValue, envelope, instrumentationScope, keyValue, resource } from './read-common';
import type { WireReader } from './wire-reader';

// logs.proto

export function resourceLogs(r: WireReader, depth: number): JsonObject {
  return envelope(r, depth, 'resource', resource, 'scopeLogs', scopeLogs);
}

function scopeLogs(r: WireReader, depth: number): JsonObject {
  return envelope(r, depth, 'scope', instrumentationScope, 'logRecords', logRecord);
}

function logRecord(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    switch (t) {
      case (1 << 3) | 1:
        out[TIME_MS] = r.fixed64Millis();
        break;
      case (11 << 3) | 1:
        out[OBSERVED_TIME_MS] = r.fixed64Millis();
        break;
      case (2 << 3) | 0:
        out.severityNumber = r.int32();
        break;
      case (3 << 3) | 2:
        out.severityText = r.string();
        break;
      case (5 << 3) | 2:
        out.body = anyValue(r, depth + 1);
        break;
      case (6 << 3) | 2:
        (attributes ??= []).push(keyValue(r, depth + 1));
        break;
      case (7 << 3) | 0:
        out.droppedAttributesCount = r.uint32();
        break;
      case (8 << 3) | 5:
        out.flags = r.fixed32();
        break;
      case (12 << 3) | 2:
        out.eventName = r.string();
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (attributes !== undefined) out.attributes = attributes;
  r.leave(outer);
  return out;
}
