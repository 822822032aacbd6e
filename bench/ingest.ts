/**
 * Ingest throughput and memory of `lockstep serve` on loopback, next to a bare node:http server that only reads
 * and parses the same bodies, in the same run (these machines are 2 shared cores: absolute figures wander 10-20%,
 * the ratio and the per-CPU-second figures much less). Both servers run as child processes; rates are given per
 * wall second and per second of the server's own CPU time (≈ per core: the service is one event loop).
 *
 *   OTLP/JSON metrics     points/s   target >= 50,000 per core
 *   OTLP/protobuf metrics points/s   target >= 100,000 per core
 *   raw Falco events      events/s   target >= 50,000 per core
 *   RSS with 100 hosts × 50 processes scraped every 10 s (data time), peak and steady: target < 150 MiB
 *
 *   npm run bench:ingest [-- --rounds 36 --paced-rounds 60 --pace-ms 1000 --baseline-only]
 *
 * The RSS target is judged on a separate phase: the built service (dist/, as `npx lockstep serve` runs it), fed
 * the same fleet at a fixed pace, one 10-s scrape round per --pace-ms of wall time: ten times faster than real
 * life by default (the output says so), so that 60 rounds take a minute. That is the harder case for memory (ten
 * times the garbage per second); `--pace-ms 10000` runs it at the real pace. The service sizes its own V8 heap
 * for this (src/service/v8-heap.ts: young generation capped, old generation kept near the live heap while CPU is to
 * spare), whichever way it is started, so both children get it.
 *
 * Progress goes to stderr, the result table to stdout. Every phase has a time budget, so the whole run ends
 * within about two minutes even on a slow machine.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadShape } from './load/hostmetrics-lines';
import type { Child } from './lib/child-process';
import { rssBytes, startChild } from './lib/child-process';
import type { LoadBody } from './lib/http-load';
import type { Round } from './lib/ingest-load';
import { falcoBodies, metricsRounds } from './lib/ingest-load';
import type { Phase } from './lib/ingest-phases';
import {
  JSON_TYPE,
  NDJSON_TYPE,
  PROTOBUF_TYPE,
  RssSampler,
  jsonBodies,
  measure,
  protobufBodies,
} from './lib/ingest-phases';
import { describeErrors, formatTable, mib } from './lib/ingest-report';
import type { PacedRss } from './lib/paced-rss';
import { pacedRss } from './lib/paced-rss';

const TARGETS = { json: 50_000, protobuf: 100_000, falco: 50_000, rssMiB: 150 };
const INTERVAL_MS = 10_000;
/** Requests in flight: an OpenTelemetry Collector exporter's default sending queue has 10 consumers; 4 keeps the client from taking both cores. */
const CONCURRENCY = 4;
/** Time budget of one measured phase; the service phases carry the RSS rounds, so they get more. */
const BARE_BUDGET_MS = 6_000;
const SERVICE_BUDGET_MS = 25_000;
const FALCO_EVENTS_PER_REQUEST = 1_000;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface Load {
  shape: LoadShape;
  warmup: { json: Round; protobuf: Round };
  jsonRounds: Round[];
  protobufRounds: Round[];
  falco: LoadBody[];
}

function buildLoad(rounds: number, hostsPerRequest: number, falcoRequests: number): Load {
  const shape: LoadShape = {
    hosts: 100,
    processesPerHost: 50,
    cpus: 4,
    intervalMs: INTERVAL_MS,
    scrapes: rounds + 2,
    startMs: Date.UTC(2026, 10, 23),
  };
  const all = metricsRounds(shape, hostsPerRequest);
  const half = 2 + Math.floor(rounds / 2);
  // Security events land at the data time the metrics reached, as a live sensor's would.
  const falcoAt = shape.startMs + (shape.scrapes - 1) * INTERVAL_MS;
  const falco = falcoBodies(shape, falcoRequests, FALCO_EVENTS_PER_REQUEST, falcoAt).bodies.map((data) => ({
    data,
    units: FALCO_EVENTS_PER_REQUEST,
  }));
  return {
    shape,
    warmup: { json: all[0]!, protobuf: all[1]! },
    jsonRounds: all.slice(2, half),
    protobufRounds: all.slice(half),
    falco,
  };
}

