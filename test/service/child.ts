import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';

const CLI = path.join(__dirname, 'fixtures', 'lockstep-cli.ts');

export interface ServeChild {
  child: ChildProcess;
  otlpUrl: string;
  apiUrl: string;
  /** Every log line the child wrote to stderr so far. */
  logs: string[];
  exited: Promise<number | null>;
}

/** Flags for a correlator that shares nothing with another: its own data directory, free loopback ports. */
export function isolatedServiceFlags(dataDir: string): string[] {
  return ['--data-dir', dataDir, '--otlp-listen', '127.0.0.1:0', '--api-listen', '127.0.0.1:0'];
}

/**
 * `lockstep serve` in a child process on ephemeral ports. Node itself is spawned with tsx as a loader (not the tsx
 * binary, which forks a grandchild that SIGKILL would not reach). Resolves once both listeners are up. `extraArgs`
 * go after the isolating flags (e.g. `--store-url`, `--config`).
 */
export function spawnServe(dataDir: string, extraArgs: readonly string[] = []): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, 'serve', ...isolatedServiceFlags(dataDir), ...extraArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let otlpUrl: string | undefined;
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${logs.join('\n')}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const url = /listening on (http:\/\/[^"\s]+)/.exec(line)?.[1];
        if (url === undefined) continue;
        if (otlpUrl === undefined) otlpUrl = url;
        else {
          clearTimeout(timer);
          resolve({ child, otlpUrl, apiUrl: url, logs, exited });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${logs.join('\n')}`));
    });
  });
}
