import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentStore } from '@lockstep/correlator';
import { startChild } from './child-process';
import { falcoBodies, metricsRounds } from './ingest-load';
import type { LoadBody } from './http-load';
import { measure, NDJSON_TYPE, PROTOBUF_TYPE, protobufBodies } from './ingest-phases';
import { perSecond } from './ingest-report';
import { fleetIncidents } from './store-fleet';

/** The ingest benchmark's load (bench/ingest.ts), smaller: the same for both stores, data time moving forward. */
const SHAPE = {
  hosts: 100,
  processesPerHost: 50,
  cpus: 4,
  intervalMs: 10_000,
  scrapes: 26,
  startMs: Date.UTC(2026, 10, 23),
};
const CONCURRENCY = 4;
const BUDGET_MS = 20_000;
const FALCO_REQUESTS = 120;
const FALCO_PER_REQUEST = 1_000;

export interface Rate {
  /** Per wall second. */
  wall: number;
  /** Per CPU-second of the service and the database together (for SQLite, the service alone). */
  cpu: number;
}

export interface IngestFigures {
  /** OTLP/protobuf metric points. */
  metrics: Rate;
  /** Raw Falco events. */
  falco: Rate;
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds the PostgreSQL server under `dir` has used: the postmaster, its live backends, and the backends that
 * already exited (the postmaster's children's time). Read before and after a phase, the difference is its cost.
 */
export function databaseCpuSeconds(dir: string): number {
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const parent = Number(fields[1]);
    if (pid !== postmaster && parent !== postmaster) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    if (pid === postmaster) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/**
 * `lockstep serve` in a child process on the store `url` names ('' = SQLite in a temp directory), fed metrics rounds
 * then Falco events. `databaseCpu` reads the database server's CPU time (PostgreSQL runs in processes of its own).
 */
export async function measureIngest(url: string, databaseCpu: () => number = () => 0): Promise<IngestFigures> {
  const rounds = metricsRounds(SHAPE, 10);
  const falcoAt = SHAPE.startMs + (SHAPE.scrapes - 1) * SHAPE.intervalMs;
  const falco = falcoBodies(SHAPE, FALCO_REQUESTS, FALCO_PER_REQUEST, falcoAt).bodies.map((data) => ({
    data,
    units: FALCO_PER_REQUEST,
  }));
  const previous = process.env.LOCKSTEP_STORE_URL;
  process.env.LOCKSTEP_STORE_URL = url;
  const child = await startChild(join(__dirname, 'service-child.ts')).finally(() => {
    if (previous === undefined) delete process.env.LOCKSTEP_STORE_URL;
    else process.env.LOCKSTEP_STORE_URL = previous;
  });
  try {
    const common = { child, baseUrl: child.ready.otlpUrl as string, concurrency: CONCURRENCY, budgetMs: BUDGET_MS };
    // Two rounds of warm-up: the engine's windows and the store's connections exist before the clock runs.
    await measure({
      ...common,
      path: '/v1/metrics',
      contentType: PROTOBUF_TYPE,
      bodies: protobufBodies(rounds.slice(0, 2)),
    });
    const rate = async (path: string, contentType: string, bodies: LoadBody[]): Promise<Rate> => {
      const before = databaseCpu();
      const phase = await measure({ ...common, path, contentType, bodies });
      if (phase.load.errors > 0) throw new Error(`ingest failed: ${phase.load.firstError ?? 'errors'}`);
      const cpu = phase.cpuSeconds + (databaseCpu() - before);
      return { wall: perSecond(phase), cpu: phase.load.units / cpu };
    };
    const metrics = await rate('/v1/metrics', PROTOBUF_TYPE, protobufBodies(rounds.slice(2)));
    return { metrics, falco: await rate('/v1/events/falco', NDJSON_TYPE, falco) };
  } finally {
    await child.stop();
  }
}

export interface WriteFigures {
  incidents: number;
  signals: number;
}

const WRITE_INCIDENTS = 20_000;
const SIGNAL_BATCHES = 40;
const SIGNALS_PER_BATCH = 500;

/**
 * The store's own write rate in this process, with writes issued as the service's writer issues them: a round of
 * queued writes at once (SQLite commits each as it comes; PostgreSQL group-commits the round).
 */
export async function measureWrites(store: IncidentStore): Promise<WriteFigures> {
  try {
    const [incidents] = [...fleetIncidents({ incidents: WRITE_INCIDENTS, hosts: 1_000, seed: 9 }, WRITE_INCIDENTS)];
    let started = performance.now();
    for (let i = 0; i < WRITE_INCIDENTS; i += 500) {
      await Promise.all((incidents ?? []).slice(i, i + 500).map((incident) => store.putIncident(incident, true)));
    }
    const incidentRate = WRITE_INCIDENTS / ((performance.now() - started) / 1000);
    started = performance.now();
    for (let b = 0; b < SIGNAL_BATCHES; b++) {
      await store.putSignals(
        Array.from({ length: SIGNALS_PER_BATCH }, (_, n) => ({
          id: `sig_${b}_${n}`,
          source: 'falco' as const,
          rule: 'Detect crypto miners using the Stratum protocol',
          severity: 'critical' as const,
          time: new Date(Date.UTC(2026, 0, 1) + b * 60_000 + n).toISOString(),
          entity: { 'host.name': `host-${n % 100}` },
          output: 'Crypto miner detected (proc.name=xmrig proc.pid=4242 user.name=www-data)',
        })),
      );
    }
    const signalRate = (SIGNAL_BATCHES * SIGNALS_PER_BATCH) / ((performance.now() - started) / 1000);
    return { incidents: incidentRate, signals: signalRate };
  } finally {
    await store.close();
  }
}
