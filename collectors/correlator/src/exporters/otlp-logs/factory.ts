import type { OtlpLogsConfig } from './config';
import { IncidentLogExporter } from './exporter';

export type { OtlpLogsConfig } from './config';

export interface ExporterHooks {
  /** Defaults to the section's `timeout_ms`: one last attempt's worth. The service passes its own budget. */
  shutdownTimeoutMs?: number;
  onError?: (message: string) => void;
}

/** The incident exporter the `export.otlp_logs` section describes, or undefined when its endpoint is empty (off). */
export function createIncidentExporter(
  config: OtlpLogsConfig,
  hooks: ExporterHooks = {},
): IncidentLogExporter | undefined {
  if (config.endpoint === '') return undefined;
  return new IncidentLogExporter({
    endpoint: config.endpoint,
    headers: config.headers,
    timeoutMs: config.timeout_ms,
    queueSize: config.queue_size,
    maxBatch: config.max_batch,
    retry: {
      maxAttempts: config.max_attempts,
      initialBackoffMs: config.initial_backoff_ms,
      maxBackoffMs: config.max_backoff_ms,
    },
    shutdownTimeoutMs: hooks.shutdownTimeoutMs ?? config.timeout_ms,
    ...(hooks.onError !== undefined ? { onError: hooks.onError } : {}),
  });
}
