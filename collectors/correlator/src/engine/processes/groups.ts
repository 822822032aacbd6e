import type { ProcessInstance } from './instance';
import { isRootAncestor } from './names';
import type { HostProcesses } from './registry';
import { MAX_LINEAGE_DEPTH } from './registry';

/** The lineage of a process whose parent is init, systemd or a container runtime: everything descends from them. */
const ROOT_LINEAGE = 'root';

/**
 * Instances of one program in one lineage, as attribution counts them: a miner a watchdog restarts with a new pid
 * every minute, a pool of php-fpm or gunicorn workers under their master, the compilers `make -j` forks. Each
 * instance keeps its own identity (host, pid, start time); only their CPU is added up. Keys are memoized for one
 * evaluation (a parent's lifetime does not change within it).
 */
export class ProcessGroups {
  private readonly keys = new Map<ProcessInstance, string>();

  constructor(
    private readonly processes: HostProcesses,
    private readonly slackMs: number,
  ) {}

  /** Container, program and lineage: equal keys are instances of the same program started the same way. */
  keyOf(instance: ProcessInstance): string {
    let key = this.keys.get(instance);
    if (key === undefined) {
      const lineage = this.lineageOf(instance) ?? '?';
      key = `${instance.containerId?.slice(0, 12) ?? ''}\u0000${instance.program}\u0000${lineage}`;
      this.keys.set(instance, key);
    }
    return key;
  }

  /** Whether the key says where the instance came from (a known parent); without it, grouping is by program only. */
  knowsLineage(instance: ProcessInstance): boolean {
    return this.lineageOf(instance) !== undefined;
  }

  /**
   * The nearest ancestor running a different program (a worker's master runs the same one, so the pool's lineage
   * is the master's parent): its program, `root` under init or a container runtime, `pid N` when only the parent's
   * pid is known, undefined when not even that is.
   */
  private lineageOf(instance: ProcessInstance): string | undefined {
    const own = instance.program;
    let current = instance;
    for (let depth = 0; depth < MAX_LINEAGE_DEPTH; depth += 1) {
      const parent = this.processes.parentOf(current, this.slackMs);
      if (parent === undefined) {
        if (current.ppid === undefined) return undefined;
        return isRootAncestor(undefined, current.ppid) ? ROOT_LINEAGE : `pid ${current.ppid}`;
      }
      if (isRootAncestor(parent.name, parent.pid)) return ROOT_LINEAGE;
      const program = parent.program;
      if (program !== own) return program;
      current = parent;
    }
    return own;
  }
}
