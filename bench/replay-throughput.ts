/**
 * Replay throughput: MB/s and points/s of `lockstep replay`'s code path (the built @lockstep/correlator, the
 * same function the CLI calls) on a large OTLP JSON-lines file, next to bare `JSON.parse` of the same lines read
 * the same way, in the same run. Also the peak RSS during replay (memory must stay bounded: the file streams).
 *
 *   npm run bench:replay [-- --mb 50]
 */
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
// Resolves to the built package (dist/), exactly what `npx lockstep replay` runs.
import { readLineBatches, replay } from '@lockstep/correlator';
import { hostmetricsLines, pointsIn } from './load/hostmetrics-lines';
import type { LoadShape } from './load/hostmetrics-lines';

const BYTES_PER_MB = 1e6;
/** Bytes of OTLP JSON per scrape of one host with this shape, measured once to size the file. */
function shapeFor(targetMb: number): LoadShape {
  const probe: LoadShape = {
    hosts: 20,
    processesPerHost: 30,
    cpus: 4,
    intervalMs: 10_000,
    scrapes: 1,
    startMs: Date.UTC(2026, 10, 23),
  };
  let bytes = 0;
  for (const line of hostmetricsLines(probe)) bytes += line.length + 1;
  return { ...probe, scrapes: Math.max(2, Math.round((targetMb * BYTES_PER_MB) / bytes)) };
}

async function writeFile(path: string, shape: LoadShape): Promise<void> {
  const out = createWriteStream(path);
  for (const line of hostmetricsLines(shape)) {
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

async function bareParse(path: string): Promise<number> {
  let records = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch) {
      if (line.text.length > 0 && JSON.parse(line.text) !== undefined) records += 1;
    }
  }
  return records;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mb: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' } },
  });
  const targetMb = Number(values.mb);
  const runs = Math.max(1, Number(values.runs));
  const dir = resolve(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `replay-${targetMb}mb.jsonl`);
  const shape = shapeFor(targetMb);
  process.stderr.write(
    `writing ${path} (${shape.hosts} hosts × ${shape.processesPerHost} processes × ${shape.scrapes} scrapes)...\n`,
  );
  await writeFile(path, shape);
  const mb = statSync(path).size / BYTES_PER_MB;
  const points = pointsIn(shape);

  const best = { parse: Infinity, replay: Infinity };
  let peakRss = 0;
  let results = { anomalies: 0, incidents: 0 };
  for (let run = 0; run < runs; run += 1) {
    let t = performance.now();
    await bareParse(path);
    best.parse = Math.min(best.parse, performance.now() - t);

    const counts = { anomalies: 0, incidents: 0 };
    const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    t = performance.now();
    await replay([path], {
      anomaly: (_a, final) => void (final && (counts.anomalies += 1)),
      incident: (_i, final) => void (final && (counts.incidents += 1)),
    });
    best.replay = Math.min(best.replay, performance.now() - t);
    clearInterval(timer);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    results = counts;
  }
  const rate = (ms: number): string =>
    `${(mb / (ms / 1000)).toFixed(1)} MB/s, ${Math.round(points / (ms / 1000)).toLocaleString('en-US')} points/s`;
  console.log(`file: ${mb.toFixed(1)} MB, ${points.toLocaleString('en-US')} data points (best of ${runs} runs)`);
  console.log(`bare JSON.parse : ${(best.parse / 1000).toFixed(2)} s  ${rate(best.parse)}`);
  console.log(`lockstep replay : ${(best.replay / 1000).toFixed(2)} s  ${rate(best.replay)}`);
  console.log(`replay / bare parse throughput: ${(best.parse / best.replay).toFixed(2)} (target >= 0.33)`);
  console.log(
    `peak RSS during the runs: ${(peakRss / 2 ** 20).toFixed(0)} MiB; replay found ${results.anomalies} anomalies, ${results.incidents} incidents`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
