/**
 * Real PostgreSQL servers for tests and benchmarks, run by `scripts/postgres-server.sh` (Debian's binaries, an
 * unprivileged user, a temporary data directory, a free loopback port; never a system cluster).
 *
 * One jest run shares one server across its PostgreSQL test files: `test/postgres-global.ts` (jest's global setup)
 * names a state directory in LOCKSTEP_TEST_PG_STATE, the first worker to ask starts the server there, the others
 * wait for its URL, and the global teardown stops it. Each test file gets a database of its own on it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const SCRIPT = resolve(__dirname, '../../../../../../scripts/postgres-server.sh');
export const PG_STATE_ENV = 'LOCKSTEP_TEST_PG_STATE';
const run = promisify(execFile);

export interface PostgresServer {
  /** URL of the server's `postgres` database (superuser, trust authentication on loopback). */
  url: string;
  dir: string;
  /** Fast shutdown. */
  stop(): Promise<void>;
  /** Immediate shutdown, as a crash. */
  kill(): Promise<void>;
  /** Starts again after stop or kill: same port, same data. */
  restart(): Promise<void>;
  /** Stops the server (if running) and deletes its directory. */
  dispose(): Promise<void>;
}

async function script(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [SCRIPT, ...args], { timeout: 120_000 });
  return stdout.trim();
}

/** A free loopback port (the kernel's pick; released just before the server takes it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject()));
    });
  });
}

/** Starts a server of its own in a fresh temporary directory (for tests that stop or kill it). */
export async function startPostgresServer(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-pg-'));
  const url = await script('start', dir, String(await freePort()));
  let running = true;
  return {
    url,
    dir,
    stop: async () => {
      await script('stop', dir);
      running = false;
    },
    kill: async () => {
      await script('kill', dir);
      running = false;
    },
    restart: async () => {
      await script('restart', dir);
      running = true;
    },
    dispose: async () => {
      if (running) await script('stop', dir).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty database on the server at `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl: string, prefix = 'test'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    // A name made here from [a-z0-9_] only: identifiers cannot be bound as parameters.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, name);
}

const WAIT_MS = 120_000;

/** The run's shared server (started by the first caller), and a fresh database on it for this caller. */
export async function sharedPostgres(prefix?: string): Promise<string> {
  const state = process.env[PG_STATE_ENV];
  if (state === undefined) throw new Error(`${PG_STATE_ENV} is not set: run the tests with npm run jest`);
  const urlFile = join(state, 'url');
  const errorFile = join(state, 'error');
  let owner = false;
  try {
    mkdirSync(join(state, 'lock'));
    owner = true;
  } catch {
    // Another worker holds the lock and is starting the server.
  }
  if (owner) {
    try {
      // Beside the state directory, not in it: the server's user must reach its directory, and the state
      // directory is private to the caller.
      const dir = mkdtempSync(join(tmpdir(), 'lockstep-pg-'));
      writeFileSync(join(state, 'server-dir'), dir);
      const url = await script('start', dir, String(await freePort()));
      // Written whole, then renamed: a waiting worker never reads half a URL.
      writeFileSync(`${urlFile}.tmp`, url);
      renameSync(`${urlFile}.tmp`, urlFile);
    } catch (error) {
      writeFileSync(errorFile, String(error));
      throw error;
    }
  }
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(urlFile)) {
    if (existsSync(errorFile))
      throw new Error(`the shared PostgreSQL server failed: ${readFileSync(errorFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error('the shared PostgreSQL server did not start in time');
    await new Promise((r) => setTimeout(r, 100));
  }
  return createDatabase(readFileSync(urlFile, 'utf8'), prefix);
}

/** Jest's global teardown: stops the shared server if a test started it, and deletes the state directory. */
export async function stopSharedPostgres(state: string): Promise<void> {
  const pointer = join(state, 'server-dir');
  if (existsSync(pointer)) {
    const dir = readFileSync(pointer, 'utf8');
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) await script('stop', dir).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  rmSync(state, { recursive: true, force: true });
}
