import type { FastifyRequest } from 'fastify';
import type { Observation } from '../engine/engine';
import type { TimeRejections, TimeWindows } from './time-rejections';
import type { DropReason, Receiver, RejectReason } from './vocabulary';

/** What one request did, item by item (data points, log records or events). */
export interface IngestTally {
  received: number;
  accepted: number;
  rejected: Partial<Record<RejectReason, number>>;
  dropped: Partial<Record<DropReason, number>>;
}

/** What the next consumer (the pipeline) did with a batch of observations. */
export interface ConsumeOutcome {
  /** Observations the engine took. */
  accepted: number;
  /** Metric samples behind their host's data time, dropped (raw telemetry is at-most-once). */
  late: number;
  /** Refused for their time: dated past the correlator's clock, far behind their host, or outside any Date. */
  rejected: TimeRejections;
}

/**
 * What a receiver's routes get from the service that hosts them (service/listeners/ingest-server.ts builds it):
 * the listener's admission and body limits, the next consumer, and the counters. Receivers decode and answer;
 * they never reach into the service, so the same decoders serve `lockstep replay` without it.
 */
export interface ReceiverHost {
  /**
   * Admits the request (503 while draining or when the store is behind, 429 past the in-flight budget), reads its
   * body (decompressed, within the size limit) and runs `use` on it.
   */
  withBody<T>(request: FastifyRequest, use: (body: Buffer) => Promise<T> | T): Promise<T>;
  /** Hands decoded observations to the engine. */
  consume(observations: readonly Observation[]): ConsumeOutcome;
  /**
   * Resolves once everything consumed so far is stored: a request is answered after it (acknowledged = durable).
   * Rejects (with a 503 HttpError) when the store cannot commit now.
   */
  written(): Promise<void>;
  /** Newest data time seen (epoch ms). */
  newestDataTime(): number | undefined;
  /** The service's wall clock (epoch ms): when a request is received (syslog lines without a year are dated by it). */
  now(): number;
  /**
   * Runs `task` on the service's periodic tick with the wall clock, and once more on shutdown with `Infinity`: a
   * receiver emits there what waits on time rather than on more input (auditd events whose records stopped coming).
   */
  everyTick(task: (now: number) => void): void;
  count(receiver: Receiver, tally: IngestTally): void;
  /** The windows time rejections are judged by, for the messages that name them. */
  readonly timeWindows: TimeWindows;
  /** Lines accepted in one `/v1/events` request. */
  readonly maxLinesPerRequest: number;
}
