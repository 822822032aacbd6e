/** Linux `comm` (what Falco prints as proc.name and /proc/<pid>/status shows) is cut to 15 bytes. */
const COMM_LENGTH = 15;

export function basename(path: string): string {
  const trimmed = path.replace(/ \(deleted\)$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/** True when two process names can be the same program, allowing for comm truncation. */
export function namesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= COMM_LENGTH && b.length >= COMM_LENGTH) return a.slice(0, COMM_LENGTH) === b.slice(0, COMM_LENGTH);
  if (a.length === COMM_LENGTH) return b.startsWith(a);
  if (b.length === COMM_LENGTH) return a.startsWith(b);
  return false;
}

/**
 * The arguments of a command line, without argv[0]: OTel's `process.command_line` starts with the path as
 * invoked, Falco's `proc.cmdline` with the comm, Tetragon's with the binary — only the arguments agree.
 */
export function commandArgs(commandLine: string): string {
  const line = commandLine.trim();
  const space = line.indexOf(' ');
  return space < 0 ? '' : line.slice(space + 1).trim();
}

/** True unless both command lines have arguments and they clearly differ (one may be truncated). */
export function argsCompatible(a: string, b: string): boolean {
  const x = commandArgs(a);
  const y = commandArgs(b);
  if (x.length === 0 || y.length === 0) return true;
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

/** Processes everything descends from: evidence on them says nothing about one particular child. */
const ROOT_ANCESTORS = new Set([
  'systemd',
  'init',
  'kthreadd',
  'containerd',
  'containerd-shim',
  'containerd-shim-runc-v2',
  'runc',
  'dockerd',
  'docker-init',
  'tini',
  'dumb-init',
  'conmon',
  'crio',
  'kubelet',
  'pause',
]);

export function isRootAncestor(name: string | undefined, pid: number | undefined): boolean {
  if (pid !== undefined && pid <= 2) return true;
  return name !== undefined && ROOT_ANCESTORS.has(name);
}
