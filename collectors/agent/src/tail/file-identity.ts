import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A file as the kernel knows it: device and inode, which a rename (logrotate's `create`) keeps and a new file at
 * the same path does not have. Decimal strings: inode numbers can pass 2^53.
 */
export interface FileId {
  dev: string;
  ino: string;
}

/**
 * Bytes at the start of a file whose hash is kept with a position: a deleted file's inode is soon given to a new
 * one, so device and inode alone could mistake a new file for the old; the head tells them apart.
 */
export const HEAD_BYTES = 1024;

/** Directory entries looked at to find a rotated file by its identity (a log directory holds far fewer). */
const MAX_SCANNED = 10_000;

export function fileIdOf(stats: BigIntStats): FileId {
  return { dev: String(stats.dev), ino: String(stats.ino) };
}

export function sameFile(a: FileId | undefined, b: FileId | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** The file at `file`, or undefined when there is none (a missing or unreadable path is not an error here). */
export async function statFile(file: string): Promise<BigIntStats | undefined> {
  try {
    const stats = await stat(file, { bigint: true });
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** sha256 of the file's first `min(length, HEAD_BYTES)` bytes, or undefined when it has fewer. */
export async function headHash(handle: FileHandle, length: number): Promise<string | undefined> {
  const size = Math.min(length, HEAD_BYTES);
  const buffer = Buffer.alloc(size);
  const { bytesRead } = await handle.read(buffer, 0, size, 0);
  if (bytesRead < size) return undefined;
  return createHash('sha256').update(buffer).digest('hex');
}

/**
 * The file in `dir` with identity `id` — where a log went when it was rotated (`auth.log.1`, `auth.log-20260301`)
 * while the agent was not running. Undefined when it is gone (deleted, or compressed into a new file).
 */
export async function findFileById(dir: string, id: FileId): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names.slice(0, MAX_SCANNED)) {
    const candidate = path.join(dir, name);
    const stats = await statFile(candidate);
    if (stats !== undefined && sameFile(fileIdOf(stats), id)) return candidate;
  }
  return undefined;
}
