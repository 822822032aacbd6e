import type { ProcessInstance } from './instance';
import { basename, commandArgs } from './names';

/**
 * Interpreters and shells: their binary says little about what runs (every Python service is `python3`), their
 * script does. The pattern is on the executable's base name (`python3.11`, `node`, `bash`).
 */
const INTERPRETER =
  /^(?:python[\d.]*|pypy[\d.]*|node|nodejs|deno|bun|ruby[\d.]*|perl[\d.]*|php[\d.]*|java|lua[\d.]*|sh|bash|dash|zsh|ksh|busybox)$/;
/** Interpreter options whose value names the program (`python -m celery`, `java -jar app.jar`). */
const PROGRAM_OPTIONS = new Set(['-m', '-jar', '-cp', '-classpath']);
/** Shell options whose value is the command run (`sh -c "gzip -9 ..."`): the command's first word is the program. */
const COMMAND_OPTIONS = new Set(['-c', '-lc', '-ec', '-ic']);
/** Words looked at for the script: options come first, and a hostile command line can be long. */
const MAX_WORDS_SCANNED = 12;

/** What a process runs, as one string: its executable, and for an interpreter the script or module it runs. */
export function programOf(instance: Pick<ProcessInstance, 'name' | 'exePath' | 'commandLine'>): string {
  const binary = instance.exePath ?? instance.name ?? '?';
  const base = basename(instance.exePath ?? instance.name ?? '');
  if (!INTERPRETER.test(base) || instance.commandLine === undefined) return binary;
  const script = scriptOf(commandArgs(instance.commandLine));
  return script === undefined ? binary : `${binary} ${script}`;
}

function scriptOf(args: string): string | undefined {
  const words = args.split(/\s+/).filter((w) => w.length > 0);
  for (let i = 0; i < Math.min(words.length, MAX_WORDS_SCANNED); i += 1) {
    const word = words[i] as string;
    if (PROGRAM_OPTIONS.has(word)) return words[i + 1];
    if (COMMAND_OPTIONS.has(word)) return words[i + 1]?.replace(/^["']/, '');
    if (!word.startsWith('-')) return word;
  }
  return undefined;
}
