import type { ProcessRef } from '../../../model/process';
import { basename, cap, nonNegativeInt, ownerFromUid } from '../common/fields';
import { MAX_COMMAND_LINE, MAX_NAME, MAX_PATH } from '../../../model/limits';
import type { AuditRecord } from './record';

/** Numeric ids audit prints as text; names appear instead in interpreted logs (`uid=vagrant`). */
const NUMERIC = /^\d+$/;

/**
 * The process fields of a record that names one (SYSCALL, AVC, user-space records): pid, ppid, comm (the
 * 15-character name Falco also calls proc.name), exe, and the owner (enriched `UID` name, a name printed in
 * place of the uid, or root for uid 0).
 */
export function recordProcess(record: AuditRecord): ProcessRef {
  const ref: ProcessRef = {};
  const pid = nonNegativeInt(record.fields.get('pid'));
  if (pid !== undefined && pid > 0) ref.pid = pid;
  const ppid = nonNegativeInt(record.fields.get('ppid'));
  if (ppid !== undefined && ppid > 0) ref.ppid = ppid;
  const exe = record.fields.get('exe');
  if (exe !== undefined) ref.exePath = cap(exe, MAX_PATH);
  const name = record.fields.get('comm') ?? (exe !== undefined ? basename(exe) : undefined);
  if (name !== undefined) ref.name = cap(name, MAX_NAME);
  const owner = ownerOf(record);
  if (owner !== undefined) ref.owner = owner;
  return ref;
}

function ownerOf(record: AuditRecord): string | undefined {
  const enriched = record.enriched.get('UID');
  if (enriched !== undefined) return cap(enriched, MAX_NAME);
  const uid = record.fields.get('uid');
  if (uid === undefined) return undefined;
  return NUMERIC.test(uid) ? ownerFromUid(Number(uid)) : cap(uid, MAX_NAME);
}

/**
 * EXECVE's argv (`argc`, `a0`..., or `aN[i]` pieces of an argument too long for one record) as one line. A
 * long argv is spread over several EXECVE records of the same event; `argc` is in the first.
 */
export function execveCommandLine(records: AuditRecord[]): string | undefined {
  const fields = new Map<string, string>();
  for (const record of records) {
    if (record.type !== 'EXECVE') continue;
    for (const [key, value] of record.fields) if (!fields.has(key)) fields.set(key, value);
  }
  const argc = nonNegativeInt(fields.get('argc'));
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; argc === undefined || i < argc; i += 1) {
    const arg = fields.get(`a${i}`) ?? joinedPieces(fields, i);
    if (arg === undefined) break;
    parts.push(arg);
    length += arg.length + 1;
    if (length > MAX_COMMAND_LINE) break;
  }
  return parts.length > 0 ? cap(parts.join(' '), MAX_COMMAND_LINE) : undefined;
}

function joinedPieces(fields: Map<string, string>, index: number): string | undefined {
  let out: string | undefined;
  for (let piece = 0; ; piece += 1) {
    const part = fields.get(`a${index}[${piece}]`);
    if (part === undefined) return out;
    out = (out ?? '') + part;
    if (out.length > MAX_COMMAND_LINE) return out;
  }
}

/** `name` of a PATH record made absolute against the event's cwd (execve of `./xmrig` from /tmp). */
export function absolutePath(name: string | undefined, cwd: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (name.startsWith('/')) return cap(name, MAX_PATH);
  if (cwd === undefined || !cwd.startsWith('/')) return undefined;
  const relative = name.startsWith('./') ? name.slice(2) : name;
  return cap(cwd.endsWith('/') ? cwd + relative : `${cwd}/${relative}`, MAX_PATH);
}
