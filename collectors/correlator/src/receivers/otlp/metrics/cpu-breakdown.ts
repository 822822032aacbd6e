/** Busy and total CPU amounts of one logical cpu at one timestamp. */
export interface CpuSlot {
  busy: number;
  total: number;
}

/** Seconds or fractions per logical cpu at one timestamp of a host CPU metric. */
export class CpuBreakdown {
  readonly perCpu = new Map<string, CpuSlot>();
  /** False when some point at this time gave no increase (first point, reset, duplicate): no sample then. */
  complete = true;
  intervalMs = 0;

  constructor(readonly time: number) {}

  slot(cpu: string): CpuSlot {
    let slot = this.perCpu.get(cpu);
    if (slot === undefined) {
      slot = { busy: 0, total: 0 };
      this.perCpu.set(cpu, slot);
    }
    return slot;
  }

  /** Whether the points named their cpus (`cpu` / `cpu.logical_number`), rather than one host-wide total. */
  get hasCpuIds(): boolean {
    return !(this.perCpu.size === 1 && this.perCpu.has(''));
  }

  /** Mean over cpus of each cpu's busy share, `busy / total` (counters) or `busy` alone (fractions). */
  meanBusyShare(fromFractions: boolean): number | undefined {
    let sum = 0;
    let n = 0;
    for (const slot of this.perCpu.values()) {
      if (fromFractions) sum += Math.min(1, slot.busy);
      else if (slot.total > 0) sum += slot.busy / slot.total;
      else continue;
      n += 1;
    }
    return n > 0 ? Math.min(1, Math.max(0, sum / n)) : undefined;
  }

  totalOverAllCpus(): number {
    let total = 0;
    for (const slot of this.perCpu.values()) total += slot.total;
    return total;
  }
}

/** The breakdown at `time` in a short list (one entry per timestamp in the request, usually one). */
export function breakdownAt(list: CpuBreakdown[], time: number): CpuBreakdown {
  for (const b of list) if (b.time === time) return b;
  const b = new CpuBreakdown(time);
  list.push(b);
  return b;
}
