import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isolatedServiceFlags } from './service/child';

const CLI = path.resolve(__dirname, '../collectors/correlator/bin/lockstep.js');

/** `lockstep start` (what `npm start` runs), built: the view, the URLs it prints, and Ctrl-C. */
describe('lockstep start', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-start-test-'));
  });

  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the query API it prints, shows a status line, and stops cleanly on Ctrl-C', async () => {
    const args = ['start', ...isolatedServiceFlags(dataDir), '--interval', '1', '--status-every', '1'];
    const running = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = running;
    let stdout = '';
    running.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    running.stderr?.resume();
    const exited = new Promise<number | null>((resolve) => running.once('exit', resolve));
    /** The first match of `pattern` in what it printed, polling until it appears (or the command exits). */
    const seen = async (pattern: RegExp): Promise<RegExpExecArray> => {
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (running.exitCode !== null) throw new Error(`lockstep start exited:\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const [, apiUrl] = await seen(/Grafana data source URL +(http:\/\/127\.0\.0\.1:\d+)/);
    expect(stdout).toMatch(/Prometheus scrape target +http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(stdout).toMatch(/OTLP\/HTTP and events in +http:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(`${apiUrl}/api/v1/incidents`)).status).toBe(200);
    await seen(/status +open correlated incidents 0 .* hosts 1/);

    running.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopping +Ctrl-C: stopping the agent, storing open incidents\n.*stopped +cleanly\n$/);
  }, 30_000);
});
