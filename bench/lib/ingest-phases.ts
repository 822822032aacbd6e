import { performance } from 'node:perf_hooks';
import type { Child } from './child-process';
import { cpuSeconds, rssBytes } from './child-process';
import type { LoadBody, LoadResult } from './http-load';
import { postAll } from './http-load';
import type { Round } from './ingest-load';

export const JSON_TYPE = 'application/json';
export const PROTOBUF_TYPE = 'application/x-protobuf';
export const NDJSON_TYPE = 'application/x-ndjson';

/** One measured phase: units (points or events) accepted, over wall time and over the server's own CPU time. */
export interface Phase {
  load: LoadResult;
  cpuSeconds: number;
}

export interface PhaseRequest {
  child: Child;
  baseUrl: string;
  path: string;
  contentType: string;
  bodies: LoadBody[];
  concurrency: number;
  budgetMs: number;
  onAccepted?: (index: number) => void;
}

/** Runs one phase against a child server and reads the CPU time the child spent on it. */
export async function measure(request: PhaseRequest): Promise<Phase> {
  const cpuBefore = cpuSeconds(request.child.pid);
  const load = await postAll({
    url: `${request.baseUrl}${request.path}`,
    contentType: request.contentType,
    bodies: request.bodies,
    concurrency: request.concurrency,
    deadline: performance.now() + request.budgetMs,
    ...(request.onAccepted ? { onAccepted: request.onAccepted } : {}),
  });
  return { load, cpuSeconds: cpuSeconds(request.child.pid) - cpuBefore };
}

export function jsonBodies(rounds: readonly Round[]): LoadBody[] {
  return rounds.flatMap((round) => round.bodies.map((b) => ({ data: b.json, units: b.points })));
}

export function protobufBodies(rounds: readonly Round[]): LoadBody[] {
  return rounds.flatMap((round) => round.bodies.map((b) => ({ data: b.protobuf, units: b.points })));
}

/** Samples a child's RSS every `everyMs` and tags each sample with the round being sent, for peak and steady. */
export class RssSampler {
  readonly samples: Array<{ round: number; bytes: number }> = [];
  round = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(pid: number, everyMs = 100) {
    this.timer = setInterval(() => {
      try {
        this.samples.push({ round: this.round, bytes: rssBytes(pid) });
      } catch {
        // The child exited between two samples; the ones taken stand.
      }
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  peak(): number {
    return Math.max(0, ...this.samples.map((s) => s.bytes));
  }

  /** Median RSS while the last half of the rounds was sent: the level memory settles at once windows are full. */
  steady(fromRound: number): number {
    const late = this.samples
      .filter((s) => s.round >= fromRound && Number.isFinite(s.round))
      .map((s) => s.bytes)
      .sort((a, b) => a - b);
    return late[Math.floor(late.length / 2)] ?? 0;
  }
}
