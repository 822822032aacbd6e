/**
 * What one source knows about a process. Every field is optional: Falco's default rules print no pid,
 * Suricata knows no process at all, the hostmetrics receiver knows no exec id. Times are epoch ms.
 */
export interface ProcessRef {
  pid?: number;
  ppid?: number;
  /** Process start time (epoch ms). With the pid it identifies a process on a host: pids are reused. */
  startTime?: number;
  /** Executable name (OTel `process.executable.name`; Falco `proc.name`, which is the 15-char `comm`). */
  name?: string;
  exePath?: string;
  commandLine?: string;
  owner?: string;
  /** Normalized container id (lowercase hex, 64 digits when known in full, else the 12-digit short form). */
  containerId?: string;
  /** Tetragon's cluster-unique process id. */
  execId?: string;
  parentExecId?: string;
  /** What the source says about the parent, when it says more than a pid. */
  parent?: ProcessAncestor;
  /** Names of further ancestors, nearest first (grandparent, great-grandparent, ...). */
  ancestorNames?: string[];
}

export interface ProcessAncestor {
  pid?: number;
  startTime?: number;
  name?: string;
  exePath?: string;
  commandLine?: string;
  execId?: string;
}
