/**
 * The few syscalls whose meaning matters for process lifecycle, per audit architecture. audit.log prints the
 * architecture as the AUDIT_ARCH constant in hex (`c000003e`) and the syscall as its number; interpreted logs
 * (ausearch -i, enriched pipelines) print names (`x86_64`, `execve`) instead.
 */
interface ArchTable {
  exec: ReadonlySet<number>;
  exit: ReadonlySet<number>;
}

// Numbers from the kernel's syscall tables: x86_64 (execve 59, execveat 322, exit 60, exit_group 231),
// i386 (11, 358, 1, 252), aarch64 (221, 281, 93, 94).
const X86_64: ArchTable = { exec: new Set([59, 322]), exit: new Set([60, 231]) };
const I386: ArchTable = { exec: new Set([11, 358]), exit: new Set([1, 252]) };
const AARCH64: ArchTable = { exec: new Set([221, 281]), exit: new Set([93, 94]) };

const ARCHES: ReadonlyMap<string, ArchTable> = new Map([
  ['c000003e', X86_64],
  ['x86_64', X86_64],
  ['40000003', I386],
  ['i386', I386],
  ['c00000b7', AARCH64],
  ['aarch64', AARCH64],
]);

const EXEC_NAMES = new Set(['execve', 'execveat']);
const EXIT_NAMES = new Set(['exit', 'exit_group']);
const SYSCALL_NUMBER = /^\d{1,4}$/;

export type SyscallKind = 'exec' | 'exit' | 'other';

export function syscallKind(arch: string | undefined, syscall: string | undefined): SyscallKind {
  if (syscall === undefined) return 'other';
  if (EXEC_NAMES.has(syscall)) return 'exec';
  if (EXIT_NAMES.has(syscall)) return 'exit';
  const table = arch === undefined ? undefined : ARCHES.get(arch.toLowerCase());
  if (!table || !SYSCALL_NUMBER.test(syscall)) return 'other';
  const n = Number(syscall);
  if (table.exec.has(n)) return 'exec';
  return table.exit.has(n) ? 'exit' : 'other';
}
