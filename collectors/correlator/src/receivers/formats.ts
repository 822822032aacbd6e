import type { EventFormat } from '@lockstep/contract';
import { EVENT_FORMATS } from '@lockstep/contract';
import { isSyslogLine } from './events/auth/syslog';

/**
 * Every input format Lockstep reads: OTLP (metrics and logs, from the Collector's file exporter or POSTed), the
 * security tools' own output and the change formats (EVENT_FORMATS). Replay tells them apart by content (below); the service by route.
 */
export const INPUT_FORMATS = ['otlp-metrics', 'otlp-logs', ...EVENT_FORMATS] as const;
export type Format = 'otlp-metrics' | 'otlp-logs' | EventFormat;

/** How each format is named to people, and what of it is read (help texts, messages about unknown files). */
export const FORMAT_DESCRIPTIONS: Readonly<Record<Format, { name: string; reads: string }>> = {
  'otlp-metrics': { name: 'OTLP metrics', reads: 'JSON lines, one ExportMetricsServiceRequest per line' },
  'otlp-logs': { name: 'OTLP logs', reads: 'JSON lines, one ExportLogsServiceRequest per line' },
  falco: { name: 'Falco', reads: 'JSON alerts (json_output), one per line' },
  tetragon: { name: 'Tetragon', reads: 'JSON events, one per line (or one pretty-printed event per file)' },
  suricata: { name: 'Suricata', reads: 'eve.json' },
  auditd: { name: 'auditd', reads: 'raw audit.log' },
  auth: { name: 'auth.log', reads: 'syslog (RFC 3164, RFC 3339 / ISO 8601 or RFC 5424 headers)' },
  osquery: { name: 'osquery', reads: 'result logs (JSON lines)' },
  dpkg: { name: 'dpkg.log', reads: 'package installs, upgrades and removals (/var/log/dpkg.log)' },
  apt: { name: 'apt history.log', reads: 'one change per apt run (/var/log/apt/history.log)' },
  change: { name: 'change JSON', reads: 'JSON lines {"time", "host"|"service"|"container", "kind", "summary", ...}' },
};

/** Formats whose records are text lines rather than JSON. */
const TEXT_FORMATS: ReadonlySet<Format> = new Set(['auditd', 'auth', 'dpkg', 'apt']);

/** The names of the JSON formats, or of the text ones, for a sentence: "OTLP metrics, ..., or osquery". */
export function formatNames(kind: 'json' | 'text'): string {
  const names = INPUT_FORMATS.filter((f) => TEXT_FORMATS.has(f) === (kind === 'text')).map(
    (f) => FORMAT_DESCRIPTIONS[f].name,
  );
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TETRAGON_EVENTS =
  /^process_(exec|exit|kprobe|tracepoint|uprobe|usdt|lsm|loader|throttle|connect|close|listen|accept|sendmsg|recvmsg)$/;

/** The format of one parsed JSON record, judged by the keys each tool always writes. */
export function detectJsonRecord(value: unknown): Format | undefined {
  if (!isRecord(value)) return undefined;
  if ('resourceMetrics' in value || 'resource_metrics' in value) return 'otlp-metrics';
  if ('resourceLogs' in value || 'resource_logs' in value) return 'otlp-logs';
  if ('rule' in value && ('priority' in value || 'output_fields' in value || 'output' in value)) return 'falco';
  if ('event_type' in value && ('timestamp' in value || 'src_ip' in value)) return 'suricata';
  for (const key of Object.keys(value)) if (TETRAGON_EVENTS.test(key)) return 'tetragon';
  if ('name' in value && ('action' in value || 'snapshot' in value || 'diffResults' in value || 'columns' in value)) {
    return 'osquery';
  }
  if ('time' in value && 'kind' in value && 'summary' in value) return 'change';
  return undefined;
}

const DPKG_LINE =
  /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:startup|status|install|upgrade|configure|trigproc|disappear|remove|purge|conffile) /;
const APT_LINE = /^(?:Start-Date: \d{4}-\d\d-\d\d {1,2}\d\d:\d\d:\d\d|Commandline: |End-Date: )/;
const AUDIT_LINE = /^(node=\S+ )?type=[A-Z_0-9]+ msg=audit\(\d+(\.\d+)?:\d+\)/;

/** The format of a plain-text line, or undefined. */
export function detectTextLine(line: string): Format | undefined {
  if (AUDIT_LINE.test(line)) return 'auditd';
  if (DPKG_LINE.test(line)) return 'dpkg';
  if (APT_LINE.test(line)) return 'apt';
  if (isSyslogLine(line)) return 'auth';
  return undefined;
}
