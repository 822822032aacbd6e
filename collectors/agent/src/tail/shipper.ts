import type { Logger } from '@opentelemetry/api-logs';
import type { AgentLog } from '../agent';
import type { EventFormat } from '@lockstep/contract';
import type { ExportTally } from './delivery';
import type { PositionStore } from './positions';
import type { FileTailStats } from './stats';
import type { FileTailer, TailRead } from './tailer';

/** First wait after a failed export, doubled each time it fails again. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

export interface Tail {
  tailer: FileTailer;
  format: EventFormat;
  stats: FileTailStats;
  /** Lines read but not yet acknowledged, and the position to commit once they are. */
  pending?: TailRead;
  warnedRefused?: boolean;
  warnedUnreadable?: boolean;
}

/** Exports what the tail emitted since the last call and says how that ended. */
export type Flush = () => Promise<ExportTally>;

/**
 * Moves tailed lines into OTLP log records, one file's poll at a time, and commits a file's position only once the
 * export carrying its lines is acknowledged (or refused for good). The file is the queue: while exports fail the
 * same lines are sent again after a backoff and nothing more is read, so memory holds one poll per file.
 */
export class TailShipper {
  private notBefore = 0;
  private backoffMs = FIRST_BACKOFF_MS;
  private failingSince: number | undefined;
  private saveFailing = false;

  constructor(
    readonly tails: readonly Tail[],
    private readonly logger: Logger,
    private readonly flush: Flush,
    private readonly store: PositionStore,
    private readonly log: AgentLog,
    private readonly now: () => number = Date.now,
  ) {}

  get failing(): boolean {
    return this.failingSince !== undefined;
  }

  /** One round over every file, then the positions saved. True when a file has more waiting. */
  async round(): Promise<boolean> {
    let more = false;
    if (this.now() >= this.notBefore) {
      for (const tail of this.tails) {
        const result = await this.ship(tail);
        if (result === 'retry') break;
        more ||= result === 'more';
      }
    }
    await this.save();
    return more && !this.failing;
  }

  /** Writes the positions; a failed write is said once and tried again next round (the positions stay in memory). */
  async save(): Promise<void> {
    try {
      await this.store.save();
      if (this.saveFailing) this.log.info(`saving tail positions to ${this.store.file} again`);
      this.saveFailing = false;
    } catch (error) {
      if (!this.saveFailing)
        this.log.warn(`cannot save tail positions to ${this.store.file}: ${message(error)}; retrying each second`);
      this.saveFailing = true;
    }
  }

  private async ship(tail: Tail): Promise<'idle' | 'more' | 'retry'> {
    const key = tail.tailer.path;
    if (tail.pending === undefined) {
      let read: TailRead;
      try {
        read = await tail.tailer.poll();
        tail.warnedUnreadable = false;
      } catch (error) {
        if (!tail.warnedUnreadable) this.log.warn(`cannot read ${key}: ${message(error)}`);
        tail.warnedUnreadable = true;
        return 'idle';
      }
      this.note(tail, read);
      if (read.lines.length === 0) {
        this.store.set(key, read.position);
        return read.more ? 'more' : 'idle';
      }
      tail.pending = read;
    }
    const pending = tail.pending;
    for (const line of pending.lines) {
      this.logger.emit({ body: line, attributes: { 'lockstep.format': tail.format, 'log.file.path': key } });
    }
    const tally = await this.flush();
    // Every line of the poll went out in the one export it makes (see delivery.ts); less means some never did.
    if (tally.failed > 0 || tally.delivered + tally.refused < pending.lines.length) {
      tail.stats.retries += 1;
      this.failed(tally.error ?? 'not every line reached the exporter');
      return 'retry';
    }
    this.recovered();
    tail.stats.sent += tally.delivered;
    tail.stats.refused += tally.refused;
    if (tally.refused > 0 && !tail.warnedRefused) {
      tail.warnedRefused = true;
      this.log.warn(
        `the OTLP receiver refused ${tally.refused} lines of ${key} (${tally.error ?? 'refused'}); they are dropped ` +
          'and counted (status line, lockstep.agent.tail.lines{outcome=refused}): check that the endpoint takes ' +
          'OTLP logs at /v1/logs',
      );
    }
    this.store.set(key, pending.position);
    tail.pending = undefined;
    return pending.more ? 'more' : 'idle';
  }

  private note(tail: Tail, read: TailRead): void {
    tail.stats.tooLong += read.tooLong;
    for (const gap of read.gaps) {
      tail.stats.gaps[gap] += 1;
      this.log.warn(
        gap === 'truncated'
          ? `${tail.tailer.path} was truncated: lines written since it was last read may be missed`
          : `${tail.tailer.path} was rotated while the agent was stopped and the file it was read from is gone ` +
              '(deleted or compressed): lines written to it after the last one sent are missed',
      );
    }
  }

  private failed(error: string): void {
    if (this.failingSince === undefined) {
      this.failingSince = this.now();
      this.log.warn(`cannot deliver tailed lines (${error}); keeping them and retrying`);
    }
    this.notBefore = this.now() + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private recovered(): void {
    if (this.failingSince !== undefined) {
      const seconds = Math.round((this.now() - this.failingSince) / 1000);
      this.log.info(`delivering tailed lines again after ${seconds} s of failed exports`);
    }
    this.failingSince = undefined;
    this.backoffMs = FIRST_BACKOFF_MS;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
