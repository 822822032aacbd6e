import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** The `export.otlp_logs` section of the service config: where incidents go as OTLP log records, and how. */
export const OtlpLogsConfigSchema = z.strictObject({
  /** OTLP/HTTP logs endpoint (full URL, e.g. http://collector:4318/v1/logs); empty turns export off. */
  endpoint: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  headers: z.record(z.string(), z.string()),
  timeout_ms: positiveInt,
  /** Incident records waiting to be sent; past it the oldest are dropped and counted. */
  queue_size: positiveInt,
  max_batch: positiveInt,
  /** Attempts per batch (first try included) before it is dropped and counted. */
  max_attempts: positiveInt,
  initial_backoff_ms: positiveInt,
  max_backoff_ms: positiveInt,
});

export type OtlpLogsConfig = z.output<typeof OtlpLogsConfigSchema>;

export const DEFAULT_OTLP_LOGS_CONFIG: z.input<typeof OtlpLogsConfigSchema> = {
  endpoint: '',
  headers: {},
  timeout_ms: 10_000,
  queue_size: 1_000,
  max_batch: 100,
  max_attempts: 5,
  initial_backoff_ms: 1_000,
  max_backoff_ms: 30_000,
};
