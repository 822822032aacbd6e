import type { JsonObject } from '../json';
import type { WireReader } from './wire-reader';

// common.proto

export function anyValue(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  while (r.pos < r.limit) {
    const t = r.uint32();
    switch (t) {
      case (1 << 3) | 2:
        out.stringValue = r.string();
        break;
      case (2 << 3) | 0:
        out.boolValue = r.bool();
        break;
      case (3 << 3) | 0:
        out.intValue = r.int64Value();
        break;
      case (4 << 3) | 1:
        out.doubleValue = r.double();
        break;
      case (5 << 3) | 2:
        out.arrayValue = arrayValue(r, depth + 1);
        break;
      case (6 << 3) | 2:
        out.kvlistValue = keyValueList(r, depth + 1);
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  r.leave(outer);
  return out;
}

function arrayValue(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const values: JsonObject[] = [];
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) values.push(anyValue(r, depth + 1));
    else r.skip(t & 7, depth);
  }
  r.leave(outer);
  return values.length > 0 ? { values } : {};
}

function keyValueList(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const values: JsonObject[] = [];
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) values.push(keyValue(r, depth + 1));
    else r.skip(t & 7, depth);
  }
  r.leave(outer);
  return values.length > 0 ? { values } : {};
}

export function keyValue(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) out.key = r.string();
    else if (t === ((2 << 3) | 2)) out.value = anyValue(r, depth + 1);
    else r.skip(t & 7, depth);
  }
  r.leave(outer);
  return out;
}

export function instrumentationScope(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    switch (t) {
      case (1 << 3) | 2:
        out.name = r.string();
        break;
      case (2 << 3) | 2:
        out.version = r.string();
        break;
      case (3 << 3) | 2:
        (attributes ??= []).push(keyValue(r, depth + 1));
        break;
      case (4 << 3) | 0:
        out.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(t & 7, depth);
    }
  }
  if (attributes !== undefined) out.attributes = attributes;
  r.leave(outer);
  return out;
}

// resource.proto

export function resource(r: WireReader, depth: number): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let attributes: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) (attributes ??= []).push(keyValue(r, depth + 1));
    else if (t === ((2 << 3) | 0)) out.droppedAttributesCount = r.uint32();
    else r.skip(t & 7, depth);
  }
  if (attributes !== undefined) out.attributes = attributes;
  r.leave(outer);
  return out;
}

type Walker = (r: WireReader, depth: number) => JsonObject;

/**
 * The envelope messages of metrics.proto and logs.proto (ResourceMetrics, ScopeMetrics, ResourceLogs, ScopeLogs)
 * share one layout: field 1 the message they describe (a Resource, an InstrumentationScope), field 2 the repeated
 * contents, field 3 `schema_url`. Read under their JSON names `headerKey` and `itemsKey`.
 */
export function envelope(
  r: WireReader,
  depth: number,
  headerKey: string,
  header: Walker,
  itemsKey: string,
  item: Walker,
): JsonObject {
  const outer = r.enter(depth);
  const out: JsonObject = {};
  let items: JsonObject[] | undefined;
  while (r.pos < r.limit) {
    const t = r.uint32();
    if (t === ((1 << 3) | 2)) out[headerKey] = header(r, depth + 1);
    else if (t === ((2 << 3) | 2)) (items ??= []).push(item(r, depth + 1));
    else if (t === ((3 << 3) | 2)) out.schemaUrl = r.string();
    else r.skip(t & 7, depth);
  }
  if (items !== undefined) out[itemsKey] = items;
  r.leave(outer);
  return out;
}
