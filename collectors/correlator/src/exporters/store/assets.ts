import type { Asset } from '@lockstep/contract';
import type { Sighting } from '../../engine/assets/inventory';
import { buildInventory } from '../../engine/assets/inventory';
import { openFindingsByAsset } from './changes';
import type { AssetList, AssetQuery } from './change-store';
import type { StatementCache } from './statements';
import type { TimeRange } from './store';
import { Where } from './where';

/** Sightings read for one inventory: far more than a fleet has entities; past it the answer says `truncated`. */
const MAX_SIGHTINGS = 200_000;

/** The (host, container, service, kind) rows seen in the range: their first and last seen there. */
export function readSightings(statements: StatementCache, range: TimeRange): { rows: Sighting[]; truncated: boolean } {
  const where = new Where();
  if (range.to !== undefined) where.add('first_ms < @to', { to: range.to });
  if (range.from !== undefined) where.add('last_ms >= @from', { from: range.from });
  const rows = statements
    .get(
      'SELECT host, container, service, kind, first_ms AS first, last_ms AS last FROM entities_seen ' +
        `${where.sql()} LIMIT @limit`,
    )
    .all({ ...where.params, limit: MAX_SIGHTINGS + 1 }) as Sighting[];
  return { rows: rows.slice(0, MAX_SIGHTINGS), truncated: rows.length > MAX_SIGHTINGS };
}

/** Every asset in the range with its verdict (unmanaged first, then kind and name), filtered and cut at `limit`. */
export function listAssets(statements: StatementCache, query: AssetQuery): AssetList {
  const { rows, truncated } = readSightings(statements, query);
  const all = buildInventory(rows, openFindingsByAsset(statements), query.inventory);
  return assetList(all, truncated, query);
}

/** The inventory as a list answer (both stores): filtered, unmanaged first, cut at `limit`, with its totals. */
export function assetList(all: Asset[], truncated: boolean, query: AssetQuery): AssetList {
  const matching = all.filter(
    (a) =>
      (query.kind === undefined || a.kind === query.kind) &&
      (query.managed === undefined || a.managed === query.managed) &&
      (query.status === undefined || a.status === query.status),
  );
  const ordered = [...matching.filter((a) => !a.managed), ...matching.filter((a) => a.managed)];
  return {
    items: ordered.slice(0, query.limit),
    truncated: truncated || ordered.length > query.limit,
    total: all.length,
    unmanaged: all.filter((a: Asset) => !a.managed).length,
  };
}
