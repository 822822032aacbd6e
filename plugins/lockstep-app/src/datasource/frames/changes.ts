import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { FRAME } from '../../common/frames';
import type { ApiAsset, ApiAssetList, ApiChangeRecord, ApiSeen } from '../api/types';
import { ms } from './values';

/**
 * The `changes` frame (see common/frames.ts): one row per change, newest first. Summaries and actors are text from
 * the monitored systems (a CI job's message, a command line): data only, never markup.
 */
export function changesFrame(changes: ApiChangeRecord[]): DataFrame {
  const column = <T>(pick: (change: ApiChangeRecord) => T): T[] => changes.map(pick);
  return createDataFrame({
    name: FRAME.changes,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'time', type: FieldType.time, values: column((c) => ms(c.time)) },
      { name: 'kind', type: FieldType.string, values: column((c) => c.kind) },
      { name: 'summary', type: FieldType.string, values: column((c) => c.summary) },
      { name: 'source', type: FieldType.string, values: column((c) => c.source) },
      { name: 'actor', type: FieldType.string, values: column((c) => c.actor ?? null) },
      { name: 'host', type: FieldType.string, values: column((c) => c.entity['host.name'] ?? null) },
      { name: 'container', type: FieldType.string, values: column((c) => c.entity['container.id'] ?? null) },
      { name: 'service', type: FieldType.string, values: column((c) => c.entity['service.name'] ?? null) },
      { name: 'reverts', type: FieldType.string, values: column((c) => c.reverts ?? null) },
      { name: 'temporary', type: FieldType.boolean, values: column((c) => c.temporary === true) },
      { name: 'id', type: FieldType.string, values: column((c) => c.id) },
    ],
  });
}

/** The `assets` frame: the inventory as the API orders it (unmanaged first), with first and last seen per side. */
export function assetsFrame(list: ApiAssetList): DataFrame {
  const assets = list.items;
  const column = <T>(pick: (asset: ApiAsset) => T): T[] => assets.map(pick);
  const seen = (side: 'metrics' | 'signals' | 'changes', end: keyof ApiSeen) =>
    column((a) => ms(a.seen[side]?.[end] ?? null));
  const frame = createDataFrame({
    name: FRAME.assets,
    meta: { preferredVisualisationType: 'table', custom: { total: list.total, unmanaged: list.unmanaged } },
    fields: [
      { name: 'kind', type: FieldType.string, values: column((a) => a.kind) },
      { name: 'name', type: FieldType.string, values: column((a) => a.name) },
      { name: 'host', type: FieldType.string, values: column((a) => a.host ?? null) },
      { name: 'managed', type: FieldType.boolean, values: column((a) => a.managed) },
      { name: 'status', type: FieldType.string, values: column((a) => a.status) },
      { name: 'reason', type: FieldType.string, values: column((a) => a.reason) },
      { name: 'findings', type: FieldType.number, values: column((a) => a.findings), config: { decimals: 0 } },
      { name: 'metrics_first', type: FieldType.time, values: seen('metrics', 'first') },
      { name: 'metrics_last', type: FieldType.time, values: seen('metrics', 'last') },
      { name: 'signals_first', type: FieldType.time, values: seen('signals', 'first') },
      { name: 'signals_last', type: FieldType.time, values: seen('signals', 'last') },
      { name: 'changes_first', type: FieldType.time, values: seen('changes', 'first') },
      { name: 'changes_last', type: FieldType.time, values: seen('changes', 'last') },
    ],
  });
  if (!list.truncated) {
    return frame;
  }
  const text = `Showing ${assets.length} of ${list.total} assets: narrow the time range or filter by kind.`;
  return { ...frame, meta: { ...frame.meta, notices: [{ severity: 'info', text }] } };
}
