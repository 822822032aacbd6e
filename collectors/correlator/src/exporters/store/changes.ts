import type { ChangeRecord, Finding } from '@lockstep/contract';
import { parseIsoMillis } from '../../model/time';
import { changeFilters, findingFilters } from './filters';
import { readPage } from './pages';
import type { StatementCache } from './statements';
import type { ChangeQuery, FindingQuery } from './change-store';
import type { Page } from './store';

/** Rows per transaction for batch writes (as the other tables). */
const WRITE_BATCH = 500;

function millis(iso: string, field: string): number {
  const ms = parseIsoMillis(iso);
  if (ms === undefined) throw new TypeError(`${field} is not an ISO-8601 time: ${JSON.stringify(iso)}`);
  return ms;
}

/** Idempotent by id: a change read twice (a retried request, replay and the service) is stored once. */
export function putChanges(statements: StatementCache, changes: readonly ChangeRecord[]): void {
  const upsert = statements.get(
    'INSERT INTO changes (id, kind, source, host, container, service, pod, time_ms, end_ms, body) ' +
      'VALUES (@id, @kind, @source, @host, @container, @service, @pod, @time_ms, @time_ms, @body) ' +
      'ON CONFLICT (id) DO UPDATE SET body = excluded.body',
  );
  const write = statements.db.transaction((batch: readonly ChangeRecord[]) => {
    for (const change of batch) {
      upsert.run({
        id: change.id,
        kind: change.kind,
        source: change.source,
        host: change.entity['host.name'] ?? null,
        container: change.entity['container.id'] ?? null,
        service: change.entity['service.name'] ?? null,
        pod: change.entity['k8s.pod.name'] ?? null,
        time_ms: millis(change.time, 'change.time'),
        body: JSON.stringify(change),
      });
    }
  });
  for (let i = 0; i < changes.length; i += WRITE_BATCH) write(changes.slice(i, i + WRITE_BATCH));
}

export function listChanges(statements: StatementCache, query: ChangeQuery): Page<ChangeRecord> {
  return readPage<ChangeRecord>(statements, 'changes', 'time_ms', query, changeFilters(query));
}

/** A finding by id: the open one, replaced by its closed form when a revert arrives. */
export function putFinding(statements: StatementCache, finding: Finding): void {
  const entity = finding.change.entity;
  statements
    .get(
      'INSERT INTO findings (id, status, asset_kind, asset, host, container, service, pod, start_ms, end_ms, body) ' +
        'VALUES (@id, @status, @asset_kind, @asset, @host, @container, @service, @pod, @start_ms, @end_ms, @body) ' +
        'ON CONFLICT (id) DO UPDATE SET status = excluded.status, end_ms = excluded.end_ms, body = excluded.body',
    )
    .run({
      id: finding.id,
      status: finding.status,
      asset_kind: finding.asset.kind,
      asset: finding.asset.name,
      host: finding.asset.kind === 'host' ? finding.asset.name : (entity['host.name'] ?? null),
      container: entity['container.id'] ?? null,
      service: entity['service.name'] ?? null,
      pod: entity['k8s.pod.name'] ?? null,
      start_ms: millis(finding.opened, 'finding.opened'),
      end_ms: finding.closed === null ? null : millis(finding.closed, 'finding.closed'),
      body: JSON.stringify(finding),
    });
}

export function listFindings(statements: StatementCache, query: FindingQuery): Page<Finding> {
  return readPage<Finding>(statements, 'findings', 'start_ms', query, findingFilters(query));
}

/** Open findings per asset, for the inventory. */
export function openFindingsByAsset(statements: StatementCache): Map<string, number> {
  const rows = statements
    .get(
      "SELECT asset_kind AS kind, asset, count(*) AS n FROM findings WHERE status = 'open' GROUP BY asset_kind, asset",
    )
    .all() as { kind: string; asset: string; n: number }[];
  return new Map(rows.map((row) => [`${row.kind}\u0000${row.asset}`, row.n]));
}
