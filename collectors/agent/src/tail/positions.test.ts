import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { POSITIONS_FILE, PositionStore } from './positions';

const HEAD = 'ab'.repeat(32);

describe('PositionStore', () => {
  let dir: string;
  const warnings: string[] = [];
  const log = { warn: (message: string) => warnings.push(message) };
  const stateFile = (): string => path.join(dir, POSITIONS_FILE);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-positions-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its directory and writes the file at once, so an unusable directory fails at startup', async () => {
    const nested = path.join(dir, 'a', 'b');
    await PositionStore.open(nested, log);
    expect(JSON.parse(readFileSync(path.join(nested, POSITIONS_FILE), 'utf8'))).toEqual({ version: 1, files: {} });
    writeFileSync(path.join(dir, 'not-a-dir'), '');
    await expect(PositionStore.open(path.join(dir, 'not-a-dir'), log)).rejects.toThrow(/ENOTDIR|EEXIST/);
  });

  it('keeps positions across a reopen, inode numbers past 2^53 included', async () => {
    const store = await PositionStore.open(dir, log);
    const position = { file: { dev: '2049', ino: '18446744073709551557' }, offset: 1234, head: HEAD };
    store.set('/var/log/auth.log', position);
    store.set('/var/log/falco.json', { offset: 0 });
    await store.save();
    const again = await PositionStore.open(dir, log);
    expect(again.get('/var/log/auth.log')).toEqual(position);
    expect(again.get('/var/log/falco.json')).toEqual({ offset: 0 });
    expect(again.lost).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('replaces the file whole on every save (a new inode, no temporary left behind), never writing it in place', async () => {
    const store = await PositionStore.open(dir, log);
    const seen = new Set<number>();
    // A reader racing the writes sees the old positions or the new ones, never a part.
    let reading = true;
    const reader = (async () => {
      let reads = 0;
      while (reading) {
        JSON.parse(await readFile(stateFile(), 'utf8'));
        reads += 1;
      }
      return reads;
    })();
    for (let i = 1; i <= 50; i++) {
      store.set('/var/log/auth.log', { file: { dev: '1', ino: '2' }, offset: i * 1000, head: HEAD });
      await store.save();
      seen.add(statSync(stateFile()).ino);
    }
    reading = false;
    expect(await reader).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(1);
    expect(readdirSync(dir)).toEqual([POSITIONS_FILE]);
    expect((await PositionStore.open(dir, log)).get('/var/log/auth.log')?.offset).toBe(50_000);
  });

  it('writes only when something changed', async () => {
    const store = await PositionStore.open(dir, log);
    store.set('/a', { offset: 5 });
    await store.save();
    const inode = statSync(stateFile()).ino;
    store.set('/a', { offset: 5 });
    await store.save();
    expect(statSync(stateFile()).ino).toBe(inode);
  });

  it.each([
    ['not JSON', '{"version":1,"files":{"/a":{"offset":12', /not valid JSON/],
    ['another version', '{"version":2,"files":{}}', /version/],
    ['a negative offset', '{"version":1,"files":{"/a":{"offset":-1}}}', /files\.\/a\.offset/],
    ['an inode that is not a number', '{"version":1,"files":{"/a":{"offset":1,"file":{"dev":"1","ino":"x"}}}}', /ino/],
  ])('sets a file holding %s aside, says so, and starts afresh', async (_, text, why) => {
    writeFileSync(stateFile(), text);
    const store = await PositionStore.open(dir, log);
    expect(store.lost).toBe(true);
    expect(store.get('/a')).toBeUndefined();
    expect(readFileSync(`${stateFile()}.corrupt`, 'utf8')).toBe(text);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(why);
    expect(warnings[0]).toMatch(/moved it to .*\.corrupt.*may be missed/);
    // The fresh file is valid again.
    expect(existsSync(stateFile())).toBe(true);
    expect((await PositionStore.open(dir, log)).lost).toBe(false);
  });
});
