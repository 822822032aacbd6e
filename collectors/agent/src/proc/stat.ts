/** CPU time per state, in clock ticks, as one `cpuN` line of /proc/stat gives it. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface SystemStat {
  /** Per logical cpu, by its number ("0", "1", ...); the aggregate `cpu` line is left out. */
  cpus: Map<string, CpuTimes>;
  /** Boot time, epoch seconds (`btime`): process start times are ticks after it. */
  bootTimeSeconds: number;
}

/** The columns of a `cpuN` line in order (proc(5)); guest time is already inside user and nice. */
const STATES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** Parses /proc/stat. Throws on a file without cpu lines or btime (not a Linux /proc). */
export function parseSystemStat(text: string): SystemStat {
  const cpus = new Map<string, CpuTimes>();
  let bootTimeSeconds: number | undefined;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const head = fields[0] ?? '';
    if (/^cpu\d+$/.test(head)) {
      const times = {} as CpuTimes;
      STATES.forEach((state, i) => (times[state] = Number(fields[i + 1] ?? 0) || 0));
      cpus.set(head.slice(3), times);
    } else if (head === 'btime') {
      bootTimeSeconds = Number(fields[1]);
    }
  }
  if (cpus.size === 0 || bootTimeSeconds === undefined || !Number.isFinite(bootTimeSeconds)) {
    throw new Error('/proc/stat has no per-cpu lines or no btime: is this a Linux /proc?');
  }
  return { cpus, bootTimeSeconds };
}
