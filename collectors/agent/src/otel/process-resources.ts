import type { Attributes } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { InstrumentType, MetricData, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';

/**
 * Point attributes that describe the process rather than the measurement. The OpenTelemetry Collector's
 * hostmetrics receiver puts them on a resource of their own per process, and the correlator identifies processes
 * from resource attributes, so they move there. `container.id` goes with them: it is the process's container.
 */
const PROCESS_KEYS = new Set([
  'process.pid',
  'process.parent_pid',
  'process.executable.name',
  'process.executable.path',
  'process.command_line',
  'process.owner',
  'process.creation.time',
  'process.parent_chain',
  'container.id',
]);

/** Requests in flight at once, well under the OTLP exporters' default concurrency limit of 30. */
export const MAX_IN_FLIGHT = 8;

interface Group {
  resource: Attributes;
  metrics: Map<MetricData, MetricData>;
}

/**
 * Wraps an OTLP exporter so that each process's data points travel under a resource of their own, as the
 * hostmetrics receiver sends them: one SDK meter provider has one resource, but the wire format has one per
 * process.
 */
export class ProcessResourceExporter implements PushMetricExporter {
  constructor(private readonly inner: PushMetricExporter) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    const batches = splitByProcess(metrics);
    if (batches.length === 0) return resultCallback({ code: 0 });
    // One request per process, but never more than MAX_IN_FLIGHT at once: the OTLP exporters refuse requests
    // past their concurrency limit (30 by default), which would silently drop every process after the 30th.
    let next = 0;
    let pending = batches.length;
    let failed: ExportResult | undefined;
    const send = (): void => {
      const batch = batches[next];
      if (batch === undefined) return;
      next += 1;
      this.inner.export(batch, (result) => {
        if (result.code !== 0) failed ??= result;
        pending -= 1;
        if (pending === 0) resultCallback(failed ?? result);
        else send();
      });
    };
    for (let i = 0; i < MAX_IN_FLIGHT; i++) send();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  /** Cumulative unless the wrapped exporter prefers otherwise: hostmetrics sends cumulative sums. */
  selectAggregationTemporality(type: InstrumentType): AggregationTemporality {
    return this.inner.selectAggregationTemporality?.(type) ?? AggregationTemporality.CUMULATIVE;
  }
}

/** The host's points under the SDK's resource, then one ResourceMetrics per process. */
function splitByProcess(metrics: ResourceMetrics): ResourceMetrics[] {
  const host: ResourceMetrics = { resource: metrics.resource, scopeMetrics: [] };
  const groups = new Map<string, Group>();
  for (const scope of metrics.scopeMetrics) {
    const hostMetrics: MetricData[] = [];
    for (const metric of scope.metrics) {
      const hostPoints: unknown[] = [];
      for (const point of metric.dataPoints) {
        const { process, rest } = partition(point.attributes);
        if (process === undefined) {
          hostPoints.push(point);
          continue;
        }
        const key = `${String(process['process.pid'])}@${String(process['process.creation.time'])}`;
        let group = groups.get(key);
        if (group === undefined) {
          group = { resource: process, metrics: new Map() };
          groups.set(key, group);
        }
        let copy = group.metrics.get(metric);
        if (copy === undefined) {
          copy = { ...metric, dataPoints: [] } as MetricData;
          group.metrics.set(metric, copy);
        }
        (copy.dataPoints as unknown[]).push({ ...point, attributes: rest });
      }
      if (hostPoints.length > 0) hostMetrics.push({ ...metric, dataPoints: hostPoints } as MetricData);
    }
    if (hostMetrics.length > 0) host.scopeMetrics.push({ scope: scope.scope, metrics: hostMetrics });
  }
  const out = host.scopeMetrics.length > 0 ? [host] : [];
  const scope = metrics.scopeMetrics[0]?.scope ?? { name: 'lockstep-agent' };
  for (const group of groups.values()) {
    out.push({
      resource: metrics.resource.merge(resourceFromAttributes(group.resource)),
      scopeMetrics: [{ scope, metrics: [...group.metrics.values()] }],
    });
  }
  return out;
}

function partition(attributes: Attributes): { process: Attributes | undefined; rest: Attributes } {
  let process: Attributes | undefined;
  const rest: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (PROCESS_KEYS.has(key)) (process ??= {})[key] = value;
    else rest[key] = value;
  }
  return { process: process?.['process.pid'] === undefined ? undefined : process, rest };
}
