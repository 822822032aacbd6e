import type { Incident } from '@lockstep/contract';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { Config } from './config/schema';
import type { IncidentLogExporter } from '../exporters/otlp-logs';
import { createIncidentExporter, EXPORT_METRICS } from '../exporters/otlp-logs';
import type { Logger } from './log';

/**
 * The `export.otlp_logs` section wired into the service: every incident the engine emits (it emits only on change)
 * is queued as an OTLP log record, and the exporter's own counts appear on /metrics. Undefined when export is off.
 */
export function startIncidentExport(
  config: Config,
  registry: Registry,
  log: Logger,
): { exporter: IncidentLogExporter; incident: (incident: Incident) => void } | undefined {
  const exporter = createIncidentExporter(config.export.otlp_logs, {
    shutdownTimeoutMs: config.shutdown_timeout_ms,
    onError: (message) => log('warn', 'incident export', { error: message }),
  });
  if (exporter === undefined) return undefined;
  for (const key of Object.keys(EXPORT_METRICS) as Array<keyof typeof EXPORT_METRICS>) {
    const { name, type, help } = EXPORT_METRICS[key];
    const read = (): number => exporter.stats()[key];
    if (type === 'gauge') {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    } else {
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    }
  }
  return { exporter, incident: (incident) => exporter.export(incident) };
}
