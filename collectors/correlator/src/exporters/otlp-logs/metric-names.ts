import type { ExportStats } from './exporter';

/**
 * Prometheus names for `IncidentLogExporter.stats()`, so /metrics and the alert rules agree on them. Counters are
 * read from the stats at scrape time (prom-client `collect`), never incremented twice.
 */
export const EXPORT_METRICS: Record<keyof ExportStats, { name: string; type: 'counter' | 'gauge'; help: string }> = {
  queued: {
    name: 'lockstep_export_queued_records',
    type: 'gauge',
    help: 'Incident log records waiting to be exported or in the request being sent.',
  },
  sent: {
    name: 'lockstep_export_sent_records_total',
    type: 'counter',
    help: 'Incident log records the OTLP logs endpoint accepted.',
  },
  failed: {
    name: 'lockstep_export_failed_records_total',
    type: 'counter',
    help: 'Incident log records given up on after the last attempt, a permanent error or a partial-success refusal.',
  },
  dropped: {
    name: 'lockstep_export_dropped_records_total',
    type: 'counter',
    help: 'Incident log records never sent because the export queue was full or shutdown ran out of time.',
  },
  retries: {
    name: 'lockstep_export_retries_total',
    type: 'counter',
    help: 'Export attempts after the first one of a batch.',
  },
};
