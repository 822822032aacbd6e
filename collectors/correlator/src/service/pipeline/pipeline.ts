import type { Anomaly, Finding, Incident } from '@lockstep/contract';
import type { EngineSink, Observation } from '../../engine/engine';
import { Engine } from '../../engine/engine';
import type { EngineOptions } from '../../engine/options';
import type { IncidentStore } from '../../exporters/store/store';
import { EntityTracker } from './entities';
import { toChangeRecord } from '../../engine/changes/record';
import type { ChangeEvent } from '../../model/change';
import type { IngestVerdict } from '../../engine/clocks';
import type { ConsumeOutcome } from '../../receivers/host';
import type { Signal } from '../../model/signal';
import { foldSignals } from './signal-record';
import { StoreWriter } from './store-writer';

/** Listeners for what the engine emits (the correlation metrics use them). */
export interface PipelineListener {
  anomaly?(anomaly: Anomaly, final: boolean): void;
  incident?(incident: Incident, final: boolean): void;
  finding?(finding: Finding): void;
}

export interface PipelineOptions {
  engine: Partial<EngineOptions>;
  /** Wall-clock ms without data from a host before its data time is moved on (0: never). */
  idleAdvanceMs: number;
  /**
   * Data dated more than this past the wall clock is refused (`future`); undefined: no bound (tests that drive
   * the pipeline with a made-up clock).
   */
  maxFutureMs?: number;
  getNow: () => number;
  listener?: PipelineListener;
  observeWriteLatency?: (seconds: number) => void;
  onStoreError?: (error: unknown) => void;
  onStoreUnavailable?: (reason: string) => void;
  onStoreRecovered?: (downMs: number) => void;
}

/** What the engine did with a batch (the receivers' ConsumeOutcome). */
export type IngestOutcome = ConsumeOutcome;

/**
 * The live path: decoded observations → the same Engine `lockstep replay` drives → the incident store. Time comes
 * from the data (the engine's watermark); the only wall clock is the idle advance. Every store write goes
 * through one StoreWriter so its backlog is the back-pressure signal for the receivers.
 */
export class Pipeline {
  readonly engine: Engine;
  readonly writer: StoreWriter;
  private readonly entities = new EntityTracker();
  private newest: number | undefined;

  constructor(
    store: IncidentStore,
    private readonly options: PipelineOptions,
  ) {
    this.writer = new StoreWriter(store, {
      observeLatency: options.observeWriteLatency,
      onError: options.onStoreError,
      onUnavailable: options.onStoreUnavailable,
      onRecovered: options.onStoreRecovered,
      getNow: options.getNow,
    });
    const listener = options.listener ?? {};
    const sink: EngineSink = {
      anomaly: (anomaly, final) => {
        this.writer.enqueue((s) => s.putAnomaly(anomaly, final));
        listener.anomaly?.(anomaly, final);
      },
      incident: (incident, final) => {
        this.writer.enqueue((s) => s.putIncident(incident, final));
        listener.incident?.(incident, final);
      },
      finding: (finding) => {
        this.writer.enqueue((s) => s.putFinding(finding));
        listener.finding?.(finding);
      },
    };
    this.engine = new Engine(sink, options.engine);
  }

  /** The bound on data times past the wall clock, ms (undefined: none). */
  get maxFutureMs(): number | undefined {
    return this.options.maxFutureMs;
  }

  /** Newest data time seen (epoch ms), e.g. to date syslog lines that carry no year. */
  get newestDataTime(): number | undefined {
    return this.newest;
  }

  ingest(observations: readonly Observation[]): IngestOutcome {
    const outcome: IngestOutcome = { accepted: 0, late: 0, rejected: { future: 0, past: 0, invalid: 0 } };
    if (observations.length === 0) return outcome;
    const now = this.options.getNow();
    const context = {
      arrival: now,
      notAfter: this.options.maxFutureMs === undefined ? undefined : now + this.options.maxFutureMs,
    };
    const alerts: Signal[] = [];
    const changes: ChangeEvent[] = [];
    const taken: Observation[] = [];
    let newest = Number.NEGATIVE_INFINITY;
    for (const observation of observations) {
      const verdict: IngestVerdict = this.engine.ingest(observation, context);
      if (verdict === 'accepted') {
        outcome.accepted += 1;
        taken.push(observation);
        if (observation.time > newest) newest = observation.time;
        if (observation.kind === 'alert') alerts.push(observation);
        else if (observation.kind === 'change') changes.push(observation);
      } else if (verdict === 'late') {
        outcome.late += 1;
      } else {
        outcome.rejected[verdict] += 1;
      }
    }
    if (alerts.length > 0) {
      const records = foldSignals(alerts);
      this.writer.enqueue((s) => s.putSignals(records));
    }
    if (changes.length > 0) {
      const records = changes.map(toChangeRecord);
      this.writer.enqueue((s) => s.putChanges(records));
    }
    if (this.entities.note(taken)) this.flushEntities();
    if (Number.isFinite(newest) && (this.newest === undefined || newest > this.newest)) this.newest = newest;
    return outcome;
  }

  /** Periodic work: idle advance of quiet hosts and the entity batch. */
  tick(): void {
    this.engine.advanceIdle(this.options.getNow(), this.options.idleAdvanceMs);
    this.flushEntities();
  }

  /** End of input (shutdown): every open anomaly and incident is written in its final state. */
  async flush(): Promise<void> {
    this.engine.flush();
    this.flushEntities();
    await this.writer.drained();
  }

  private flushEntities(): void {
    const seen = this.entities.take();
    if (seen.length > 0) this.writer.enqueue((s) => s.noteEntities(seen));
  }
}
