/**
 * The few syscalls whose meaning matters for process lifecycle, per audit architecture. audit.log prints the
 * architecture as the AUDIT_ARCH constant in hex (`c000003e`) and the syscall as its number; interpreted logs
 * (ausearch -i, enriched pipelines) print names (`x86_64`, `execve`) instead.
 */
interface ArchTable {
  exec: ReadonlySet<number>;
  exit: ReadonlySet<number>;
  /** Calls whose SOCKADDR is the remote end that reached this host (accept, recvfrom): the source. */
  inbound: ReadonlySet<number>;
  /** Calls whose SOCKADDR is where this host sends (connect, sendto): the destination. */
  outbound: ReadonlySet<number>;
}

// Numbers from the kernel's syscall tables:
// x86_64: execve 59, execveat 322, exit 60, exit_group 231; accept 43, recvfrom 45, recvmsg 47, accept4 288,
//   recvmmsg 299; connect 42, sendto 44, sendmsg 46, sendmmsg 307.
// i386: 11, 358, 1, 252; accept4 364, recvfrom 371, recvmsg 372, recvmmsg 337; connect 362, sendto 369,
//   sendmsg 370, sendmmsg 345 (older i386 code calls socketcall 102 instead: see socketcallEnd).
// aarch64: 221, 281, 93, 94; accept 202, recvfrom 207, recvmsg 212, accept4 242, recvmmsg 243; connect 203,
//   sendto 206, sendmsg 211, sendmmsg 269.
const X86_64: ArchTable = {
  exec: new Set([59, 322]),
  exit: new Set([60, 231]),
  inbound: new Set([43, 45, 47, 288, 299]),
  outbound: new Set([42, 44, 46, 307]),
};
const I386: ArchTable = {
  exec: new Set([11, 358]),
  exit: new Set([1, 252]),
  inbound: new Set([364, 371, 372, 337]),
  outbound: new Set([362, 369, 370, 345]),
};
const AARCH64: ArchTable = {
  exec: new Set([221, 281]),
  exit: new Set([93, 94]),
  inbound: new Set([202, 207, 212, 242, 243]),
  outbound: new Set([203, 206, 211, 269]),
};

const ARCHES: ReadonlyMap<string, ArchTable> = new Map([
  ['c000003e', X86_64],
  ['x86_64', X86_64],
  ['40000003', I386],
  ['i386', I386],
  ['c00000b7', AARCH64],
  ['aarch64', AARCH64],
]);

const EXEC_NAMES = new Set(['execve', 'execveat']);
const INBOUND_NAMES = new Set(['accept', 'accept4', 'recvfrom', 'recvmsg', 'recvmmsg']);
const OUTBOUND_NAMES = new Set(['connect', 'sendto', 'sendmsg', 'sendmmsg']);
/**
 * i386 socketcall(2): the call number is a0 (hex in audit.log): accept 5, recvfrom 12, recvmsg 17, accept4 18,
 * recvmmsg 19; connect 3, sendto 11, sendmsg 16, sendmmsg 20.
 */
const SOCKETCALL = 102;
const SOCKETCALL_INBOUND = new Set([5, 12, 17, 18, 19]);
const SOCKETCALL_OUTBOUND = new Set([3, 11, 16, 20]);
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

/**
 * Which end of the connection a SOCKADDR record names, by the syscall that wrote it: the peer that connected or sent
 * (source), the peer this host connected or sent to (destination), or neither (bind, listen: a local address).
 */
export type SocketEnd = 'source' | 'destination' | undefined;

export function socketEnd(arch: string | undefined, syscall: string | undefined, a0: string | undefined): SocketEnd {
  if (syscall === undefined) return undefined;
  if (INBOUND_NAMES.has(syscall)) return 'source';
  if (OUTBOUND_NAMES.has(syscall)) return 'destination';
  const table = arch === undefined ? undefined : ARCHES.get(arch.toLowerCase());
  if (!table || !SYSCALL_NUMBER.test(syscall)) return undefined;
  const n = Number(syscall);
  if (table === I386 && n === SOCKETCALL) return socketcallEnd(a0);
  if (table.inbound.has(n)) return 'source';
  return table.outbound.has(n) ? 'destination' : undefined;
}

function socketcallEnd(a0: string | undefined): SocketEnd {
  const call = a0 !== undefined && /^[0-9a-f]{1,8}$/i.test(a0) ? parseInt(a0, 16) : undefined;
  if (call === undefined) return undefined;
  if (SOCKETCALL_INBOUND.has(call)) return 'source';
  return SOCKETCALL_OUTBOUND.has(call) ? 'destination' : undefined;
}
