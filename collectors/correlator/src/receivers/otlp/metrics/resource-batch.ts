import type { EntityFields } from '../entity';
import { entityHost, entityKey } from '../entity';
import { LatencyInterval } from './latency-interval';

export interface HostCpuEntry {
  time: number;
  utilization: number;
  cpus: number;
}

export interface ProcessCpuEntry {
  time: number;
  /** From process.cpu.time. */
  cores?: number;
  /** From process.cpu.utilization: a share of all the host's cpus, turned into cores once cpus are known. */
  share?: number;
  /** Series start (epoch ms) of the cumulative points, 0 when unknown. */
  start: number;
}

export interface ContainerCpuEntry {
  time: number;
  cores?: number;
  utilization?: number;
}

/**
 * What the metrics of one OTLP resource (one host, process, container or service instance) produced in one
 * request, per timestamp. The decoder turns it into samples once the whole request is read, so that values
 * needing another resource's data (a process's utilization needs its host's cpu count) can be completed.
 */
export class ResourceBatch {
  readonly host: string;
  readonly key: string;
  readonly hostCpu: HostCpuEntry[] = [];
  readonly processCpu: ProcessCpuEntry[] = [];
  readonly containerCpu: ContainerCpuEntry[] = [];
  readonly latency: LatencyInterval[] = [];

  constructor(readonly entity: EntityFields) {
    this.host = entityHost(entity);
    this.key = entityKey(entity);
  }

  /** Both host CPU forms of one scrape describe the same usage: the first one read at a timestamp is kept. */
  addHostCpu(time: number, utilization: number, cpus: number): void {
    for (const e of this.hostCpu) if (e.time === time) return;
    this.hostCpu.push({ time, utilization, cpus });
  }

  processEntry(time: number): ProcessCpuEntry {
    for (const e of this.processCpu) if (e.time === time) return e;
    const entry: ProcessCpuEntry = { time, start: 0 };
    this.processCpu.push(entry);
    return entry;
  }

  containerEntry(time: number): ContainerCpuEntry {
    for (const e of this.containerCpu) if (e.time === time) return e;
    const entry: ContainerCpuEntry = { time };
    this.containerCpu.push(entry);
    return entry;
  }

  latencyInterval(time: number, metric: string, secondsPerUnit: number): LatencyInterval {
    // Lists stay tiny (one entry per timestamp in the request), so a scan beats a keyed map.
    for (const l of this.latency) if (l.time === time && l.metric === metric) return l;
    const interval = new LatencyInterval(time, metric, secondsPerUnit);
    this.latency.push(interval);
    return interval;
  }
}
