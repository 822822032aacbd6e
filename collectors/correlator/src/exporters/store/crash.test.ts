import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, openStore } from './open';

const ROOT = resolve(__dirname, '../../../../..');
const WRITER = join(__dirname, '__fixtures__/crash-writer.ts');
/** Enough acknowledged writes that the kill lands mid-stream, with WAL frames not yet checkpointed. */
const KILL_AFTER_ACKS = 300;

/** Runs the writer, SIGKILLs it after `KILL_AFTER_ACKS` acknowledgements, resolves with the acked ids. */
function writeUntilKilled(dataDir: string): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    // `node --import tsx`, not the tsx binary: that one forks a second node, which SIGKILL would not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= KILL_AFTER_ACKS && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${signal}): ${stderr}`));
      else resolvePromise(acked);
    });
  });
}

describe('durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lockstep-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged incident when the writer is killed with SIGKILL', async () => {
    const acked = await writeUntilKilled(dir);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const check = new Database(join(dir, DATABASE_FILE));
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const store = openStore(dir);
    const missing = acked.filter((id) => store.getIncident(id) === undefined);
    expect(missing).toEqual([]);
    store.close();
  }, 60_000);
});