interface Measured {
  json: Phase;
  protobuf: Phase;
  falco: Phase;
}

/** JSON rounds, then protobuf rounds, then Falco events: one timeline, data time only moving forward. */
async function runAgainst(
  child: Child,
  baseUrl: string,
  load: Load,
  budgetMs: number,
  rss?: RssSampler,
): Promise<Measured> {
  const common = { child, baseUrl, concurrency: CONCURRENCY, budgetMs };
  const bodiesPerRound = load.jsonRounds[0]!.bodies.length;
  // After the last body of a round: tag RSS samples with the rounds done and show progress every few rounds.
  const progress = (offset: number) => (index: number) => {
    if (index % bodiesPerRound !== bodiesPerRound - 1) return;
    const done = offset + Math.floor(index / bodiesPerRound) + 1;
    if (rss) rss.round = done;
    if (done % 6 === 0) log(`  ${done} rounds sent`);
  };
  await measure({ ...common, path: '/v1/metrics', contentType: JSON_TYPE, bodies: jsonBodies([load.warmup.json]) });
  await measure({
    ...common,
    path: '/v1/metrics',
    contentType: PROTOBUF_TYPE,
    bodies: protobufBodies([load.warmup.protobuf]),
  });
  const json = await measure({
    ...common,
    path: '/v1/metrics',
    contentType: JSON_TYPE,
    bodies: jsonBodies(load.jsonRounds),
    onAccepted: progress(0),
  });
  const protobuf = await measure({
    ...common,
    path: '/v1/metrics',
    contentType: PROTOBUF_TYPE,
    bodies: protobufBodies(load.protobufRounds),
    onAccepted: progress(load.jsonRounds.length),
  });
  // Falco samples count for the peak, not for the steady level of the metrics load.
  const roundsDone = rss?.round ?? 0;
  if (rss) rss.round = Number.POSITIVE_INFINITY;
  const falco = await measure({ ...common, path: '/v1/events/falco', contentType: NDJSON_TYPE, bodies: load.falco });
  if (rss) rss.round = roundsDone;
  return { json, protobuf, falco };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '36' },
      'hosts-per-request': { type: 'string', default: '10' },
      'falco-requests': { type: 'string', default: '150' },
      'baseline-only': { type: 'boolean', default: false },
      'paced-rounds': { type: 'string', default: '60' },
      'pace-ms': { type: 'string', default: '1000' },
    },
  });
  const rounds = Math.max(2, Number(values.rounds));
  log(`generating ${rounds + 2} rounds of 100 hosts × 50 processes (OTLP/JSON and protobuf) and Falco events...`);
  const load = buildLoad(rounds, Number(values['hosts-per-request']), Number(values['falco-requests']));
  const sample = load.jsonRounds[0]!.bodies[0]!;

  log('bare node:http baseline...');
  const bareChild = await startChild(join(__dirname, 'lib', 'bare-ingest-server.ts'));
  const bare = await runAgainst(bareChild, bareChild.ready.url!, load, BARE_BUDGET_MS).finally(() => bareChild.stop());

  let service: Measured | undefined;
  let rss: RssSampler | undefined;
  let idleRss = 0;
  if (!values['baseline-only']) {
    log('lockstep serve (a child process running startService from source)...');
    const serviceChild = await startChild(join(__dirname, 'lib', 'service-child.ts')).catch((error: unknown) => {
      log(`lockstep serve did not start, so only the baseline is reported: ${String(error)}`);
      process.exitCode = 1;
      return undefined;
    });
    if (serviceChild) {
      // Before any load: what the process costs empty (Node, tsx's loader, prom-client, SQLite), for reading the peak.
      idleRss = rssBytes(serviceChild.pid);
      rss = new RssSampler(serviceChild.pid);
      try {
        service = await runAgainst(serviceChild, serviceChild.ready.otlpUrl!, load, SERVICE_BUDGET_MS, rss);
      } finally {
        rss.stop();
        await serviceChild.stop();
      }
    }
  }

  let paced: PacedRss | undefined;
  const pacedRounds = Number(values['paced-rounds']);
  if (!values['baseline-only'] && pacedRounds > 0) {
    log(`paced RSS: the built service fed ${pacedRounds} rounds, one every ${values['pace-ms']} ms...`);
    const shape = { ...load.shape, scrapes: pacedRounds };
    const rounds = metricsRounds(shape, Number(values['hosts-per-request']));
    const child = await startChild(join(__dirname, 'lib', 'service-child-dist.mjs')).catch((error: unknown) => {
      log(`the built service did not start (run npm run build first): ${String(error)}`);
      return undefined;
    });
    if (child) {
      try {
        paced = await pacedRss(child, rounds, Number(values['pace-ms']), CONCURRENCY);
      } finally {
        await child.stop();
      }
    }
  }

  // Measured rounds only; the two warm-up rounds came before them in data time.
  const roundsSent = rss ? rss.round : 0;
  console.log(
    `ingest on loopback; ${load.shape.hosts} hosts × ${load.shape.processesPerHost} processes, ${sample.points} points per request ` +
      `(${(sample.json.length / 1024).toFixed(0)} KiB JSON, ${(sample.protobuf.length / 1024).toFixed(0)} KiB protobuf), ` +
      `${FALCO_EVENTS_PER_REQUEST} Falco events per request, ${CONCURRENCY} requests in flight`,
  );
  for (const line of formatTable([
    { name: 'OTLP/JSON points', bare: bare.json, ...(service ? { service: service.json } : {}), target: TARGETS.json },
    {
      name: 'OTLP/protobuf points',
      bare: bare.protobuf,
      ...(service ? { service: service.protobuf } : {}),
      target: TARGETS.protobuf,
    },
    { name: 'Falco events', bare: bare.falco, ...(service ? { service: service.falco } : {}), target: TARGETS.falco },
  ])) {
    console.log(line);
  }
  if (rss && service) {
    const peak = rss.peak();
    const steady = rss.steady(Math.floor(roundsSent / 2));
    console.log(
      `service RSS under the flood above (${roundsSent} rounds as fast as taken, from source): peak ${mib(peak)}, steady ${mib(steady)}, idle before load ${mib(idleRss)}`,
    );
  }
  if (paced) {
    const verdict = paced.steady < TARGETS.rssMiB * 2 ** 20 ? 'met' : 'NOT met';
    const paceMs = Number(values['pace-ms']);
    const speed =
      paceMs === INTERVAL_MS ? 'real time' : `${(INTERVAL_MS / paceMs).toFixed(1).replace(/\.0$/, '')}× real time`;
    console.log(
      `service RSS, built, 100 hosts × 50 processes, one 10-s scrape round per ${paceMs} ms of wall time (${speed}; ${paced.rounds} rounds): ` +
        `steady ${mib(paced.steady)}, peak ${mib(paced.peak)}, idle ${mib(paced.idle)}${paced.errors ? `, ${paced.errors} failed requests` : ''} (target < ${TARGETS.rssMiB} MiB steady: ${verdict})`,
    );
  }
  if (!(rss && service)) {
    console.log(`lockstep serve not measured (${values['baseline-only'] ? '--baseline-only' : 'it did not start'})`);
  }
  for (const [name, phase] of Object.entries(bare)) {
    const note = describeErrors(`bare ${name}`, phase);
    if (note) console.log(note);
  }
  for (const [name, phase] of Object.entries(service ?? {})) {
    const note = describeErrors(`serve ${name}`, phase);
    if (note) console.log(note);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
