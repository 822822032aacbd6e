import type { ProcessRef } from '../../../model/process';
import type { ContainerCpuSample, LatencySample, MetricSample, ProcessCpuSample } from '../../../model/samples';
import type { DecoderState } from './decoder-state';
import { entityProcess } from '../entity';
import type { LatencyInterval } from './latency-interval';
import { HTTP_SERVER_REQUEST_DURATION } from './metric-names';
import { quantiles } from './quantile';
import type { ResourceBatch } from './resource-batch';

/** The OpenTelemetry SDKs' value for a service that did not set `service.name`. */
const UNKNOWN_SERVICE = 'unknown_service';
const LATENCY_QUANTILES = [0.5, 0.95] as const;

/**
 * Turns a resource's entries into samples, one per entity and timestamp. Samples are built as literals with
 * optional fields added only when defined (never spread from helper objects): they wait in the engine's lateness
 * window, so their size is old-generation memory. A sample of an entity that already
 * got one at (nearly) the same time, from another CPU form or an earlier copy of the request, is dropped.
 */
export function emitBatch(batch: ResourceBatch, state: DecoderState, out: MetricSample[]): void {
  const { entity, host } = batch;
  for (const e of batch.hostCpu) {
    if (!state.claimSample(`host\u0000${host}`, e.time)) continue;
    out.push({ kind: 'host-cpu', host, time: e.time, utilization: e.utilization, cpus: e.cpus });
  }
  if (batch.processCpu.length > 0) {
    const base = entityProcess(entity) ?? {};
    for (const e of batch.processCpu) {
      const cpus = e.share !== undefined ? state.cpusOf(host) : undefined;
      const cores = e.cores ?? (e.share !== undefined && cpus !== undefined ? e.share * cpus : undefined);
      const key = `process\u0000${batch.key}`;
      if (cores === undefined || !state.claimSample(key, e.time)) continue;
      const ref = base.startTime === undefined && e.start > 0 ? withStartTime(base, e.start) : base;
      const sample: ProcessCpuSample = {
        kind: 'process-cpu',
        host,
        time: e.time,
        cores,
        process: state.sameProcess(key, ref),
      };
      if (entity.serviceName !== undefined) sample.serviceName = entity.serviceName;
      out.push(sample);
    }
  }
  const containerId = entity.containerId;
  if (containerId !== undefined) {
    for (const e of batch.containerCpu) {
      if (!state.claimSample(`container\u0000${batch.key}`, e.time)) continue;
      const sample: ContainerCpuSample = { kind: 'container-cpu', host, containerId, time: e.time };
      if (e.cores !== undefined) sample.cores = e.cores;
      if (e.utilization !== undefined) sample.utilization = e.utilization;
      if (entity.k8sNamespace !== undefined) sample.k8sNamespace = entity.k8sNamespace;
      if (entity.k8sPod !== undefined) sample.k8sPod = entity.k8sPod;
      if (entity.serviceName !== undefined) sample.serviceName = entity.serviceName;
      if (entity.containerName !== undefined) sample.containerName = entity.containerName;
      out.push(sample);
    }
  }
  for (const interval of preferredLatency(batch.latency)) {
    const buckets = interval.buckets();
    const values = quantiles(buckets, LATENCY_QUANTILES);
    if (values === undefined) continue;
    const sample: LatencySample = {
      kind: 'latency',
      host,
      service: entity.serviceName ?? UNKNOWN_SERVICE,
      time: interval.time,
      p95: values[1] as number,
      p50: values[0] as number,
      count: buckets.total,
    };
    const mean = interval.mean();
    if (mean !== undefined) sample.mean = mean;
    if (containerId !== undefined) sample.containerId = containerId;
    if (entity.k8sNamespace !== undefined) sample.k8sNamespace = entity.k8sNamespace;
    if (entity.k8sPod !== undefined) sample.k8sPod = entity.k8sPod;
    out.push(sample);
  }
}

/**
 * One latency interval per timestamp. Instrumentations migrating to the stable conventions (`http/dup`) send
 * both names for the same requests: the stable `http.server.request.duration` is kept, never the sum of both.
 */
function preferredLatency(intervals: LatencyInterval[]): LatencyInterval[] {
  if (intervals.length <= 1) return intervals;
  const chosen: LatencyInterval[] = [];
  for (const interval of intervals) {
    const rival = chosen.findIndex((c) => c.time === interval.time);
    if (rival < 0) chosen.push(interval);
    else if (interval.metric === HTTP_SERVER_REQUEST_DURATION) chosen[rival] = interval;
  }
  return chosen;
}

/**
 * `base` with a start time. Not `{ ...base, startTime }`: a spread at a site that has seen refs of several shapes
 * gives every copy a hidden class of its own (its map and descriptors: about 180 bytes a ref, kept per series by
 * DecoderState.sameProcess; 18 MB of heap for 100,000 processes on one host), where Object.assign onto a fresh
 * literal follows the shared transitions.
 */
function withStartTime(base: ProcessRef, startTime: number): ProcessRef {
  const ref: ProcessRef = Object.assign({}, base);
  ref.startTime = startTime;
  return ref;
}
