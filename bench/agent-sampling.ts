/**
 * The agent's own cost per sampling cycle: `Sampler.sample()` (scan /proc, parse, indicators, top-N) with N extra
 * processes running, next to a bare read of the same /proc files (stat, cmdline, status, cgroup, exe link per
 * process) in the same run. These machines are shared: compare the ratio, not the milliseconds.
 *
 *   npm run bench:agent [-- --processes 500 --cycles 20]
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Sampler } from '@lockstep/agent';

async function bareRead(): Promise<number> {
  let files = 0;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const dir = `/proc/${name}`;
    await Promise.all([
      readFile(`${dir}/stat`, 'utf8').catch(() => ''),
      readFile(`${dir}/cmdline`, 'utf8').catch(() => ''),
      readFile(`${dir}/status`, 'utf8').catch(() => ''),
      readFile(`${dir}/cgroup`, 'utf8').catch(() => ''),
      readlink(`${dir}/exe`).catch(() => ''),
    ]);
    files += 5;
  }
  return files;
}

async function timeIt(cycles: number, run: () => Promise<unknown>): Promise<{ meanMs: number; cpuMs: number }> {
  await run(); // warm up
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < cycles; i++) await run();
  const used = process.cpuUsage(cpu);
  return { meanMs: (performance.now() - start) / cycles, cpuMs: (used.user + used.system) / 1000 / cycles };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { processes: { type: 'string', default: '300' }, cycles: { type: 'string', default: '20' } },
  });
  const count = Number(values.processes);
  const cycles = Number(values.cycles);
  process.stderr.write(`starting ${count} sleeping processes...\n`);
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) children.push(spawn('sleep', ['120'], { stdio: 'ignore' }));
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seen = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).length;
    const sampler = new Sampler({ topProcesses: 50 });
    const bare = await timeIt(cycles, bareRead);
    const agent = await timeIt(cycles, () => sampler.sample());
    process.stdout.write(
      [
        `processes on the host: ${seen} (${count} started for the benchmark); ${cycles} cycles each`,
        `bare /proc read : ${bare.meanMs.toFixed(1)} ms wall, ${bare.cpuMs.toFixed(1)} ms CPU per cycle`,
        `agent sample()  : ${agent.meanMs.toFixed(1)} ms wall, ${agent.cpuMs.toFixed(1)} ms CPU per cycle`,
        `agent / bare CPU: ${(agent.cpuMs / bare.cpuMs).toFixed(2)}`,
        `agent CPU share at a 10 s interval: ${((agent.cpuMs / 10_000) * 100).toFixed(2)} % of one core`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const child of children) child.kill('SIGKILL');
  }
}

void main();
