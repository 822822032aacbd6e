import type { Skipped } from '../../../model/signal';
import { MAX_LINE } from '../../../model/limits';
import { nonNegativeInt } from '../common/fields';
import { skipped } from '../common/skipped';
import { monthNumber, parseTimestampMillis } from '../common/timestamps';
import type { YearlessOptions } from '../common/timestamps-yearless';
import { yearlessMillis } from '../common/timestamps-yearless';
import { structuredDataEnd } from './structured-data';

export type AuthTimeOptions = YearlessOptions;

/** One syslog line split into its header and the message the program wrote. */
export interface SyslogLine {
  time: number;
  /** Lowercased; absent when the writer put no host field in (`Nov 23 21:50:19 sshd[8148]: ...`). */
  host?: string;
  /** The tag as written: `sshd`, `sshd-session`, `sshd(pam_unix)`, `Microsoft Word`. */
  program: string;
  pid?: number;
  message: string;
}

/**
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`, each header field `-` when
 * unknown (`<38>1 2019-07-08T17:40:16.954167-04:00 host sshd 57915 - - Failed ...`).
 */
const RFC5424 = /^<\d{1,3}>1 (\S{1,64}) (\S{1,255}) (\S{1,48}) (\S{1,128}) \S{1,32} /;
/**
 * The other headers: an optional `<PRI>`, then the time as RFC 3164 (`Feb  7 16:01:07`, optional fraction) or
 * RFC 3339 / ISO 8601 with or without a zone (rsyslog, syslog-ng, journalctl -o short-iso).
 */
const PRI = /^<\d{1,3}>/;
const CLASSIC_TIME = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? /;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)(Z|[+-]\d{2}:?\d{2})? /;
/** `sshd[8148]:` or `sshd:` standing alone: a tag with no host before it. */
const TAG_TOKEN = /^([^\s[:]{1,64})(?:\[(\d{1,10})\])?:$/;
/** `[sshd]:` or `[sshd]` (some BSD and OpenSolaris writers). */
const BRACKETED_TAG = /^\[([^\]\s]{1,64})\]:? ?/;
/** After the host: the tag up to `[pid]:` or `:`; macOS tags hold spaces (`Microsoft Word[14463]: ...`). */
const TAG = /^([^:[]{1,64}?)(?:\[(\d{1,10})\])?: ?/;
/** Host names are at most 253 characters; anything longer is no host field. */
const MAX_HOST = 253;
/**
 * What some writers put between the tag and the message: journald's copy of the pid and time
 * (`[825] Jul 10 23:53:52 `) and Solaris' message id (`[ID 800047 auth.info] `).
 */
const MESSAGE_PREFIX =
  /^(?:\[\d{1,10}\] [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} |\[ID \d{1,10} [a-z0-9]{1,16}\.[a-z]{1,16}\] )/;

/** True when the line starts with a syslog header this module reads (replay's content detection asks). */
export function isSyslogLine(line: string): boolean {
  return RFC5424.test(line) || CLASSIC_TIME.test(line.replace(PRI, '')) || ISO_TIME.test(line.replace(PRI, ''));
}

export function parseSyslogLine(
  rawLine: string,
  options: AuthTimeOptions = {},
  now: () => number = Date.now,
): SyslogLine | Skipped {
  const line = rawLine.length > MAX_LINE ? rawLine.slice(0, MAX_LINE) : rawLine;
  if (RFC5424.test(line)) return rfc5424(line);
  const body = line.replace(PRI, '');
  const iso = ISO_TIME.exec(body);
  if (iso) {
    const time = isoTime(iso[1] as string, iso[2], options);
    if (time === undefined) return skipped('auth: invalid ISO 8601 timestamp');
    return afterTime(time, body.slice(iso[0].length));
  }
  const classic = CLASSIC_TIME.exec(body);
  if (!classic) return skipped('auth: invalid syslog line (no RFC 3164, RFC 3339 or RFC 5424 header)');
  const month = monthNumber(classic[1] as string);
  const millis = Number((classic[6] ?? '').slice(0, 3).padEnd(3, '0'));
  const clock = { month: month ?? 0, day: Number(classic[2]), hour: Number(classic[3]), minute: Number(classic[4]) };
  const time =
    month === undefined ? undefined : yearlessMillis({ ...clock, second: Number(classic[5]), millis }, options, now);
  if (time === undefined) return skipped('auth: invalid RFC 3164 timestamp');
  return afterTime(time, body.slice(classic[0].length));
}

function rfc5424(line: string): SyslogLine | Skipped {
  const m = RFC5424.exec(line) as RegExpExecArray;
  const time = m[1] === '-' ? undefined : parseTimestampMillis(m[1]);
  if (time === undefined) return skipped('auth: invalid RFC 5424 timestamp');
  const rest = line.slice(m[0].length);
  const sdEnd = structuredDataEnd(rest);
  if (sdEnd === undefined) return skipped('auth: invalid RFC 5424 structured data');
  // The message may start with a UTF-8 byte order mark (RFC 5424 section 6.4).
  const message = rest.slice(sdEnd).replace(/^ ?\uFEFF?/, '');
  const host = m[2] === '-' ? undefined : (m[2] as string);
  return entry(time, host, m[3] === '-' ? '' : (m[3] as string), m[4] === '-' ? undefined : m[4], message);
}

/** A zone-less ISO time is the writer's local time, like an RFC 3164 one. */
function isoTime(stamp: string, zone: string | undefined, options: AuthTimeOptions): number | undefined {
  if (zone !== undefined) return parseTimestampMillis(stamp + zone);
  const local = parseTimestampMillis(stamp);
  const offset = options.utcOffsetMinutes;
  const valid = offset !== undefined && Number.isFinite(offset) && Math.abs(offset) <= 18 * 60;
  return local === undefined ? undefined : local - (valid ? offset : 0) * 60_000;
}

/** `[HOST ]TAG[PID]: MSG` after the time, with or without the host field. */
function afterTime(time: number, rest: string): SyslogLine | Skipped {
  const bracketed = BRACKETED_TAG.exec(rest);
  if (bracketed) return entry(time, undefined, bracketed[1] as string, undefined, rest.slice(bracketed[0].length));
  const space = rest.indexOf(' ');
  const first = space < 0 ? rest : rest.slice(0, space);
  const alone = TAG_TOKEN.exec(first);
  if (alone) return entry(time, undefined, alone[1] as string, alone[2], space < 0 ? '' : rest.slice(space + 1));
  if (space < 1 || space > MAX_HOST) return skipped('auth: invalid syslog line (no host or tag after the time)');
  const afterHost = rest.slice(space + 1);
  const hostBracketed = BRACKETED_TAG.exec(afterHost);
  if (hostBracketed) {
    return entry(time, first, hostBracketed[1] as string, undefined, afterHost.slice(hostBracketed[0].length));
  }
  const tag = TAG.exec(afterHost);
  if (!tag) return skipped('auth: invalid syslog line (no program tag)');
  return entry(time, first, (tag[1] as string).trim(), tag[2], afterHost.slice(tag[0].length));
}

function entry(
  time: number,
  host: string | undefined,
  program: string,
  pid: string | undefined,
  message: string,
): SyslogLine {
  const out: SyslogLine = { time, program, message: message.replace(MESSAGE_PREFIX, '') };
  if (host !== undefined && host.length > 0) out.host = host.toLowerCase();
  const n = nonNegativeInt(pid);
  if (n !== undefined && n > 0) out.pid = n;
  return out;
}
