import type { Skipped } from '../../../model/signal';
import { cap } from '../common/fields';
import { MAX_LINE, MAX_OUTPUT } from '../../../model/limits';
import { skipped } from '../common/skipped';
import { decodeAuditValue } from './values';

/** One line of audit.log: `[node=<host> ]type=<TYPE> msg=audit(<sec>.<ms>:<serial>): key=value ...`. */
export interface AuditRecord {
  node?: string;
  type: string;
  /** Epoch ms of the event the record belongs to. */
  time: number;
  serial: number;
  /** Field values, hex-decoded where audit encodes them; first occurrence wins. */
  fields: Map<string, string>;
  /** Names auditd resolved (`log_format = ENRICHED`): `UID="root"` after the 0x1d separator. */
  enriched: Map<string, string>;
  /** The record text after the header, kept for AVC records only (their free text: `avc:  denied  { read }`). */
  body: string;
  /** The line as written, cut to the length a signal's output keeps. */
  line: string;
}

const HEADER =
  /^(?:node=(\S{1,253}) )?type=([A-Za-z0-9_]{1,64}(?:\[\d{1,6}\])?) msg=audit\((\d{1,12})\.(\d{1,6}):(\d{1,10})\):? ?/;
const TYPE_ONLY = /^(?:node=\S+ )?type=(\S{1,64})/;
/** `key=value`, `key="value"`, `key='value'`; keys like `a1[2]` and `old-auid` included. */
const FIELD = /([A-Za-z_][A-Za-z0-9_-]{0,63}(?:\[\d{1,6}\])?)=(?:"([^"]*)"|'([^']*)'|(\S*))/g;
/** Inside `msg='...'` no `'` opens a value: `acct="o'brien"` is one quoted value, `x='` is text. */
const INNER_FIELD = /([A-Za-z_][A-Za-z0-9_-]{0,63}(?:\[\d{1,6}\])?)=(?:"([^"]*)"|(\S*))/g;
/** auditd separates the raw record from its enriched (name-resolved) fields with ASCII group separator. */
const ENRICHMENT_SEPARATOR = '\u001d';
/** Fields read per record; EXECVE of a huge argv is cut here rather than building thousands of entries. */
const MAX_FIELDS = 2048;
/** Serial numbers are 32-bit (they wrap at 4294967295). */
const MAX_SERIAL = 2 ** 32 - 1;
const MS_DIGITS = 3;
const AVC_TYPES = new Set(['AVC', 'USER_AVC']);

export function parseAuditLine(rawLine: string): AuditRecord | Skipped {
  const line = rawLine.length > MAX_LINE ? rawLine.slice(0, MAX_LINE) : rawLine;
  const header = HEADER.exec(line);
  if (!header) {
    const typeOnly = TYPE_ONLY.exec(line);
    return typeOnly
      ? skipped(`auditd: ${typeOnly[1]} record carries no event id`)
      : skipped('auditd: invalid line: not an audit record (type=... msg=audit(...))');
  }
  const serial = Number(header[5]);
  if (serial > MAX_SERIAL) return skipped('auditd: invalid event serial');
  const millis = Number((header[4] as string).slice(0, MS_DIGITS).padEnd(MS_DIGITS, '0'));
  const type = header[2] as string;
  const rest = line.slice(header[0].length);
  const separator = rest.indexOf(ENRICHMENT_SEPARATOR);
  const body = separator < 0 ? rest : rest.slice(0, separator);
  const record: AuditRecord = {
    type,
    time: Number(header[3]) * 1000 + millis,
    serial,
    fields: parseFields(body, type),
    enriched: separator < 0 ? new Map() : parseFields(rest.slice(separator + 1), type),
    body: AVC_TYPES.has(type) ? body : '',
    line: cap(line, MAX_OUTPUT),
  };
  if (header[1] !== undefined) record.node = header[1];
  return record;
}

/**
 * Fields of a record body; a user-space `msg='...'` holds a second key=value list, read into the same map. That list
 * runs to the record's last `'`: audit quotes a value with `"` only when it holds no `"`, space or control character
 * (else it writes hex), but a `'` may sit inside a quoted value (`acct="o'brien"`), so the first `'` is not the end.
 */
function parseFields(body: string, type: string): Map<string, string> {
  const fields = new Map<string, string>();
  const nested: string[] = [];
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(body); m !== null && fields.size < MAX_FIELDS; m = FIELD.exec(body)) {
    const key = m[1] as string;
    if (m[3] !== undefined) {
      const open = m.index + key.length + 2;
      const close = key === 'msg' ? body.lastIndexOf("'") : -1;
      nested.push(close > open ? body.slice(open, close) : (m[3] as string));
      if (close > open) FIELD.lastIndex = close + 1;
      continue;
    }
    if (fields.has(key)) continue;
    const value = m[2] !== undefined ? m[2] : decodeAuditValue(key, type, m[4] as string);
    if (value !== undefined) fields.set(key, value);
  }
  for (const inner of nested) {
    INNER_FIELD.lastIndex = 0;
    for (let m = INNER_FIELD.exec(inner); m !== null && fields.size < MAX_FIELDS; m = INNER_FIELD.exec(inner)) {
      const key = m[1] as string;
      if (fields.has(key)) continue;
      const value = m[2] !== undefined ? m[2] : decodeAuditValue(key, type, m[3] as string);
      if (value !== undefined) fields.set(key, value);
    }
  }
  return fields;
}
