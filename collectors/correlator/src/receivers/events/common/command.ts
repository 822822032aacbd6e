import type { ProcessRef } from '../../../model/process';
import { basename, cap } from './fields';
import { MAX_COMMAND_LINE, MAX_NAME, MAX_PATH } from '../../../model/limits';

/** The program of a command line: its first space-separated word. */
function programOf(commandLine: string): string {
  const line = commandLine.trimStart();
  const space = line.indexOf(' ');
  return space < 0 ? line : line.slice(0, space);
}

/** The executable name a command line starts: the basename of its program, or undefined for a blank line. */
export function programName(commandLine: string | undefined): string | undefined {
  if (commandLine === undefined) return undefined;
  const name = basename(programOf(commandLine));
  return name.length > 0 ? cap(name, MAX_NAME) : undefined;
}

/**
 * The process a logged command line starts (sudo's COMMAND, audit's USER_CMD `cmd`): its command line, the
 * program's basename as name, and the program as exe path when it is absolute.
 */
export function commandProcess(commandLine: string): ProcessRef {
  const program = programOf(commandLine);
  const ref: ProcessRef = { commandLine: cap(commandLine, MAX_COMMAND_LINE), name: cap(basename(program), MAX_NAME) };
  if (program.startsWith('/')) ref.exePath = cap(program, MAX_PATH);
  return ref;
}
