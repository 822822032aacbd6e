import type { MetricSample } from '../../../model/samples';
import { decodeContainerCpuTime, decodeContainerCpuUsage, decodeContainerCpuUtilization } from './container-cpu';
import { newCpuAttributes } from './cpu-attributes';
import { DecoderState } from './decoder-state';
import { emitBatch } from './emit';
import { readEntity } from '../entity';
import { decodeHostCpuCount, decodeHostCpuTime, decodeHostCpuUtilization } from './host-cpu';
import type { JsonObject } from '../json';
import { isObject } from '../json';
import { decodeLatency } from './latency';
import { readMetricData } from './metric-data';
import type { MetricContext } from './metric-context';
import type { MetricRole } from './metric-names';
import { METRIC_ROLES } from './metric-names';
import { newNumberPoint } from './number-point';
import { decodeProcessCpuTime, decodeProcessCpuUtilization } from './process-cpu';
import { DecodeReport } from '../report';
import { ResourceBatch } from './resource-batch';

export interface MetricsDecodeResult {
  samples: MetricSample[];
  /** Data points (or whole metrics and resources, counted once) that were malformed or unusable. */
  rejectedDataPoints: number;
  /** Data points of a kind Lockstep does not read (Summary, histograms without buckets); not errors. */
  unsupportedDataPoints: number;
  /** The first few distinct problems, each a sentence naming the field. */
  errors: string[];
}

const HANDLERS: Readonly<Record<MetricRole, (ctx: MetricContext) => void>> = {
  'host-cpu-time': decodeHostCpuTime,
  'host-cpu-utilization': decodeHostCpuUtilization,
  'host-cpu-count': decodeHostCpuCount,
  'process-cpu-time': decodeProcessCpuTime,
  'process-cpu-utilization': decodeProcessCpuUtilization,
  'container-cpu-time': decodeContainerCpuTime,
  'container-cpu-utilization': decodeContainerCpuUtilization,
  'container-cpu-usage': decodeContainerCpuUsage,
  latency: decodeLatency,
};

/**
 * Turns OTLP/JSON `ExportMetricsServiceRequest`s (as the collector's file exporter writes them, or as OTLP/HTTP
 * clients POST them) into MetricSamples. Stateful: rates come from consecutive cumulative points, so feed one
 * decoder the requests of a stream in order. Never throws on bad input; memory is bounded (see DecoderState).
 */
export class OtlpMetricsDecoder {
  private readonly state = new DecoderState();
  private readonly point = newNumberPoint();
  private readonly cpu = newCpuAttributes();

  decode(request: unknown): MetricsDecodeResult {
    const report = new DecodeReport();
    const samples: MetricSample[] = [];
    const resources = isObject(request) ? (request.resourceMetrics ?? request.resource_metrics) : undefined;
    if (!Array.isArray(resources)) {
      report.reject('resourceMetrics is missing or not an array: not an OTLP ExportMetricsServiceRequest');
      return result(samples, report);
    }
    const batches: ResourceBatch[] = [];
    for (const resourceMetrics of resources) {
      if (!isObject(resourceMetrics)) {
        report.reject('a resourceMetrics entry is not an object');
        continue;
      }
      const batch = this.decodeResource(resourceMetrics, report);
      if (batch !== undefined) batches.push(batch);
    }
    // Emitting after the whole request lets a process's utilization use cpu counts from any of its resources.
    for (const batch of batches) emitBatch(batch, this.state, samples);
    // Pruning follows the data's own clock; a request that yields nothing cannot grow state past its bounds.
    let newest = 0;
    for (const sample of samples) if (sample.time > newest) newest = sample.time;
    if (newest > 0) this.state.maybePrune(newest);
    return result(samples, report);
  }

  /** Forgets per-series state not updated within SERIES_IDLE_MS before `nowMs` (data time, not the wall clock). */
  prune(nowMs: number): void {
    this.state.prune(nowMs);
  }

  /** One resource's metrics; the resource's attributes are read only once an interesting metric shows up. */
  private decodeResource(resourceMetrics: JsonObject, report: DecodeReport): ResourceBatch | undefined {
    const scopes =
      resourceMetrics.scopeMetrics ??
      resourceMetrics.scope_metrics ??
      resourceMetrics.instrumentationLibraryMetrics ??
      resourceMetrics.instrumentation_library_metrics;
    if (scopes === undefined) return undefined;
    if (!Array.isArray(scopes)) {
      report.reject('scopeMetrics is not an array');
      return undefined;
    }
    let batch: ResourceBatch | undefined;
    for (const scope of scopes) {
      const metrics = isObject(scope) ? scope.metrics : undefined;
      if (metrics === undefined) continue;
      if (!Array.isArray(metrics)) {
        report.reject('scopeMetrics[].metrics is not an array');
        continue;
      }
      for (const metric of metrics) {
        if (!isObject(metric) || typeof metric.name !== 'string') {
          report.reject('a metric is not an object with a string name');
          continue;
        }
        const role = METRIC_ROLES.get(metric.name);
        if (role === undefined) continue;
        batch ??= new ResourceBatch(readEntity(resourceMetrics.resource));
        this.decodeMetric(role, metric.name, metric, batch, report);
      }
    }
    return batch;
  }

  private decodeMetric(
    role: MetricRole,
    name: string,
    metric: JsonObject,
    batch: ResourceBatch,
    report: DecodeReport,
  ): void {
    const data = readMetricData(metric);
    if (data === undefined) {
      report.reject(`${name}: the metric has no gauge, sum, histogram, exponentialHistogram or summary object`);
      return;
    }
    if (data.type === 'summary') {
      report.unsupported += data.points?.length ?? 1;
      return;
    }
    const rate = { delta: 0, intervalMs: 0 };
    HANDLERS[role]({ name, metric, data, batch, state: this.state, report, point: this.point, cpu: this.cpu, rate });
  }
}

function result(samples: MetricSample[], report: DecodeReport): MetricsDecodeResult {
  return {
    samples,
    rejectedDataPoints: report.rejected,
    unsupportedDataPoints: report.unsupported,
    errors: report.errors,
  };
}
