import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A real `lockstep serve` (the built CLI, as `npx lockstep serve` runs it) on ephemeral loopback ports. */
export interface ServeProcess {
  pid: number;
  otlpUrl: string;
  apiUrl: string;
  /** Warnings and errors the service logged (JSON lines on stderr). */
  problems: string[];
  stop(): Promise<number | null>;
}

const BIN = join(__dirname, '..', '..', 'collectors', 'correlator', 'bin', 'lockstep.js');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

/** Starts `node collectors/correlator/bin/lockstep.js serve` with a fresh data dir; `env` adds configuration. */
export async function startServe(env: Record<string, string> = {}, args: string[] = []): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--data-dir', dataDir, '--otlp-listen', '127.0.0.1:0', '--api-listen', '127.0.0.1:0', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } },
  );
  const problems: string[] = [];
  const lines = createInterface({ input: child.stderr! });
  const urls = await new Promise<{ otlp: string; api: string }>((resolve, reject) => {
    const found: { otlp?: string; api?: string } = {};
    const timer = setTimeout(
      () => reject(new Error(`lockstep serve did not start within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`lockstep serve exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      let entry: { level?: string; msg?: string };
      try {
        entry = JSON.parse(line) as { level?: string; msg?: string };
      } catch {
        problems.push(line);
        return;
      }
      if (entry.level === 'warn' || entry.level === 'error') problems.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(entry.msg ?? '')?.[1];
      if (url && entry.msg?.startsWith('OTLP')) found.otlp = url;
      else if (url) found.api = url;
      if (found.otlp && found.api) {
        clearTimeout(timer);
        resolve({ otlp: found.otlp, api: found.api });
      }
    });
  });
  return {
    pid: child.pid!,
    otlpUrl: urls.otlp,
    apiUrl: urls.api,
    problems,
    stop: () =>
      new Promise<number | null>((resolve) => {
        const done = (code: number | null): void => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        };
        if (child.exitCode !== null) return done(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        child.once('exit', (code) => {
          clearTimeout(timer);
          done(code);
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The service's /metrics samples whose name starts with `prefix`, as "name{labels}" → value. */
export async function scrapeMetrics(apiUrl: string, prefix = 'lockstep_engine_'): Promise<Map<string, number>> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const space = line.lastIndexOf(' ');
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}
