import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, setPriority, tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** What the simulated miner's executable is called (the name a real miner would hide behind is `xmrig`). */
export const MINER_NAME = 'xmrig-demo';

/**
 * The whole of the simulated miner: it burns CPU on worker threads and does nothing else (no network, no files),
 * and stops after its time, or as soon as its parent goes away (its stdin, a pipe from the parent, closes).
 */
const BURNER_SCRIPT = `'use strict';
// Lockstep demo: a harmless stand-in for a cryptominer. It only burns CPU, at the lowest priority, and exits after
// the given seconds or when the process that started it goes away. Nothing else: no network, no files.
const { Worker, isMainThread, workerData } = require('node:worker_threads');
if (isMainThread) {
  const seconds = Number(process.argv[2]);
  const threads = Number(process.argv[3]);
  const until = Date.now() + seconds * 1000;
  for (let i = 0; i < threads; i++) new Worker(__filename, { workerData: until });
  setTimeout(() => process.exit(0), seconds * 1000);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
} else {
  let x = 1;
  while (Date.now() < workerData) for (let i = 0; i < 1e5; i++) x = (x * 48271) % 2147483647;
}
`;

export interface SimulatedMiner {
  pid: number;
  /** The executable as /proc/PID/exe shows it: a copy of node, named MINER_NAME, in a fresh temp directory. */
  exe: string;
  /** The executable's base name (MINER_NAME, or `node` where the temp directory does not allow execution). */
  name: string;
  commandLine: string;
  owner: string;
  threads: number;
  seconds: number;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** Kills it (if running) and deletes its temp directory. Safe twice. */
  stop(): Promise<void>;
}

/**
 * Starts the simulated miner from a fresh temp directory, the way miners are usually dropped: the executable is
 * this node binary, hard-linked (or copied) there as MINER_NAME, so the agent sees an executable named like a miner
 * running from a writable temp directory. It burns `threads` cores (all by default) at the lowest CPU priority,
 * so it takes idle CPU without slowing anything else, for at most `seconds`.
 */
export async function startSimulatedMiner(options: { seconds: number; threads?: number }): Promise<SimulatedMiner> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-demo-'));
  const script = path.join(dir, `${MINER_NAME}.js`);
  const threads = options.threads ?? availableParallelism();
  try {
    writeFileSync(script, BURNER_SCRIPT);
    const copy = path.join(dir, MINER_NAME);
    placeExecutable(process.execPath, copy);
    const args = [script, String(options.seconds), String(threads)];
    // A temp directory mounted noexec refuses the copy: the miner then runs from node itself.
    const child = (await spawnBurner(copy, args)) ?? (await spawnBurner(process.execPath, args));
    if (child === undefined) throw new Error('cannot start the simulated miner');
    const pid = child.pid as number;
    try {
      setPriority(pid, 19);
    } catch {
      // Not allowed to lower it: it still only takes what the scheduler gives it.
    }
    const exe = child.spawnfile;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    let stopping: Promise<void> | undefined;
    return {
      pid,
      exe,
      name: path.basename(exe),
      commandLine: [exe, ...args].join(' '),
      owner: userInfo().username,
      threads,
      seconds: options.seconds,
      exited,
      stop: () =>
        (stopping ??= (async () => {
          child.kill('SIGKILL');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A hard link where the file system allows it (no copy of ~100 MB), a copy otherwise. */
function placeExecutable(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
    chmodSync(to, 0o755);
  }
}

/** The started child, or undefined when `file` cannot be executed. */
function spawnBurner(file: string, args: string[]): Promise<ChildProcess | undefined> {
  return new Promise((resolve) => {
    // stdin is a pipe from this process: when this process ends, however it ends, the burner sees EOF and exits.
    const child = spawn(file, args, { stdio: ['pipe', 'ignore', 'ignore'], env: { PATH: process.env.PATH ?? '' } });
    child.once('spawn', () => resolve(child));
    child.once('error', () => resolve(undefined));
  });
}
