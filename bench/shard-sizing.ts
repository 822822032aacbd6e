/**
 * How many hosts one correlator shard on PostgreSQL carries on a 2-core machine (docs/scale.md, "Sizing"): one shard
 * (`lockstep serve` with LOCKSTEP_STORE_URL) fed the agent's telemetry for a fleet — per host a 4-CPU system line
 * and 50 processes, scraped every 10 s of data time, as OTLP/protobuf — sent as fast as the shard takes it. A
 * round is one 10-s scrape of every host; what a round costs in CPU-seconds (the service, and PostgreSQL's
 * processes beside it) over its 10 s is the share of a core that fleet needs at the real pace. The shard is one
 * event loop, so one core is its ceiling; the other core is left to PostgreSQL (or the collector beside it).
 *
 *   npm run bench:shard [-- --hosts 500,1000,2000 --rounds 8]
 *
 * Hosts per shard = fleet × (target share of a core) / (its share at the real pace); the RSS after the last round
 * is the shard's memory for that fleet. Progress goes to stderr, the table to stdout.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  startPostgresServer,
} from '../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';
import { rssBytes, startChild } from './lib/child-process';
import { metricsRounds } from './lib/ingest-load';
import { measure, PROTOBUF_TYPE, protobufBodies } from './lib/ingest-phases';
import { databaseCpuSeconds } from './lib/store-ingest';

const INTERVAL_MS = 10_000;
/** A shard kept at this share of its one core keeps room for bursts, catch-up after an outage, and the query API. */
const TARGET_CORE_SHARE = 0.5;
const WARM_UP_ROUNDS = 2;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

const num = (value: number): string => Math.round(value).toLocaleString('en-US');

interface Figures {
  hosts: number;
  pointsPerRound: number;
  serviceCorePerRound: number;
  databaseCorePerRound: number;
  rssMiB: number;
  wallPerRoundMs: number;
}

/** Engine limits for `hosts` hosts of 50 processes each, a quarter to spare (docs/scale.md, "Sizing"). */
export function engineLimits(hosts: number): Record<string, number> {
  const room = Math.ceil(hosts * 1.25);
  return { max_hosts: room, max_series: room * 2, max_processes: room * 50, max_signals: Math.max(20_000, room * 10) };
}

async function measureFleet(url: string, dir: string, hosts: number, rounds: number): Promise<Figures> {
  const shape = {
    hosts,
    processesPerHost: 50,
    cpus: 4,
    intervalMs: INTERVAL_MS,
    scrapes: WARM_UP_ROUNDS + rounds + 1,
    startMs: Date.UTC(2026, 10, 23),
  };
  log(`  ${num(hosts)} hosts: generating ${shape.scrapes} scrapes...`);
  const all = metricsRounds(shape, 10);
  const previous = process.env.LOCKSTEP_STORE_URL;
  process.env.LOCKSTEP_STORE_URL = url;
  // The engine's limits (docs/service.md, engine.max_*) sized for the fleet with room to spare, as docs/scale.md
  // tells a shard's operator to: the defaults hold 2,000 hosts and 15,000 processes.
  process.env.LOCKSTEP_BENCH_ENGINE = JSON.stringify(engineLimits(hosts));
  const child = await startChild(join(__dirname, 'lib', 'service-child.ts')).finally(() => {
    if (previous === undefined) delete process.env.LOCKSTEP_STORE_URL;
    else process.env.LOCKSTEP_STORE_URL = previous;
    delete process.env.LOCKSTEP_BENCH_ENGINE;
  });
  try {
    const common = { child, baseUrl: child.ready.otlpUrl as string, concurrency: 4, budgetMs: 600_000 };
    const path = '/v1/metrics';
    await measure({
      ...common,
      path,
      contentType: PROTOBUF_TYPE,
      bodies: protobufBodies(all.slice(0, WARM_UP_ROUNDS)),
    });
    const measured = all.slice(WARM_UP_ROUNDS, WARM_UP_ROUNDS + rounds);
    const databaseBefore = databaseCpuSeconds(dir);
    const started = performance.now();
    const phase = await measure({ ...common, path, contentType: PROTOBUF_TYPE, bodies: protobufBodies(measured) });
    const wallMs = performance.now() - started;
    if (phase.load.errors > 0) throw new Error(`ingest failed: ${phase.load.firstError ?? 'errors'}`);
    const databaseCpu = databaseCpuSeconds(dir) - databaseBefore;
    const intervalSeconds = INTERVAL_MS / 1000;
    return {
      hosts,
      pointsPerRound: measured.reduce((sum, round) => sum + round.points, 0) / rounds,
      serviceCorePerRound: phase.cpuSeconds / rounds / intervalSeconds,
      databaseCorePerRound: databaseCpu / rounds / intervalSeconds,
      rssMiB: rssBytes(child.pid) / (1 << 20),
      wallPerRoundMs: wallMs / rounds,
    };
  } finally {
    await child.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { hosts: { type: 'string', default: '500,1000,2000' }, rounds: { type: 'string', default: '8' } },
  });
  const fleets = values.hosts.split(',').map(Number);
  const rounds = Number(values.rounds);
  log('starting PostgreSQL (scripts/postgres-server.sh)...');
  const server = await startPostgresServer();
  const results: Figures[] = [];
  try {
    for (const hosts of fleets) {
      const url = await createDatabase(server.url, `sizing_${hosts}`);
      results.push(await measureFleet(url, server.dir, hosts, rounds));
    }
  } finally {
    await server.dispose();
  }
  const lines = [
    `one shard on PostgreSQL, 10-s scrapes of 4 CPUs + 50 processes per host, ${rounds} rounds after ${WARM_UP_ROUNDS} of warm-up`,
    `${'hosts'.padStart(7)}${'points/round'.padStart(14)}${'shard core'.padStart(12)}${'PostgreSQL core'.padStart(17)}${'RSS MiB'.padStart(9)}${'round wall ms'.padStart(15)}  hosts per shard at ${TARGET_CORE_SHARE * 100} % of a core`,
  ];
  for (const r of results) {
    lines.push(
      `${num(r.hosts).padStart(7)}${num(r.pointsPerRound).padStart(14)}${`${(r.serviceCorePerRound * 100).toFixed(1)} %`.padStart(12)}${`${(r.databaseCorePerRound * 100).toFixed(1)} %`.padStart(17)}${num(r.rssMiB).padStart(9)}${num(r.wallPerRoundMs).padStart(15)}  ${num((r.hosts * TARGET_CORE_SHARE) / r.serviceCorePerRound)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
