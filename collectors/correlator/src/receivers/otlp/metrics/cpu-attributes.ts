import { anyIdentity, MAX_ATTRIBUTES } from '../any-value';
import { isObject } from '../json';

/** CPU ids and mode names are short ("cpu127", "softirq"); longer values are cut so series keys stay small. */
const MAX_CPU_ID = 32;

/** The two attributes CPU metrics are broken down by. Empty strings when absent. */
export interface CpuAttributes {
  /** Logical CPU (`cpu` = "cpu0" in hostmetrics, `cpu.logical_number` = 0 in the semantic conventions). */
  cpu: string;
  /** CPU mode: hostmetrics `state`, semantic conventions `cpu.mode` (formerly `system.cpu.state`). */
  state: string;
}

export function newCpuAttributes(): CpuAttributes {
  return { cpu: '', state: '' };
}

/**
 * Reads the cpu and mode of a data point in one pass. Both the hostmetrics receiver's names (`cpu`, `state`)
 * and the semantic conventions' (`cpu.logical_number`, `cpu.mode`, and the older `system.cpu.*` /
 * `process.cpu.state`) are accepted: the receiver still sends the former, SDK-based agents the latter.
 */
export function readCpuAttributes(attributes: unknown, out: CpuAttributes): void {
  out.cpu = '';
  out.state = '';
  if (!Array.isArray(attributes)) return;
  const n = Math.min(attributes.length, MAX_ATTRIBUTES);
  for (let i = 0; i < n; i++) {
    const kv: unknown = attributes[i];
    if (!isObject(kv)) continue;
    switch (kv.key) {
      case 'cpu':
      case 'cpu.logical_number':
      case 'system.cpu.logical_number':
        out.cpu = anyIdentity(kv.value).slice(0, MAX_CPU_ID);
        break;
      case 'state':
      case 'cpu.mode':
      case 'system.cpu.state':
      case 'process.cpu.state':
      case 'container.cpu.state':
        out.state = anyIdentity(kv.value).slice(0, MAX_CPU_ID);
        break;
    }
  }
}

/**
 * Whether host CPU time in this mode counts as busy. Everything but idle is busy, except I/O wait: iowait is
 * idle time during which some task waited for a disk. The CPU was free to run anything, no process's CPU time
 * accounts for it (so attribution could never explain such a "spike"), and the kernel documents the number as
 * unreliable. Steal, interrupt and softirq count as busy: the CPU was not available to the host's tasks.
 */
export function isHostBusyMode(mode: string): boolean {
  return mode !== 'idle' && mode !== 'wait' && mode !== 'iowait';
}

/**
 * Whether process or container CPU time in this mode was spent on a CPU. The process scraper's `wait` is the
 * kernel's delayacct_blkio_ticks, time blocked on block I/O, not CPU use; counting it would make a process
 * that waits on a slow disk look like a CPU hog.
 */
export function isProcessCpuMode(mode: string): boolean {
  return mode !== 'wait' && mode !== 'iowait' && mode !== 'idle';
}
