import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isolatedServiceFlags } from './service/child';

const ROOT = path.resolve(__dirname, '..');

/**
 * The README's Quick start: `npm run demo` (the built CLI: `lockstep demo` after an incremental `tsc -b`), with a
 * fresh data directory and free ports so it runs beside anything else. Real /proc, a real agent, a real CPU burner:
 * about 25 s of baseline, then a few seconds to the incident (longer on a busy machine: the demo waits until its
 * miner would stand out).
 */
describe('npm run demo', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-demo-test-'));
  });

  afterAll(() => {
    // npm runs a shell that runs node: the whole process group goes.
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints an incident naming the simulated miner, then stops it and exits 0', async () => {
    const args = ['run', 'demo', '--', ...isolatedServiceFlags(dataDir)];
    // What a user's shell has: no jest NODE_OPTIONS.
    const env = { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' };
    const running = spawn('npm', args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = running;
    let stdout = '';
    let stderr = '';
    running.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    running.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => running.once('exit', resolve));

    if (code !== 0) throw new Error(`npm run demo exited with ${code}:\n${stdout}\n--- stderr ---\n${stderr}`);
    const done = /demo +done in (\d+) s: incident (\S+) names the simulated miner xmrig-demo \(pid (\d+)\)/.exec(
      stdout,
    );
    expect(done).not.toBeNull();
    const [, , id, pid] = done as RegExpExecArray;
    // The incident itself, as the view printed it: correlated, culprit the miner, and the three one-liners.
    const lines = stdout.split('\n');
    const head = lines.findIndex((line) =>
      new RegExp(
        `(OPENED|UPDATED) +(CRITICAL|HIGH|MEDIUM|LOW) +host .* culprit xmrig-demo \\(pid ${pid}\\) +score [01]\\.\\d\\d +${id}$`,
      ).test(line),
    );
    if (head < 0) throw new Error(`no incident line names xmrig-demo (pid ${pid}):\n${stdout}`);
    expect(lines[head]).not.toContain('not correlated');
    expect(lines.slice(head + 1).join('\n')).toMatch(/security +.*Known Cryptominer Process Executed.*xmrig-demo/);
    // Stopped, and its temp directory gone.
    const exe = new RegExp(`xmrig-demo \\(pid ${pid}\\) runs (\\S+): `).exec(stdout)?.[1];
    expect(exe).toMatch(/lockstep-demo-.*\/xmrig-demo$/);
    expect(existsSync(path.dirname(exe as string))).toBe(false);
    expect(() => process.kill(Number(pid), 0)).toThrow();
    expect(stdout).toMatch(/stopped +cleanly/);
  }, 200_000);
});
