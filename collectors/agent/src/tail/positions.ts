import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { FileId } from './file-identity';

/** The state file in the agent's state directory. */
export const POSITIONS_FILE = 'tail-positions.json';

/** Where reading a tailed path resumes. */
export interface FilePosition {
  /** The file the offset is in; absent when the path had no file yet (the next one is read from its start). */
  file?: FileId;
  /** Byte offset just after the last line delivered (or skipped): always the start of a line. */
  offset: number;
  /** sha256 of the file's first HEAD_BYTES bytes, once it has that many (see file-identity.ts). */
  head?: string;
}

const FileIdSchema = z.strictObject({ dev: z.string().regex(/^\d+$/), ino: z.string().regex(/^\d+$/) });
const PositionSchema = z.strictObject({
  file: FileIdSchema.optional(),
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  head: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
const StateSchema = z.strictObject({ version: z.literal(1), files: z.record(z.string(), PositionSchema) });

export interface PositionLog {
  warn(message: string): void;
}

/**
 * Tail positions by configured path, kept in one small JSON file. `set` changes them in memory; `save` writes the
 * whole file atomically (a temporary file, fsync, rename), so a crash leaves the previous positions or the new
 * ones, never a mix. A file that cannot be read as positions is set aside, said once, and reading starts afresh.
 */
export class PositionStore {
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly positions: Map<string, FilePosition>,
    /** The state file existed but was unreadable: the positions it held are lost. */
    readonly lost: boolean,
  ) {}

  /**
   * Opens the positions kept in `dir` (creating it) and writes them back at once, so that a directory the agent
   * cannot write is an error at startup rather than a restart that loses lines. Throws when it cannot be used.
   */
  static async open(dir: string, log: PositionLog): Promise<PositionStore> {
    const store = await PositionStore.read(dir, log);
    store.dirty = true;
    await store.save();
    return store;
  }

  private static async read(dir: string, log: PositionLog): Promise<PositionStore> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, POSITIONS_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new PositionStore(file, new Map(), false);
      throw error;
    }
    const json = parseJson(text);
    const parsed = json === undefined ? undefined : StateSchema.safeParse(json);
    if (parsed?.success) return new PositionStore(file, new Map(Object.entries(parsed.data.files)), false);
    const why = parsed === undefined ? 'not valid JSON' : describe(parsed.error);
    const aside = `${file}.corrupt`;
    await rename(file, aside);
    log.warn(
      `${file} does not hold tail positions (${why}); moved it to ${aside} and reading every ` +
        'tailed file afresh: lines written while the agent was stopped may be missed',
    );
    return new PositionStore(file, new Map(), true);
  }

  get(key: string): FilePosition | undefined {
    return this.positions.get(key);
  }

  set(key: string, position: FilePosition): void {
    const before = this.positions.get(key);
    if (before !== undefined && samePosition(before, position)) return;
    this.positions.set(key, position);
    this.dirty = true;
  }

  /** Writes the positions if they changed since the last save. Rejects (and stays dirty) when the write fails. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const state = { version: 1 as const, files: Object.fromEntries(this.positions) };
    this.dirty = false;
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }
}

function samePosition(a: FilePosition, b: FilePosition): boolean {
  return a.offset === b.offset && a.head === b.head && a.file?.dev === b.file?.dev && a.file?.ino === b.file?.ino;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const where = issue.path.join('.');
  return where === '' ? `not version 1 positions: ${issue.message}` : `${where}: ${issue.message}`;
}
