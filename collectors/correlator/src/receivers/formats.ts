/** Every input format `lockstep replay` understands. */
export type Format = 'otlp-metrics' | 'otlp-logs' | 'falco' | 'tetragon' | 'suricata' | 'osquery' | 'auditd' | 'auth';

export const FORMAT_DESCRIPTIONS: Readonly<Record<Format, string>> = {
  'otlp-metrics': 'OTLP JSON metrics (one ExportMetricsServiceRequest per line)',
  'otlp-logs': 'OTLP JSON logs (one ExportLogsServiceRequest per line)',
  falco: 'Falco JSON alerts',
  tetragon: 'Tetragon JSON events',
  suricata: 'Suricata EVE JSON',
  osquery: 'osquery results JSON',
  auditd: 'Linux audit log (raw)',
  auth: 'syslog auth.log',
};

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
  return undefined;
}

const AUDIT_LINE = /^(node=\S+ )?type=[A-Z_0-9]+ msg=audit\(\d+(\.\d+)?:\d+\)/;
const SYSLOG_LINE =
  /^(?:[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) \S+ [^\s:[]+(?:\[\d+\])?: /;

/** The format of a plain-text line, or undefined. */
export function detectTextLine(line: string): Format | undefined {
  if (AUDIT_LINE.test(line)) return 'auditd';
  if (SYSLOG_LINE.test(line)) return 'auth';
  return undefined;
}
