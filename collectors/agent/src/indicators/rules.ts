import type { ProcessSnapshot } from '../proc/reader';

/** A cheap sign, read from /proc alone, that a process deserves a look. Emitted as an OTLP log record. */
export interface Indicator {
  /** Stable rule name (`security_rule.name`). */
  rule: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  /** One sentence; carries no untrusted text except quoted, cut, control-free paths. */
  description: string;
}

/** What the rules look at for one process, gathered by `gatherEvidence`. */
export interface ProcessEvidence {
  process: ProcessSnapshot;
  /** Target of fd 0 (e.g. `socket:[123]`, `/dev/pts/0`), read for shells only. */
  stdin: string | undefined;
  /** Established TCP connections of this process to well-known mining-pool ports. */
  poolConnections: Array<{ port: number }>;
}

/** Directories any user can write to; a binary run from them was dropped there, not installed. */
const WRITABLE_TEMP_DIRS = ['/tmp/', '/dev/shm/', '/var/tmp/'];

/**
 * Stratum ports that public Monero and other CPU-coin pools publish (3333/4444/5555/7777 by difficulty tier,
 * 14444/14433 for TLS, 45700 for some pools, 9000 for nicehash-style). Ordinary services rarely dial them.
 */
export const MINER_POOL_PORTS: ReadonlySet<number> = new Set([3333, 4444, 5555, 6666, 7777, 9000, 14433, 14444, 45700]);

export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);

/**
 * Names the kernel gives its own threads. A user process with a real executable has no business being called
 * this: miners (kdevtmpfsi, "[kworker/0:0]") hide behind such names. Prefixes, not whole names, because the
 * disguise is usually a near miss; names that user-space daemons share (watchdog, irqbalance) need the slash the
 * kernel's per-cpu threads carry.
 */
const KERNEL_THREAD_NAME =
  /^\[?(kworker|kthreadd|ksoftirqd|kswapd|kdevtmpfs|khugepaged|kblockd|kcompactd|rcu_|migration\/|irq\/|jbd2\/|watchdog\/)/;

const LIMIT = 200;

export function indicatorsFor(evidence: ProcessEvidence): Indicator[] {
  const { process, stdin, poolConnections } = evidence;
  const out: Indicator[] = [];
  const exe = process.exe;
  if (exe !== undefined && exe.startsWith('/memfd:')) {
    out.push({
      rule: 'Execution from memfd',
      severity: 'critical',
      description: `Process runs from an anonymous in-memory file (${quote(exe)}), a fileless-malware technique.`,
    });
  } else if (process.exeDeleted && exe !== undefined) {
    out.push({
      rule: 'Executable deleted after start',
      severity: 'high',
      description: `The executable ${quote(exe)} was deleted after the process started, hiding it from disk.`,
    });
  }
  if (exe !== undefined && WRITABLE_TEMP_DIRS.some((dir) => exe.startsWith(dir))) {
    out.push({
      rule: 'Execution from writable temp directory',
      severity: 'high',
      description: `Process runs ${quote(exe)}, from a directory any user can write to.`,
    });
  }
  const argv0 = process.argv[0] ?? '';
  if (exe !== undefined && (KERNEL_THREAD_NAME.test(process.comm) || /^\[.*\]$/.test(argv0))) {
    out.push({
      rule: 'Kernel thread name on a user process',
      severity: 'high',
      description: `A process with executable ${quote(exe)} calls itself ${quote(argv0 || process.comm)}, like a kernel thread.`,
    });
  }
  if (poolConnections.length > 0) {
    const ports = [...new Set(poolConnections.map((c) => c.port))].sort((a, b) => a - b);
    out.push({
      rule: 'Connection to mining pool port',
      severity: 'high',
      description: `Process holds established connections to port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}, used by cryptocurrency mining pools.`,
    });
  }
  if (SHELLS.has(process.comm) && stdin !== undefined && stdin.startsWith('socket:')) {
    out.push({
      rule: 'Shell with a network socket as input',
      severity: 'critical',
      description: `A ${process.comm} shell reads its commands from a socket, as a reverse shell does.`,
    });
  }
  return out;
}

/** Quotes a path for a sentence: control characters escaped, length cut. */
function quote(text: string): string {
  const cut = text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
  return JSON.stringify(cut);
}
