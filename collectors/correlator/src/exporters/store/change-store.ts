import type { Asset, AssetStatus, ChangeRecord, Finding } from '@lockstep/contract';
import type { InventoryOptions } from '../../engine/assets/inventory';
import type { EntityFilter, Page, PageRequest, TimeRange } from './store';

/**
 * What the store keeps of changes (for `/api/v1/changes`), of temporary changes still open (findings) and of who
 * sees what (the asset inventory, from the entities the ingest path notes). Part of IncidentStore.
 */
export interface ChangeStoreApi {
  /** Idempotent by id. */
  putChanges(changes: readonly ChangeRecord[]): void | Promise<void>;
  /** Newest first by time, then id. */
  listChanges(query: ChangeQuery): Page<ChangeRecord> | Promise<Page<ChangeRecord>>;
  /** Insert or replace by id (an open finding closes when a revert arrives). */
  putFinding(finding: Finding): void | Promise<void>;
  /** Newest first by when they opened. */
  listFindings(query: FindingQuery): Page<Finding> | Promise<Page<Finding>>;
  listAssets(query: AssetQuery): AssetList | Promise<AssetList>;
}

export interface ChangeQuery extends TimeRange, EntityFilter, PageRequest {
  kind?: string;
  source?: string;
}

export interface FindingQuery extends TimeRange, EntityFilter, PageRequest {
  status?: 'open' | 'closed';
}

export interface AssetQuery extends TimeRange {
  kind?: Asset['kind'];
  managed?: boolean;
  status?: AssetStatus;
  /** At most this many assets (the API caps it at 1000), unmanaged ones first. */
  limit: number;
  inventory?: InventoryOptions;
}

export interface AssetList {
  items: Asset[];
  /** True when more assets exist past `limit`, or the sightings read were cut at their bound. */
  truncated: boolean;
  /** Counts over every asset in the range (not only those listed). */
  total: number;
  unmanaged: number;
}
