import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runReplayCommand } from './replay-command';

/** Runs `lockstep replay` in process; returns the exit code, stdout and stderr. */
async function replayCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const capture =
    (into: string[]) =>
    (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      into.push(String(chunk));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') (done as () => void)();
      return true;
    };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err));
  try {
    const code = await runReplayCommand(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('lockstep replay summary', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lockstep-replay-command-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes each unreadable record with its line, made safe for the terminal', async () => {
    const file = path.join(dir, 'falco.jsonl');
    const good = { time: '2026-03-01T12:00:00Z', rule: 'Terminal shell', priority: 'Notice', output: 'shell' };
    const forged = { rule: 'no time\n12:00:00 OPENED \u001b[31mforged', priority: 'Notice', output: 'x' };
    writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify(forged)}\n{not json\n`);
    const { code, stderr } = await replayCommand([file]);
    expect(code).toBe(0);
    const summary = stderr.split('\n').find((line) => line.includes('falco.jsonl')) ?? '';
    expect(summary).toContain('1 observations');
    expect(summary).toMatch(
      /2 unreadable \(line 2: falco: missing time \(neither time nor output_fields\["evt\.time"\]\); line 3: not valid JSON/,
    );
    // eslint-disable-next-line no-control-regex
    expect(stderr).not.toMatch(/\u001b/);
  });

  it('names the formats it reads when a file is in none of them', async () => {
    const file = path.join(dir, 'unknown.log');
    writeFileSync(file, 'hello world\n');
    const { code, stderr } = await replayCommand([file]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'expected JSON lines (OTLP metrics, OTLP logs, Falco, Tetragon, Suricata, osquery or change JSON)',
    );
    expect(stderr).toContain('or text lines (auditd, auth.log, dpkg.log or apt history.log)');
  });
});
