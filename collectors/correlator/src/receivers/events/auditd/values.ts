/**
 * Audit encodes any string field that could hold spaces, quotes or control characters as bare uppercase hex
 * (`exe=2F7573722F...`, `proctitle=...` with NUL between arguments); safe values are double-quoted instead.
 * Only the fields that carry such strings are decoded: SYSCALL's `a0`-`a3` are hex numbers, not text.
 */
const HEX_STRING_FIELDS = new Set([
  'exe',
  'comm',
  'cwd',
  'name',
  'proctitle',
  'cmd',
  'acct',
  'key',
  'path',
  'data',
  'vm',
  'sw',
  'root_dir',
]);
const EXECVE_ARGUMENT = /^a\d{1,6}(?:\[\d{1,6}\])?$/;
const HEX = /^(?:[0-9A-F]{2})+$/;
/** Audit's markers for "no value". */
const ABSENT = new Set(['(null)', '(none)', '?', '']);

/** The value of an unquoted field: hex-decoded when audit encoded it, undefined for audit's "no value". */
export function decodeAuditValue(key: string, type: string, raw: string): string | undefined {
  // A stray quote at the end of a bare value (seen in real logs) is not part of it.
  const value = raw.endsWith('"') ? raw.slice(0, -1) : raw;
  if (ABSENT.has(value)) return undefined;
  const encoded = HEX_STRING_FIELDS.has(key) || (type === 'EXECVE' && EXECVE_ARGUMENT.test(key));
  return encoded && HEX.test(value) ? Buffer.from(value, 'hex').toString('utf8') : value;
}

/** proctitle separates arguments with NUL (read as spaces); a record matching several rules joins their keys with 0x01. */
const NUL = '\u0000';
const KEY_SEPARATOR = '\u0001';
const KEY_PREFIX = 'key=';

export function proctitleText(value: string): string {
  return value
    .split(NUL)
    .filter((part) => part.length > 0)
    .join(' ');
}

/**
 * The rule keys of a record's `key` field as the kernel wrote it: `(null)` when no rule key matched, the key in quotes,
 * or hex of several keys joined by 0x01. A rule written `-F key=key=net` stores `key=net`; auditbeat's parser
 * (go-libaudit) reads that double-prefixed form as the key `net`, and so does Lockstep.
 */
export function auditKeys(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(KEY_SEPARATOR)
    .map((key) => (key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : key))
    .filter((key) => key.length > 0 && key !== '(null)');
}
