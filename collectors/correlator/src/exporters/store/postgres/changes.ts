import type { ChangeRecord, Finding } from '@lockstep/contract';
import type { Pool } from 'pg';
import type { Sighting } from '../../../engine/assets/inventory';
import { buildInventory } from '../../../engine/assets/inventory';
import { assetList } from '../assets';
import type { AssetList, AssetQuery, ChangeQuery, FindingQuery } from '../change-store';
import { changeFilters, findingFilters } from '../filters';
import type { Page, TimeRange } from '../store';
import { Where } from '../where';
import { fromPgText } from './named';
import { readPagePg } from './pages';
import { queryRows } from './query';

/** ../changes.ts and ../assets.ts on PostgreSQL: the same pages, filters and inventory from the same rows. */
export function listChangesPg(pool: Pool, query: ChangeQuery): Promise<Page<ChangeRecord>> {
  return readPagePg<ChangeRecord>(pool, 'changes', 'time_ms', query, changeFilters(query));
}

export function listFindingsPg(pool: Pool, query: FindingQuery): Promise<Page<Finding>> {
  return readPagePg<Finding>(pool, 'findings', 'start_ms', query, findingFilters(query));
}

/** Open findings per asset, for the inventory (keys as ../changes.ts's, names unescaped). */
async function openFindingsByAsset(pool: Pool): Promise<Map<string, number>> {
  const rows = await queryRows<{ kind: string; asset: string; n: number }>(
    pool,
    "SELECT asset_kind AS kind, asset, count(*) AS n FROM findings WHERE status = 'open' GROUP BY asset_kind, asset",
  );
  return new Map(rows.map((row) => [`${fromPgText(row.kind)}\u0000${fromPgText(row.asset)}`, row.n]));
}

/** Sightings read for one inventory, as ../assets.ts: past it the answer says `truncated`. */
const MAX_SIGHTINGS = 200_000;

async function readSightings(pool: Pool, range: TimeRange): Promise<{ rows: Sighting[]; truncated: boolean }> {
  const where = new Where();
  if (range.to !== undefined) where.add('first_ms < @to', { to: range.to });
  if (range.from !== undefined) where.add('last_ms >= @from', { from: range.from });
  const rows = await queryRows<Sighting>(
    pool,
    `SELECT host, container, service, kind, first_ms AS first, last_ms AS last FROM entities_seen ${where.sql()} ` +
      'LIMIT @limit',
    { ...where.params, limit: MAX_SIGHTINGS + 1 },
  );
  const sightings = rows.slice(0, MAX_SIGHTINGS).map((row) => ({
    ...row,
    host: fromPgText(row.host),
    container: fromPgText(row.container),
    service: fromPgText(row.service),
    kind: fromPgText(row.kind) as Sighting['kind'],
  }));
  return { rows: sightings, truncated: rows.length > MAX_SIGHTINGS };
}

/** Every asset in the range with its verdict (unmanaged first, then kind and name), filtered and cut at `limit`. */
export async function listAssetsPg(pool: Pool, query: AssetQuery): Promise<AssetList> {
  const [{ rows, truncated }, findings] = await Promise.all([readSightings(pool, query), openFindingsByAsset(pool)]);
  const all = buildInventory(rows, findings, query.inventory);
  return assetList(all, truncated, query);
}
