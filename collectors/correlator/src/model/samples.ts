import type { ProcessRef } from './process';

/**
 * Metric samples after OTLP decoding: rates already derived from cumulative counters, quantiles from
 * histogram buckets. `time` is epoch ms at the end of the interval the value describes.
 */

/** Whole-host CPU: busy fraction of all cpus over the interval (0..1). */
export interface HostCpuSample {
  kind: 'host-cpu';
  host: string;
  time: number;
  utilization: number;
  /** Number of logical cpus seen in the data point set (for turning a fraction into cores). */
  cpus: number;
}

/** Container CPU in cores (cpu-seconds per second) or utilization of its limit, per the source metric. */
export interface ContainerCpuSample {
  kind: 'container-cpu';
  host: string;
  containerId: string;
  time: number;
  /** Cores used over the interval when known (from container.cpu.time). */
  cores?: number;
  /** Utilization fraction as reported by container.cpu.utilization. */
  utilization?: number;
  k8sNamespace?: string;
  k8sPod?: string;
  serviceName?: string;
  /** The resource's `container.name`, for the service catalogue's `container_name` patterns. */
  containerName?: string;
}

/** One process's CPU over the interval, in cores (cpu-seconds per wall second). */
export interface ProcessCpuSample {
  kind: 'process-cpu';
  host: string;
  time: number;
  cores: number;
  process: ProcessRef;
  serviceName?: string;
}

/** Request latency of one service instance over the interval. */
export interface LatencySample {
  kind: 'latency';
  host: string;
  service: string;
  time: number;
  /** Seconds. */
  p95: number;
  p50?: number;
  /** Seconds: sum / count of the interval's requests, when the histogram carries a sum (the SDKs always send one). */
  mean?: number;
  /** Requests in the interval. */
  count: number;
  containerId?: string;
  k8sNamespace?: string;
  k8sPod?: string;
}

export type MetricSample = HostCpuSample | ContainerCpuSample | ProcessCpuSample | LatencySample;
