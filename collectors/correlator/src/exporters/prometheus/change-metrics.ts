import type { AssetStatus, Finding } from '@lockstep/contract';
import type { Registry } from 'prom-client';
import { Gauge } from 'prom-client';
import type { AssetList } from '../store/change-store';
import { OTHER_HOST } from './correlation-metrics';

/** The inventory is read from the store at most this often (a scrape every 15 s must not run the query each time). */
const INVENTORY_EVERY_MS = 5_000;
const UNMANAGED: readonly AssetStatus[] = [
  'metrics-only',
  'signals-only',
  'metrics-silent',
  'signals-silent',
  'changes-only',
];

const EMPTY: AssetList = { items: [], truncated: false, total: 0, unmanaged: 0 };

export interface ChangeMetricsOptions {
  /** Assets (or findings' assets) given their own label; the rest share asset="_other". */
  maxSeries: number;
  /** The current inventory (the service reads the store over its recent data). */
  inventory: () => Promise<AssetList>;
  /** Wall clock, for the inventory's cache. */
  getNow: () => number;
  /** The window after which a temporary change is a finding (exported so alert text can state it). */
  temporaryWindowMs: number;
}

/**
 * Metrics for the alert rules on changes and assets: temporary changes still open past their window, per asset;
 * unmanaged assets by kind and status, and one series per unmanaged asset (at most `maxSeries`, the rest folded).
 * Every label value is a host, container or service name from outside: prom-client escapes them.
 */
export class ChangeMetrics {
  private readonly open = new Map<string, Finding['asset']>();
  private cached: { at: number; list: Promise<AssetList> } | undefined;

  constructor(
    registry: Registry,
    private readonly options: ChangeMetricsOptions,
  ) {
    const registers = [registry];
    const open = this.open;
    const { maxSeries } = options;
    new Gauge({
      name: 'lockstep_temporary_changes_open',
      help:
        'Firewall or access changes not reverted within the temporary-change window, per asset (open findings); ' +
        `assets past the first ${maxSeries} share asset="${OTHER_HOST}".`,
      labelNames: ['asset_kind', 'asset'],
      registers,
      collect() {
        this.reset();
        const counts = new Map<string, { kind: string; asset: string; n: number }>();
        for (const asset of open.values()) {
          const named = counts.size < maxSeries || counts.has(`${asset.kind}\u0000${asset.name}`);
          const key = named ? `${asset.kind}\u0000${asset.name}` : `${asset.kind}\u0000${OTHER_HOST}`;
          const entry = counts.get(key) ?? { kind: asset.kind, asset: named ? asset.name : OTHER_HOST, n: 0 };
          entry.n += 1;
          counts.set(key, entry);
        }
        for (const { kind, asset, n } of counts.values()) this.set({ asset_kind: kind, asset }, n);
      },
    });
    new Gauge({
      name: 'lockstep_temporary_change_window_seconds',
      help: 'How long a firewall or access change may stay unreverted before it is a finding (engine.temporary_change_window_ms).',
      registers,
    }).set(options.temporaryWindowMs / 1000);
    const read = (): Promise<AssetList> => this.inventory();
    new Gauge({
      name: 'lockstep_assets',
      help: 'Assets (hosts, containers, services) seen recently, by kind and managed/unmanaged status.',
      labelNames: ['asset_kind', 'status'],
      registers,
      async collect() {
        this.reset();
        const list = await read();
        for (const kind of ['host', 'container', 'service'] as const) {
          for (const status of ['managed', ...UNMANAGED] as const) this.set({ asset_kind: kind, status }, 0);
        }
        for (const asset of list.items) this.inc({ asset_kind: asset.kind, status: asset.status });
      },
    });
    new Gauge({
      name: 'lockstep_unmanaged_asset',
      help:
        'One series per unmanaged asset (1): seen by one side only, or gone silent on one side; status says which. ' +
        `Past ${maxSeries} assets the rest share asset="${OTHER_HOST}" (value: how many).`,
      labelNames: ['asset_kind', 'asset', 'status'],
      registers,
      async collect() {
        this.reset();
        const list = await read();
        let named = 0;
        for (const asset of list.items) {
          if (asset.managed) continue;
          const name = named < maxSeries ? asset.name : OTHER_HOST;
          if (name !== OTHER_HOST) named += 1;
          this.inc({ asset_kind: asset.kind, asset: name, status: asset.status });
        }
      },
    });
  }

  /** A finding opened or closed (the pipeline's listener). */
  finding(finding: Finding): void {
    if (finding.status === 'open') this.open.set(finding.id, finding.asset);
    else this.open.delete(finding.id);
  }

  private inventory(): Promise<AssetList> {
    const now = this.options.getNow();
    if (this.cached === undefined || now - this.cached.at >= INVENTORY_EVERY_MS) {
      // A store that cannot answer leaves the asset gauges empty for this scrape; it never fails /metrics.
      this.cached = { at: now, list: this.options.inventory().catch(() => EMPTY) };
    }
    return this.cached.list;
  }
}
