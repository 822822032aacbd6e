import { join } from 'node:path';
import type { IncidentStore } from '@lockstep/correlator';
import { startChild } from './child-process';
import { falcoBodies, metricsRounds } from './ingest-load';
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

export interface IngestFigures {
  /** OTLP/protobuf metric points per wall second. */
  metrics: number;
  /** Raw Falco events per wall second. */
  falco: number;
}

/**
 * `lockstep serve` in a child process on the store `url` names ('' = SQLite in a temp directory), fed metrics rounds
 * then Falco events. Wall rates: PostgreSQL's own processes share the machine's cores with the service, as they would.
 */
export async function measureIngest(url: string): Promise<IngestFigures> {
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
    const metrics = await measure({
      ...common,
      path: '/v1/metrics',
      contentType: PROTOBUF_TYPE,
      bodies: protobufBodies(rounds.slice(2)),
    });
    const events = await measure({ ...common, path: '/v1/events/falco', contentType: NDJSON_TYPE, bodies: falco });
    for (const phase of [metrics, events]) {
      if (phase.load.errors > 0) throw new Error(`ingest failed: ${phase.load.firstError ?? 'errors'}`);
    }
    return { metrics: perSecond(metrics), falco: perSecond(events) };
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
