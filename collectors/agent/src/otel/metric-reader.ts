import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { Sample } from '../sample/sampler';
import { ProcessCpuProducer } from './process-cpu';
import { ProcessResourceExporter } from './process-resources';

/** setInterval's ceiling: the reader's own timer is parked here, since the agent flushes after each sample. */
const NEVER_MS = 2_147_483_647;

/**
 * The agent's metric reader: flushed by the agent after each sample (its own timer never fires), per-process CPU
 * from the latest sample beside the SDK's instruments, and each process under a resource of its own on the way out.
 */
export function createMetricReader(
  exporter: PushMetricExporter,
  latest: () => Sample | undefined,
): PeriodicExportingMetricReader {
  return new PeriodicExportingMetricReader({
    exporter: new ProcessResourceExporter(exporter),
    exportIntervalMillis: NEVER_MS,
    metricProducers: [new ProcessCpuProducer(latest)],
  });
}
