import type { IncidentSeverity } from '@lockstep/contract';

/**
 * Incident severity as an OpenTelemetry log severity (logs data model: INFO 9, WARN 13, ERROR 17, FATAL 21), so
 * backends that colour or filter by level (Loki's `detected_level`, Kibana's `log.level`) treat a critical
 * incident like a fatal error without knowing Lockstep. The incident's own word stays in an attribute.
 */
const SEVERITY: Record<IncidentSeverity, { number: number; text: string }> = {
  low: { number: 9, text: 'INFO' },
  medium: { number: 13, text: 'WARN' },
  high: { number: 17, text: 'ERROR' },
  critical: { number: 21, text: 'FATAL' },
};

export function logSeverity(severity: IncidentSeverity): { number: number; text: string } {
  return SEVERITY[severity];
}
