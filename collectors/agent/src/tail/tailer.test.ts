import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FilePosition } from './positions';
import type { TailerOptions } from './tailer';
import { FileTailer } from './tailer';

describe('FileTailer', () => {
  let dir: string;
  let file: string;
  const open: FileTailer[] = [];
  const tailer = (options: TailerOptions = {}): FileTailer => {
    const created = new FileTailer(file, options);
    open.push(created);
    return created;
  };
  const lines = async (t: FileTailer): Promise<string[]> => (await t.poll()).lines;
  /** A run that stops after `poll`s, and the position it would have committed. */
  const positionAfter = async (t: FileTailer): Promise<FilePosition> => {
    const { position } = await t.poll();
    await t.close();
    return position;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-tail-'));
    file = path.join(dir, 'auth.log');
  });
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts at the end like tail -F, then returns only complete new lines', async () => {
    writeFileSync(file, 'old line\n');
    const t = tailer();
    expect(await lines(t)).toEqual([]);
    appendFileSync(file, 'one\ntw');
    expect(await lines(t)).toEqual(['one']);
    appendFileSync(file, 'o\n');
    expect(await lines(t)).toEqual(['two']);
  });

  it('reads from the start when asked, and waits for a file that does not exist yet', async () => {
    const t = tailer({ fromStart: true });
    expect(await lines(t)).toEqual([]);
    writeFileSync(file, 'first\nsecond\n');
    expect(await lines(t)).toEqual(['first', 'second']);
  });

  it('reads all of a file created after the agent started', async () => {
    const t = tailer();
    expect((await t.poll()).position).toEqual({ offset: 0 });
    writeFileSync(file, 'created later\n');
    expect(await lines(t)).toEqual(['created later']);
  });

  it('survives rotation: the rest of the old file first, then the new file from its start, no duplicates', async () => {
    writeFileSync(file, '');
    const t = tailer();
    await t.poll();
    appendFileSync(file, 'a\n');
    expect(await lines(t)).toEqual(['a']);
    appendFileSync(file, 'b\nunterminated'); // written just before logrotate renames the file
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'c\n');
    expect(await lines(t)).toEqual(['b', 'unterminated', 'c']);
    appendFileSync(file, 'd\n');
    expect(await lines(t)).toEqual(['d']);
  });

  it('survives truncation in place (copytruncate) and says so', async () => {
    writeFileSync(file, '');
    const t = tailer();
    await t.poll();
    appendFileSync(file, 'before truncation, a long line\n');
    expect(await lines(t)).toEqual(['before truncation, a long line']);
    truncateSync(file, 0);
    appendFileSync(file, 'after\n');
    expect(await t.poll()).toMatchObject({ lines: ['after'], gaps: ['truncated'] });
  });

  it('reads a backlog in polls of at most maxLines, saying more is waiting', async () => {
    writeFileSync(file, 'a\nb\nc\nd\ne\n');
    const t = tailer({ fromStart: true, maxLines: 2 });
    expect(await t.poll()).toMatchObject({ lines: ['a', 'b'], more: true, position: { offset: 4 } });
    expect(await t.poll()).toMatchObject({ lines: ['c', 'd'], more: true, position: { offset: 8 } });
    expect(await t.poll()).toMatchObject({ lines: ['e'], more: false, position: { offset: 10 } });
  });

  it('drops and counts a line over 64 KiB instead of cutting it', async () => {
    writeFileSync(file, `${'x'.repeat(70 * 1024)}\nok\n`);
    expect(await tailer({ fromStart: true }).poll()).toMatchObject({ lines: ['ok'], tooLong: 1 });
  });

  describe('resuming from a saved position', () => {
    it('continues in the same file after the last line taken, not at its end', async () => {
      writeFileSync(file, 'seen\npartial');
      const saved = await positionAfter(tailer({ fromStart: true }));
      expect(saved).toMatchObject({
        offset: 5,
        file: expect.any(Object),
        head: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      appendFileSync(file, ' line\nwritten while stopped\n');
      expect(await lines(tailer({ resume: saved }))).toEqual(['partial line', 'written while stopped']);
    });

    it('finishes the file the path was rotated to while stopped, then reads the new one whole', async () => {
      writeFileSync(file, 'sent\n');
      const saved = await positionAfter(tailer({ fromStart: true }));
      appendFileSync(file, 'before rotation\n');
      renameSync(file, `${file}.1`);
      writeFileSync(file, 'after rotation\n');
      const t = tailer({ resume: saved });
      expect(await t.poll()).toMatchObject({ lines: ['before rotation', 'after rotation'], gaps: [] });
      appendFileSync(file, 'then\n');
      expect(await lines(t)).toEqual(['then']);
    });

    it('resumes in the rotated file when it stopped midway through it', async () => {
      writeFileSync(file, 'a\nb\nc\n');
      const first = tailer({ fromStart: true, maxLines: 1 });
      await first.poll();
      renameSync(file, `${file}.1`);
      writeFileSync(file, 'new\n');
      // Rotation seen, one line of the old file taken: the position is in the renamed file.
      const stopped = await first.poll();
      expect(stopped).toMatchObject({ lines: ['b'], more: true });
      await first.close();
      expect(await lines(tailer({ resume: stopped.position }))).toEqual(['c', 'new']);
    });

    it('says when the file it was reading was rotated away, and reads the new file whole', async () => {
      writeFileSync(file, 'sent\n');
      const saved = await positionAfter(tailer({ fromStart: true }));
      // The new file is made before the old one goes, so it cannot be given the old inode.
      writeFileSync(`${file}.new`, 'new file\n');
      unlinkSync(file);
      renameSync(`${file}.new`, file);
      expect(await tailer({ resume: saved }).poll()).toMatchObject({ lines: ['new file'], gaps: ['rotated_away'] });
    });

    it('reads the file from its start when it was truncated while stopped', async () => {
      writeFileSync(file, 'a long first line that was sent\n');
      const saved = await positionAfter(tailer({ fromStart: true }));
      truncateSync(file, 0);
      appendFileSync(file, 'short\n');
      expect(await tailer({ resume: saved }).poll()).toMatchObject({ lines: ['short'], gaps: ['truncated'] });
    });

    it('tells a new file that took the old inode from the old one by its first bytes', async () => {
      writeFileSync(file, 'old content\n');
      const saved = await positionAfter(tailer({ fromStart: true }));
      // Same device and inode (as after a deletion and reuse), other content, at least as long.
      writeFileSync(file, 'NEW content\nmore\n');
      expect(await tailer({ resume: saved }).poll()).toMatchObject({
        lines: ['NEW content', 'more'],
        gaps: ['truncated'],
      });
    });

    it('reads a file that appeared while stopped whole when none existed before', async () => {
      const saved = await positionAfter(tailer());
      expect(saved).toEqual({ offset: 0 });
      writeFileSync(file, 'written while stopped\n');
      expect(await lines(tailer({ resume: saved }))).toEqual(['written while stopped']);
    });
  });
});
