import type { Attributes, Meter } from '@opentelemetry/api';
import type { CpuTimes } from '../proc/stat';
import type { ProcessSample, Sample } from '../sample/sampler';

/** /proc/stat columns under the hostmetrics receiver's `state` names. */
const HOST_STATES: ReadonlyArray<[keyof CpuTimes, string]> = [
  ['user', 'user'],
  ['nice', 'nice'],
  ['system', 'system'],
  ['idle', 'idle'],
  ['iowait', 'wait'],
  ['irq', 'interrupt'],
  ['softirq', 'softirq'],
  ['steal', 'steal'],
];

/**
 * `system.cpu.time` per cpu and state, an observable counter read from the latest sample at each collection: its
 * attribute sets are few and fixed. Per-process CPU comes from ProcessCpuProducer, which remembers nothing.
 */
export function registerInstruments(meter: Meter, latest: () => Sample | undefined): void {
  const systemCpu = meter.createObservableCounter('system.cpu.time', {
    unit: 's',
    description: 'Total seconds each logical CPU spent on each mode.',
  });
  meter.addBatchObservableCallback(
    (observer) => {
      const sample = latest();
      if (sample === undefined) return;
      for (const [cpu, times] of sample.cpus) {
        for (const [column, state] of HOST_STATES)
          observer.observe(systemCpu, times[column], { cpu: `cpu${cpu}`, state });
      }
    },
    [systemCpu],
  );
}

/** The hostmetrics process scraper's resource attributes, plus what it lacks (creation time, container, chain). */
export function processAttributes(process: ProcessSample): Attributes {
  const attributes: Attributes = {
    'process.pid': process.pid,
    'process.parent_pid': process.ppid,
    'process.executable.name': process.name,
    'process.command_line': process.commandLine,
    'process.creation.time': new Date(process.creationTime).toISOString(),
  };
  if (process.exePath !== undefined) attributes['process.executable.path'] = process.exePath;
  if (process.owner !== undefined) attributes['process.owner'] = process.owner;
  if (process.containerId !== undefined) attributes['container.id'] = process.containerId;
  if (process.parentChain.length > 0) attributes['process.parent_chain'] = process.parentChain;
  return attributes;
}
