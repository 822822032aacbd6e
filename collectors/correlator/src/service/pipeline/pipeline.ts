import type { Anomaly, Incident } from '@lockstep/contract';
import type { EngineSink, Observation } from '../../engine/engine';
import { Engine } from '../../engine/engine';
import type { EngineOptions } from '../../engine/options';
import type { IncidentStore } from '../../exporters/store/store';
import { EntityTracker } from './entities';
import { IdleAdvance } from './idle';
import type { Signal } from '../../model/signal';
import { foldSignals } from './signal-record';
import { StoreWriter } from './store-writer';

/** Listeners for what the engine emits (the correlation metrics use them). */
export interface PipelineListener {
  anomaly?(anomaly: Anomaly, final: boolean): void;
  incident?(incident: Incident, final: boolean): void;
}

export interface PipelineOptions {
  engine: Partial<EngineOptions>;
  /** Wall-clock ms without data before data time is moved on (0: never). */
  idleAdvanceMs: number;
  getNow: () => number;
  listener?: PipelineListener;
  observeWriteLatency?: (seconds: number) => void;
  onStoreError?: (error: unknown) => void;
  onStoreUnavailable?: (reason: string) => void;
  onStoreRecovered?: (downMs: number) => void;
}

export interface IngestOutcome {
  /** Observations the engine took. */
  accepted: number;
  /** Metric samples older than the engine's watermark, dropped (raw telemetry is at-most-once). */
  late: number;
}

/**
 * The live path: decoded observations → the same Engine `lockstep replay` drives → the incident store. Time comes
 * from the data (the engine's watermark); the only wall clock is the idle advance. Every store write goes
 * through one StoreWriter so its backlog is the back-pressure signal for the receivers.
 */
export class Pipeline {
  readonly engine: Engine;
  readonly writer: StoreWriter;
  private readonly entities = new EntityTracker();
  private readonly idle: IdleAdvance;
  private newest: number | undefined;

  constructor(store: IncidentStore, options: PipelineOptions) {
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
    };
    this.engine = new Engine(sink, options.engine);
    this.idle = new IdleAdvance(options.idleAdvanceMs, this.engine.options.allowedLatenessMs, options.getNow);
  }

  /** Newest data time seen (epoch ms), e.g. to date syslog lines that carry no year. */
  get newestDataTime(): number | undefined {
    return this.newest;
  }

  ingest(observations: readonly Observation[]): IngestOutcome {
    if (observations.length === 0) return { accepted: 0, late: 0 };
    const lateBefore = this.engine.stats().lateDropped;
    const alerts: Signal[] = [];
    let newest = Number.NEGATIVE_INFINITY;
    for (const observation of observations) {
      this.engine.ingest(observation);
      if (observation.time > newest) newest = observation.time;
      if (observation.kind === 'alert') alerts.push(observation);
    }
    if (alerts.length > 0) {
      const records = foldSignals(alerts);
      this.writer.enqueue((s) => s.putSignals(records));
    }
    if (this.entities.note(observations)) this.flushEntities();
    if (Number.isFinite(newest)) {
      this.idle.noteData(newest);
      if (this.newest === undefined || newest > this.newest) this.newest = newest;
    }
    const late = this.engine.stats().lateDropped - lateBefore;
    return { accepted: observations.length - late, late };
  }

  /** Periodic work: idle advance and the entity batch. */
  tick(): void {
    const watermark = this.idle.watermark();
    if (watermark !== undefined) this.engine.advance(watermark);
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
