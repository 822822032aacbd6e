import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FileId } from './file-identity';
import { fileIdOf, findFileById, HEAD_BYTES, headHash, sameFile, statFile } from './file-identity';
import { LineSplitter } from './lines';
import type { FilePosition } from './positions';

/** Bytes asked of the file per read. */
const READ_CHUNK = 64 * 1024;
/** Lines per poll at most: one export batch (see delivery.ts). */
export const MAX_POLL_LINES = 512;
/** Bytes read per poll at most, so a backlog is read in slices and memory stays bounded. */
export const MAX_POLL_BYTES = 1 << 20;

/** Where lines may have been missed: the file was truncated, or rotated away while the agent was stopped. */
export type GapReason = 'truncated' | 'rotated_away';

export interface TailerOptions {
  /** On a first start (no saved position), read the file from its start instead of its end like `tail -F`. */
  fromStart?: boolean;
  /** Where the last run stopped: reading resumes there, in the file it was in even if that has been rotated. */
  resume?: FilePosition;
  maxLines?: number;
  maxBytes?: number;
}

/** One poll's lines, and where reading resumes after them: commit `position` once the lines are delivered. */
export interface TailRead {
  lines: string[];
  position: FilePosition;
  /** The poll stopped at its limits: more may be waiting. */
  more: boolean;
  /** Lines over MAX_LINE_BYTES, dropped. */
  tooLong: number;
  gaps: GapReason[];
}

/**
 * Follows one log path like `tail -F`: from its end at a first start (a file created later is read whole), through
 * rotation (the rest of the renamed file, then the new one from its start) and truncation, and across restarts from
 * a saved position — in the same file, or in the file the path was rotated to meanwhile, found by device and inode.
 * A line is returned once its newline has arrived (or its rotated file ended), at most `maxLines` per poll.
 */
export class FileTailer {
  private handle: FileHandle | undefined;
  private id: FileId | undefined;
  /** The open file is no longer the one at the path: read it to its end, then move on. */
  private rotated = false;
  /** Offset just after the last complete line: where a restart resumes. */
  private lineStart = 0;
  /** Offset of the next byte to read. */
  private readOffset = 0;
  private head: { length: number; hash: string | undefined } | undefined;
  private started = false;
  private readonly splitter = new LineSplitter();
  private readonly buffer = Buffer.alloc(READ_CHUNK);

  constructor(
    readonly path: string,
    private readonly options: TailerOptions = {},
  ) {}

  async poll(): Promise<TailRead> {
    const read: TailRead = { lines: [], position: { offset: 0 }, more: false, tooLong: 0, gaps: [] };
    if (!this.started) {
      this.started = true;
      await this.resume(read);
    } else if (this.handle && !this.rotated) {
      const current = await statFile(this.path);
      if (current && !sameFile(fileIdOf(current), this.id)) this.rotated = true;
      else if (current && current.size < BigInt(this.readOffset)) {
        read.gaps.push('truncated'); // in place (copytruncate): what was written since the last poll is gone
        this.restartAt(0);
      }
    }
    let budget = this.options.maxBytes ?? MAX_POLL_BYTES;
    for (;;) {
      if (!this.handle && !(await this.openPath(0))) break;
      const readBefore = this.readOffset;
      const atEnd = await this.readSome(read, budget);
      budget -= this.readOffset - readBefore;
      if (!atEnd) {
        read.more = true;
        break;
      }
      if (!this.rotated) break;
      // A rotated file is complete: its unterminated last line is a line, then the path's new file follows.
      const last = this.splitter.end();
      read.lines.push(...last.lines);
      read.tooLong += last.tooLong;
      await this.close();
    }
    read.position = await this.position();
    return read;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    this.id = undefined;
    this.rotated = false;
  }

  /** The first poll: where the saved position points, or the end (or start) of the file on a first start. */
  private async resume(read: TailRead): Promise<void> {
    const saved = this.options.resume;
    if (saved === undefined) {
      const current = await statFile(this.path);
      if (current) await this.openPath(this.options.fromStart ? 0 : Number(current.size));
      return;
    }
    if (saved.file === undefined) return; // there was no file yet: the next one is read whole
    if ((await this.openPath(0)) && sameFile(this.id, saved.file)) {
      if (await this.matches(saved)) this.restartAt(saved.offset);
      else read.gaps.push('truncated'); // or a new file that was given the old one's inode: read whole either way
      return;
    }
    await this.close();
    const moved = await findFileById(path.dirname(this.path), saved.file);
    if (moved !== undefined && (await this.openFile(moved))) {
      this.rotated = true;
      if (await this.matches(saved)) {
        this.restartAt(saved.offset);
        return;
      }
      await this.close(); // the inode now belongs to another file: the one we were reading is gone
    }
    read.gaps.push('rotated_away');
  }

  /** Opens the file at the path, at `offset`; false when there is none (yet). */
  private async openPath(offset: number): Promise<boolean> {
    if (!(await this.openFile(this.path))) return false;
    this.restartAt(offset);
    return true;
  }

  private async openFile(file: string): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    // The identity of what was opened, not of what a stat before the open saw.
    this.id = fileIdOf(await handle.stat({ bigint: true }));
    this.handle = handle;
    this.rotated = false;
    this.head = undefined;
    this.restartAt(0);
    return true;
  }

  /** Whether the open file is the one `saved` was taken in: long enough and the same first bytes. */
  private async matches(saved: FilePosition): Promise<boolean> {
    const handle = this.handle as FileHandle;
    if ((await handle.stat()).size < saved.offset) return false;
    if (saved.offset === 0) return true;
    return (await headHash(handle, saved.offset)) === saved.head;
  }

  private restartAt(offset: number): void {
    this.lineStart = offset;
    this.readOffset = offset;
    this.splitter.reset();
    if (offset === 0) this.head = undefined;
  }

  /** Reads until the end of the file (true) or the poll's limits (false). */
  private async readSome(read: TailRead, budget: number): Promise<boolean> {
    const maxLines = this.options.maxLines ?? MAX_POLL_LINES;
    const handle = this.handle as FileHandle;
    let left = budget;
    for (;;) {
      if (read.lines.length >= maxLines || left <= 0) return false;
      const { bytesRead } = await handle.read(this.buffer, 0, READ_CHUNK, this.readOffset);
      if (bytesRead === 0) return true;
      const split = this.splitter.push(
        this.buffer.subarray(0, bytesRead),
        this.readOffset,
        maxLines - read.lines.length,
      );
      read.lines.push(...split.lines);
      read.tooLong += split.tooLong;
      if (split.lineEnd !== undefined) this.lineStart = split.lineEnd;
      this.readOffset += split.consumed;
      left -= split.consumed;
      if (split.consumed < bytesRead) return false;
    }
  }

  private async position(): Promise<FilePosition> {
    if (!this.handle || this.id === undefined) return { offset: 0 };
    const position: FilePosition = { file: this.id, offset: this.lineStart };
    if (this.lineStart > 0) position.head = await this.headHash(this.lineStart);
    return position;
  }

  /** The head hash for a position at `offset`, read again only while the file is shorter than HEAD_BYTES. */
  private async headHash(offset: number): Promise<string | undefined> {
    const length = Math.min(offset, HEAD_BYTES);
    if (this.head?.length !== length) this.head = { length, hash: await headHash(this.handle as FileHandle, length) };
    return this.head.hash;
  }
}
