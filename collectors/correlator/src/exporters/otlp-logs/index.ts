export { IncidentLogExporter } from './exporter';
export type { ExportStats, IncidentLogExporterOptions } from './exporter';
export { createIncidentExporter } from './factory';
export type { ExporterHooks, OtlpLogsConfig } from './factory';
export { EXPORT_METRICS } from './metric-names';
export { EXPORTER_SERVICE_NAME, INCIDENT_EVENT_NAME, incidentRecord, logsRequest } from './record';
export type { LogRecord } from './record';
export type { RetryPolicy } from './backoff';
