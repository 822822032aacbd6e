import type { Entity } from '@lockstep/contract';
import type { MetricSample, ProcessCpuSample } from '../model/samples';
import type { SeriesSpec } from './series';

/** A sample the engine keeps a series of (process samples feed the host's process registry instead). */
export type SeriesSample = Exclude<MetricSample, ProcessCpuSample>;

/** Which series a sample belongs to (its key and spec), and the value it adds to it. */
export interface SeriesPoint {
  key: string;
  spec: SeriesSpec;
  value: number;
  /** For a latency mean: how many requests it is the mean of (the series pools quiet intervals: request-pool.ts). */
  requests?: number;
}

export function seriesPoint(sample: SeriesSample): SeriesPoint {
  switch (sample.kind) {
    case 'host-cpu':
      return {
        key: `cpu|${sample.host}`,
        spec: {
          kind: 'host-cpu',
          host: sample.host,
          entity: { 'host.name': sample.host },
          metric: 'cpu',
          unit: '1',
          detectorKind: 'cpu-utilization',
        },
        value: sample.utilization,
      };
    case 'container-cpu':
      return containerPoint(sample);
    case 'latency':
      return latencyPoint(sample);
  }
}

function containerPoint(sample: Extract<SeriesSample, { kind: 'container-cpu' }>): SeriesPoint {
  const entity: Entity = { 'host.name': sample.host, 'container.id': sample.containerId };
  if (sample.k8sNamespace) entity['k8s.namespace.name'] = sample.k8sNamespace;
  if (sample.k8sPod) entity['k8s.pod.name'] = sample.k8sPod;
  if (sample.serviceName) entity['service.name'] = sample.serviceName;
  const cores = sample.cores !== undefined;
  const spec: SeriesSpec = {
    kind: 'container-cpu',
    host: sample.host,
    entity,
    metric: 'cpu',
    unit: cores ? 'cores' : '1',
    detectorKind: cores ? 'cpu-cores' : 'cpu-utilization',
  };
  return { key: `cpu|${sample.host}|${sample.containerId}`, spec, value: sample.cores ?? sample.utilization ?? 0 };
}

function latencyPoint(sample: Extract<SeriesSample, { kind: 'latency' }>): SeriesPoint {
  const entity: Entity = { 'host.name': sample.host, 'service.name': sample.service };
  if (sample.containerId) entity['container.id'] = sample.containerId;
  if (sample.k8sNamespace) entity['k8s.namespace.name'] = sample.k8sNamespace;
  if (sample.k8sPod) entity['k8s.pod.name'] = sample.k8sPod;
  const spec: SeriesSpec = {
    kind: 'latency',
    host: sample.host,
    entity,
    metric: 'latency',
    unit: 's',
    detectorKind: 'latency',
  };
  // The mean (sum / count) is exact at any request count, and pools across intervals; the bucket p95 only when a
  // histogram has no sum.
  const key = `latency|${sample.host}|${sample.service}`;
  if (sample.mean === undefined) return { key, spec, value: sample.p95 };
  return { key, spec, value: sample.mean, requests: sample.count };
}
