/**
 * Fuzzing at length (issue #14): fast-check inputs for each HTTP input path of `lockstep serve` (OTLP metrics and
 * logs in JSON and protobuf, raw events of the six tools), sent to a real service in process, plus each decoder on
 * its own. Prints, per path, the inputs tried, crashes (an exception out of a request), hangs (an answer slower
 * than 2 s), answers of 500, and the status mix; exits 1 on any finding.
 *
 *   npm run fuzz [-- --runs 1000000 --minutes 60 --transport inject|http --seed N --only metrics/json,...]
 *
 * --runs is per path; --minutes caps the whole run (split evenly between the paths); the decoders alone get a
 * tenth of each path's time on top. `inject` (the default) goes through fastify's request handling without
 * sockets; `http` over loopback.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { decoderFor } from '../test/fuzz/decoders';
import type { TargetReport, Transport } from '../test/fuzz/harness';
import { fuzzTarget, startFuzzService } from '../test/fuzz/harness';
import { ingestTargets, inputsFor } from '../test/fuzz/inputs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000000' },
    minutes: { type: 'string', default: '60' },
    transport: { type: 'string', default: 'inject' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const budgetMs = Number(values.minutes) * 60_000;
const transport = values.transport as Transport;
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const only = values.only?.split(',');

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The decoder behind a path, alone, for up to `runs` inputs or `ms`: crashes are errors its caller would not expect. */
function fuzzDecoder(target: ReturnType<typeof ingestTargets>[number], maxRuns: number, ms: number) {
  const decode = decoderFor(target);
  const arbitrary = inputsFor(target);
  const deadline = performance.now() + ms;
  let tried = 0;
  let crashes = 0;
  let first: string | undefined;
  let batchSeed = seed;
  while (tried < maxRuns && performance.now() < deadline) {
    for (const input of fc.sample(arbitrary, { numRuns: Math.min(5_000, maxRuns - tried), seed: batchSeed++ })) {
      tried += 1;
      try {
        decode(input);
      } catch (error) {
        crashes += 1;
        first ??= `${String(error)} on ${JSON.stringify(input.body.toString('latin1').slice(0, 200))}`;
      }
    }
  }
  return { tried, crashes, first };
}

async function main(): Promise<void> {
  const targets = ingestTargets().filter((t) => only === undefined || only.includes(t.name));
  const perTarget = budgetMs / targets.length / 1.1;
  log(
    `fuzz: ${targets.length} paths, up to ${runs} inputs each, ${(perTarget / 60_000).toFixed(1)} min each, transport ${transport}, seed ${seed}`,
  );
  const fuzz = await startFuzzService(transport);
  const reports: TargetReport[] = [];
  const decoders: Array<{ name: string; tried: number; crashes: number; first?: string }> = [];
  try {
    for (const target of targets) {
      let lastLog = 0;
      const report = await fuzzTarget(fuzz, target, {
        runs,
        seed,
        budgetMs: perTarget,
        onProgress: (r) => {
          if (r.elapsedMs - lastLog < 30_000) return;
          lastLog = r.elapsedMs;
          log(
            `  ${r.name}: ${r.tried} inputs, ${(r.tried / (r.elapsedMs / 1000)).toFixed(0)}/s, ${r.crashes + r.hangs + r.errors500} findings`,
          );
        },
      });
      reports.push(report);
      log(
        `${report.name}: ${report.tried} inputs in ${(report.elapsedMs / 1000).toFixed(0)} s; crashes ${report.crashes}, hangs ${report.hangs}, 500s ${report.errors500}`,
      );
      for (const finding of report.findings)
        log(`  ${finding.kind}: ${finding.detail.split('\n')[0]}\n    input ${finding.input}`);
      decoders.push({ name: target.name, ...fuzzDecoder(target, runs, perTarget / 10) });
    }
  } finally {
    await fuzz.close();
  }
  const rate = (r: TargetReport) => (r.tried / (r.elapsedMs / 1000)).toFixed(0);
  const statusMix = (r: TargetReport) =>
    Object.entries(r.statuses)
      .map(([status, n]) => `${status}:${n}`)
      .join(' ');
  process.stdout.write(`\nHTTP input paths (${transport}, seed ${seed})\n`);
  process.stdout.write(
    `${'path'.padEnd(18)} ${'inputs'.padStart(10)} ${'per s'.padStart(7)} ${'crashes'.padStart(7)} ${'hangs'.padStart(5)} ${'500s'.padStart(5)}  statuses\n`,
  );
  for (const r of reports) {
    process.stdout.write(
      `${r.name.padEnd(18)} ${String(r.tried).padStart(10)} ${rate(r).padStart(7)} ${String(r.crashes).padStart(7)} ${String(r.hangs).padStart(5)} ${String(r.errors500).padStart(5)}  ${statusMix(r)}\n`,
    );
  }
  process.stdout.write(`\ndecoders alone\n`);
  for (const d of decoders) {
    process.stdout.write(
      `${d.name.padEnd(18)} ${String(d.tried).padStart(10)} inputs, ${d.crashes} crashes${d.first ? `: ${d.first}` : ''}\n`,
    );
  }
  const findings =
    reports.reduce((n, r) => n + r.crashes + r.hangs + r.errors500, 0) + decoders.reduce((n, d) => n + d.crashes, 0);
  process.stdout.write(`\n${findings} findings\n`);
  if (findings > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
