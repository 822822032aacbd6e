import { DELETED_SUFFIX } from './fields';

/**
 * Where an executable was run from, when the place alone is suspicious. A miner or implant dropped by an
 * exploit lands where any user can write (/tmp, /var/tmp, /dev/shm), runs from memory (memfd_create), or
 * deletes itself after starting; an exec record from Tetragon, auditd or osquery showing that is an alert even
 * when no detection rule fired.
 */
export const TEMP_DIRECTORY_RULE = 'Execution from writable temp directory';
export const MEMFD_RULE = 'Fileless execution from memfd';
export const DELETED_BINARY_RULE = 'Execution of a deleted binary';

const WRITABLE_TEMP_DIRECTORIES = ['/tmp/', '/var/tmp/', '/dev/shm/'];
/** The kernel names a memfd executable `/memfd:<name> (deleted)`; Tetragon and osquery print that path. */
const MEMFD_MARKER = 'memfd:';

export interface ExecFacts {
  /** The tool says the file has no link left on disk (Tetragon `binary_properties`, osquery `on_disk = 0`). */
  unlinked?: boolean;
}

/** The rule an exec of `exePath` deserves on its location alone, or undefined for an ordinary location. */
export function suspiciousExecRule(exePath: string | undefined, facts: ExecFacts = {}): string | undefined {
  if (exePath !== undefined) {
    if (exePath.includes(MEMFD_MARKER)) return MEMFD_RULE;
    for (const dir of WRITABLE_TEMP_DIRECTORIES) if (exePath.startsWith(dir)) return TEMP_DIRECTORY_RULE;
    if (exePath.endsWith(DELETED_SUFFIX)) return DELETED_BINARY_RULE;
  }
  return facts.unlinked === true ? DELETED_BINARY_RULE : undefined;
}
