import type { SignalSeverity } from '@lockstep/contract';
import type { SignalKind } from '../../../model/signal';
import { readInt } from '../json';

/** SeverityNumber ranges of the OpenTelemetry log data model: 1-4 TRACE, 5-8 DEBUG, ... 21-24 FATAL. */
const SEVERITY_RANGE = 4;
const MAX_SEVERITY_NUMBER = 24;
const RANGE_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
type Range = (typeof RANGE_NAMES)[number];

/** `SEVERITY_NUMBER_WARN3` and friends, which the OTLP spec lets JSON receivers accept instead of integers. */
const ENUM_NAMES: ReadonlyMap<string, number> = new Map(
  RANGE_NAMES.flatMap((range, r) =>
    ['', '2', '3', '4'].map((suffix, i): [string, number] => [
      `SEVERITY_NUMBER_${range}${suffix}`,
      r * SEVERITY_RANGE + i + 1,
    ]),
  ),
);

/** Common severity texts (OpenTelemetry short names, syslog and logging-library names), lowercase. */
const TEXT_RANGES: ReadonlyMap<string, Range> = new Map<string, Range>([
  ['trace', 'TRACE'],
  ['debug', 'DEBUG'],
  ['info', 'INFO'],
  ['information', 'INFO'],
  ['informational', 'INFO'],
  ['notice', 'INFO'],
  ['warn', 'WARN'],
  ['warning', 'WARN'],
  ['error', 'ERROR'],
  ['err', 'ERROR'],
  ['critical', 'FATAL'],
  ['crit', 'FATAL'],
  ['fatal', 'FATAL'],
  ['alert', 'FATAL'],
  ['emergency', 'FATAL'],
  ['emerg', 'FATAL'],
]);
/** Longest severity text worth looking up ("informational" plus a digit). */
const MAX_SEVERITY_TEXT = 16;

/**
 * The engine severity of a log record. TRACE and DEBUG are `info`. INFO is `low` for a detection (a rule fired,
 * if only at info level) and `info` for a context record. WARN `medium`, ERROR `high`, FATAL `critical`.
 * Without a usable number or text: `medium` for a detection (like a Falco rule of unknown priority), else `info`.
 */
export function logSeverity(severityNumber: unknown, severityText: unknown, kind: SignalKind): SignalSeverity {
  const range = rangeOfNumber(severityNumber) ?? rangeOfText(severityText);
  switch (range) {
    case 'TRACE':
    case 'DEBUG':
      return 'info';
    case 'INFO':
      return kind === 'alert' ? 'low' : 'info';
    case 'WARN':
      return 'medium';
    case 'ERROR':
      return 'high';
    case 'FATAL':
      return 'critical';
    default:
      return kind === 'alert' ? 'medium' : 'info';
  }
}

function rangeOfNumber(raw: unknown): Range | undefined {
  const n = typeof raw === 'string' && ENUM_NAMES.has(raw) ? ENUM_NAMES.get(raw) : readInt(raw);
  if (n === undefined || n < 1 || n > MAX_SEVERITY_NUMBER) return undefined; // 0 is UNSPECIFIED
  return RANGE_NAMES[Math.floor((n - 1) / SEVERITY_RANGE)];
}

function rangeOfText(raw: unknown): Range | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_SEVERITY_TEXT) return undefined;
  let text = raw.trim().toLowerCase();
  // "INFO2", "WARN4": the short names of the numbered steps inside a range.
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0x32 && last <= 0x34) text = text.slice(0, -1);
  return TEXT_RANGES.get(text);
}
