import type { Pool } from 'pg';
import { closeOrphans } from './orphans';
import { compactRollups } from './rollups';
import type { Swept } from './orphans';
import { storeError } from './errors';

export interface LeaseOptions {
  shardId: string;
  /** A shard not heard from for this long is taken for dead; it renews every third of it. */
  leaseMs: number;
  /** Newest data time this shard has written (epoch ms), recorded with each renewal. */
  watermark: () => number | null;
  onSwept?: (swept: Swept) => void;
  onError?: (what: string, error: unknown) => void;
  /** Monotonic clock, ms; injectable for tests. */
  now?: () => number;
}

const RENEW =
  "INSERT INTO shards (id, expires_at, watermark_ms) VALUES ($1, now() + $2::integer * interval '1 millisecond', $3) " +
  'ON CONFLICT (id) DO UPDATE SET renewed_at = now(), expires_at = EXCLUDED.expires_at, ' +
  'watermark_ms = GREATEST(shards.watermark_ms, EXCLUDED.watermark_ms)';

/**
 * This shard's lease in the `shards` table, renewed every third of `leaseMs`, and the sweep that ends other
 * shards' orphans (postgres/orphans.ts) after each renewal. A shard sweeps only once its own renewals have
 * succeeded for a whole lease without a break: after the database was unreachable, every shard's lease looks
 * expired, and none may take the others for dead before they have had a lease's time to renew.
 *
 * So after `kill -9` a shard's open incidents are ended within one lease plus one renewal period (docs/scale.md):
 * its lease expires `leaseMs` after its last renewal, and a survivor sweeps within `leaseMs / 3` of that.
 */
export class ShardLease {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private healthySince: number | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly pool: Pool,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Takes the lease (throws when the database cannot be reached) and starts renewing it. */
  async start(): Promise<void> {
    await this.renew();
    this.healthySince = this.now();
    this.schedule();
  }

  /** One renewal and, when this shard has been healthy for a lease, one sweep; for tests and the timer. */
  async tick(): Promise<void> {
    try {
      await this.renew();
      this.healthySince ??= this.now();
    } catch (error) {
      this.healthySince = undefined;
      this.options.onError?.('lease renewal', error);
      return;
    }
    try {
      await compactRollups(this.pool);
    } catch (error) {
      this.options.onError?.('KPI rollup compaction', error);
    }
    if (this.now() - (this.healthySince ?? this.now()) < this.options.leaseMs) return;
    try {
      const swept = await closeOrphans(this.pool);
      if (swept.incidents + swept.anomalies > 0) this.options.onSwept?.(swept);
    } catch (error) {
      this.options.onError?.('orphan sweep', error);
    }
  }

  /** Stops renewing and gives the lease up (its incidents were flushed before), so nobody sweeps after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.pool.query('DELETE FROM shards WHERE id = $1', [this.options.shardId]).catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, this.options.leaseMs / 3);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      await this.pool.query(RENEW, [this.options.shardId, Math.round(this.options.leaseMs), this.options.watermark()]);
    } catch (error) {
      throw storeError(error);
    }
  }
}
