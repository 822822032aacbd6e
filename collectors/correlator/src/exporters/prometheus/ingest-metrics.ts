import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Engine } from '../../engine/engine';
import { emptyEvictionCounts, EVICTION_KINDS } from '../../engine/limits';
import type { IngestTally } from '../../receivers/host';
import type { Receiver, RefusalReason } from '../../receivers/vocabulary';
import { DROP_REASONS, RECEIVERS, REFUSAL_REASONS, REJECT_REASONS } from '../../receivers/vocabulary';

/** Store write latency buckets, seconds: SQLite commits in WAL mode take well under a millisecond to tens of ms. */
const WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** What the metrics read of the store writer: how many writes wait, and whether the store can commit. */
export interface StoreBacklog {
  readonly backlog: number;
  readonly unavailable?: unknown;
}

/**
 * Counters of the receivers, gauges of the engine and the store writer. Every label set is created up front from
 * the fixed vocabulary, so a scrape shows zeros rather than missing series and cardinality never changes.
 */

export class IngestMetrics {
  private readonly received: Counter<'receiver'>;
  private readonly accepted: Counter<'receiver'>;
  private readonly rejected: Counter<'receiver' | 'reason'>;
  private readonly dropped: Counter<'receiver' | 'reason'>;
  private readonly refused: Counter<'receiver' | 'reason'>;
  readonly writeSeconds: Histogram;
  readonly writeFailures: Counter;

  constructor(registry: Registry, engine: Engine, writer: () => StoreBacklog | undefined) {
    const registers = [registry];
    this.received = new Counter({
      name: 'lockstep_received_total',
      help: 'Items received (data points, log records, events), by receiver.',
      labelNames: ['receiver'],
      registers,
    });
    this.accepted = new Counter({
      name: 'lockstep_accepted_total',
      help: 'Items handed to the correlation engine, by receiver.',
      labelNames: ['receiver'],
      registers,
    });
    this.rejected = new Counter({
      name: 'lockstep_rejected_total',
      help: 'Items received but not used, by receiver and reason (malformed, unsupported, not_security, future, past).',
      labelNames: ['receiver', 'reason'],
      registers,
    });
    this.dropped = new Counter({
      name: 'lockstep_dropped_total',
      help: "Accepted items dropped later, by receiver and reason (late: behind their host's data time).",
      labelNames: ['receiver', 'reason'],
      registers,
    });
    this.refused = new Counter({
      name: 'lockstep_refused_requests_total',
      help: 'Whole requests refused, by receiver and reason (the HTTP status class).',
      labelNames: ['receiver', 'reason'],
      registers,
    });
    this.writeSeconds = new Histogram({
      name: 'lockstep_store_write_seconds',
      help: 'Time one round of store writes took to commit (writes queued together commit together).',
      buckets: WRITE_BUCKETS,
      registers,
    });
    this.writeFailures = new Counter({
      name: 'lockstep_store_write_failures_total',
      help: 'Store writes that failed.',
      registers,
    });
    for (const receiver of RECEIVERS) {
      this.received.inc({ receiver }, 0);
      this.accepted.inc({ receiver }, 0);
      for (const reason of REJECT_REASONS) this.rejected.inc({ receiver, reason }, 0);
      for (const reason of DROP_REASONS) this.dropped.inc({ receiver, reason }, 0);
      for (const reason of REFUSAL_REASONS) this.refused.inc({ receiver, reason }, 0);
    }
    registerEngineGauges(registry, engine, writer);
  }

  count(receiver: Receiver, tally: IngestTally): void {
    this.received.inc({ receiver }, tally.received);
    this.accepted.inc({ receiver }, tally.accepted);
    for (const reason of REJECT_REASONS) {
      const n = tally.rejected[reason] ?? 0;
      if (n > 0) this.rejected.inc({ receiver, reason }, n);
    }
    for (const reason of DROP_REASONS) {
      const n = tally.dropped[reason] ?? 0;
      if (n > 0) this.dropped.inc({ receiver, reason }, n);
    }
  }

  refuse(receiver: Receiver, reason: RefusalReason): void {
    this.refused.inc({ receiver, reason });
  }
}

/** Gauges read from the engine's own counts at scrape time (no bookkeeping on the hot path). */
function registerEngineGauges(registry: Registry, engine: Engine, writer: () => StoreBacklog | undefined): void {
  const gauges: Array<[string, string, (stats: ReturnType<Engine['stats']>) => number]> = [
    ['lockstep_engine_hosts', 'Hosts the engine holds state for.', (s) => s.hosts],
    ['lockstep_engine_series', 'Metric series (host, container, service latency) held in windows.', (s) => s.series],
    ['lockstep_engine_processes', 'Process lifetimes remembered for attribution.', (s) => s.processes],
    ['lockstep_engine_open_anomalies', 'Spikes open in the engine.', (s) => s.openAnomalies],
    ['lockstep_engine_open_episodes', 'Incident windows the engine holds open.', (s) => s.openEpisodes],
    ['lockstep_engine_signals_held', 'Security signals held in memory for joins.', (s) => s.signalsStored],
    [
      'lockstep_engine_late_dropped',
      'Samples dropped since start for arriving behind the watermark.',
      (s) => s.lateDropped,
    ],
    ['lockstep_engine_signals_dropped', 'Signals dropped since start by the per-host bound.', (s) => s.signalsDropped],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(engine.stats()));
      },
    });
  }
  // A counter read at scrape time: it is moved on by what the engine counted since the last scrape.
  const seen = emptyEvictionCounts();
  new Counter({
    name: 'lockstep_engine_evictions_total',
    help: 'Entities the engine dropped for a count bound (least recently seen first), by kind: host, series, process, signal, pending (observations buffered for an evicted host).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const now = engine.stats().evictions;
      for (const kind of EVICTION_KINDS) {
        this.inc({ kind }, Math.max(0, now[kind] - seen[kind]));
        seen[kind] = now[kind];
      }
    },
  });
  new Gauge({
    name: 'lockstep_store_backlog',
    help: 'Store writes queued and not yet committed.',
    registers: [registry],
    collect() {
      this.set(writer()?.backlog ?? 0);
    },
  });
  new Gauge({
    name: 'lockstep_store_unavailable',
    help: 'Whether the store cannot commit writes now (1: ingest answers 503 and /readyz says why), else 0.',
    registers: [registry],
    collect() {
      this.set(writer()?.unavailable === undefined ? 0 : 1);
    },
  });
}
