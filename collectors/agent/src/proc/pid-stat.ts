/** The fields of /proc/PID/stat the agent uses (proc(5) numbering in comments). */
export interface PidStat {
  pid: number;
  /** (2) The command name, at most 15 bytes, as the kernel keeps it; may contain spaces and parentheses. */
  comm: string;
  /** (3) R, S, D, Z, ... */
  state: string;
  /** (4) */
  ppid: number;
  /** (14) CPU time in user mode, clock ticks. */
  userTicks: number;
  /** (15) CPU time in kernel mode, clock ticks. */
  systemTicks: number;
  /** (22) Start time, clock ticks after boot. */
  startTicks: number;
  /** (20) */
  threads: number;
  /** (9) Kernel flags word; PF_KTHREAD marks kernel threads. */
  flags: number;
}

/** PF_KTHREAD in include/linux/sched.h: the task is a kernel thread (no executable, no user memory). */
export const PF_KTHREAD = 0x00200000;

/**
 * Parses /proc/PID/stat. The command name sits in parentheses and may itself contain ") (", so the fields after it
 * are found from the LAST closing parenthesis. Returns undefined for a line that is not a stat line.
 */
export function parsePidStat(text: string): PidStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); field n is rest[n - 3].
  const field = (n: number): number => Number(rest[n - 3]);
  const parsed: PidStat = {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: field(4),
    userTicks: field(14),
    systemTicks: field(15),
    startTicks: field(22),
    threads: field(20),
    flags: field(9),
  };
  const numbers = [parsed.pid, parsed.ppid, parsed.userTicks, parsed.systemTicks, parsed.startTicks];
  return numbers.every((n) => Number.isFinite(n) && n >= 0) ? parsed : undefined;
}
