import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';

/** Bytes read per poll at most, so a huge backlog is read in slices and memory stays bounded. */
const READ_CHUNK = 1 << 20;
/** A line longer than this is cut (and the rest of it skipped): log lines are never this long legitimately. */
const MAX_LINE = 64 * 1024;

export interface TailerOptions {
  /** Start at the beginning of the file instead of its end (default: the end, like `tail -F`). */
  fromStart?: boolean;
}

/**
 * Follows one log file like `tail -F`: reads new complete lines on each `poll()`, survives rotation (the file
 * renamed and a new one created: the rest of the old file is read first, then the new one from its start) and
 * truncation (copytruncate: reading restarts at 0). A line is returned once, only when its newline has arrived.
 */
export class FileTailer {
  private handle: FileHandle | undefined;
  private inode: number | undefined;
  private offset = 0;
  private partial = '';
  private first = true;

  constructor(
    readonly path: string,
    private readonly options: TailerOptions = {},
  ) {}

  /** New complete lines since the last poll; [] when the file does not exist (yet). */
  async poll(): Promise<string[]> {
    const lines: string[] = [];
    let current: Awaited<ReturnType<typeof stat>> | undefined;
    try {
      current = await stat(this.path);
    } catch {
      current = undefined;
    }
    if (this.handle && current && current.ino !== this.inode) {
      // Rotated: drain what was appended to the old file before the rename, then switch.
      await this.readAvailable(lines);
      await this.close();
    }
    if (!this.handle) {
      if (!current) {
        this.first = false; // a file created later is new: all of it is read
        return lines;
      }
      this.handle = await open(this.path, 'r');
      this.inode = current.ino;
      this.offset = this.first && !this.options.fromStart ? current.size : 0;
      this.partial = '';
    } else if (current && current.size < this.offset) {
      this.offset = 0; // truncated in place
      this.partial = '';
    }
    this.first = false;
    await this.readAvailable(lines);
    return lines;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private async readAvailable(lines: string[]): Promise<void> {
    if (!this.handle) return;
    const buffer = Buffer.alloc(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await this.handle.read(buffer, 0, READ_CHUNK, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      const text = this.partial + buffer.toString('utf8', 0, bytesRead);
      const parts = text.split('\n');
      this.partial = (parts.pop() ?? '').slice(0, MAX_LINE);
      for (const line of parts) if (line.trim() !== '') lines.push(line.slice(0, MAX_LINE));
      if (bytesRead < READ_CHUNK) return;
    }
  }
}
