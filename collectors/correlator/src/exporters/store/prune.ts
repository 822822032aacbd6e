import { DROP_EMPTY_ROLLUPS } from './rollups';
import type { StatementCache } from './statements';

/** Rows deleted per transaction, so retention never holds the write lock (and the event loop) for long. */
const PRUNE_BATCH = 2_000;

/**
 * Retention: resolved incidents that ended before `olderThan`, then ended anomalies and signals older than
 * that which no remaining incident references, changes and closed findings older than that, then entities not
 * seen since. Open incidents and open findings are never pruned. Returns the number of rows deleted.
 */
export function prune(statements: StatementCache, olderThan: number): number {
  const db = statements.db;
  let deleted = 0;

  const staleIncidents = statements.get(
    "SELECT id FROM incidents WHERE status = 'resolved' AND end_ms < @t ORDER BY end_ms LIMIT @n",
  );
  const dropIncident = db.transaction((ids: string[]) => {
    for (const id of ids) {
      statements.get('DELETE FROM incident_anomalies WHERE incident_id = ?').run(id);
      statements.get('DELETE FROM incident_signals WHERE incident_id = ?').run(id);
      deleted += statements.get('DELETE FROM incidents WHERE id = ?').run(id).changes;
    }
  });
  let incidents = 0;
  for (;;) {
    const ids = (staleIncidents.all({ t: olderThan, n: PRUNE_BATCH }) as { id: string }[]).map((row) => row.id);
    if (ids.length === 0) break;
    dropIncident(ids);
    incidents += ids.length;
  }
  // The KPI rollups lost those incidents with them (./rollups.ts); the rows left counting nothing go.
  if (incidents > 0) statements.get(DROP_EMPTY_ROLLUPS).run();

  const batches = [
    'DELETE FROM anomalies WHERE rowid IN (SELECT rowid FROM anomalies a WHERE a.end_ms < @t AND NOT EXISTS ' +
      '(SELECT 1 FROM incident_anomalies r WHERE r.anomaly_id = a.id) LIMIT @n)',
    'DELETE FROM signals WHERE rowid IN (SELECT rowid FROM signals s WHERE s.end_ms < @t AND NOT EXISTS ' +
      '(SELECT 1 FROM incident_signals r WHERE r.signal_key = s.signal_key) LIMIT @n)',
    // Incidents keep their changes in their body; a finding keeps its change too, and stays while open.
    'DELETE FROM changes WHERE rowid IN (SELECT rowid FROM changes WHERE time_ms < @t LIMIT @n)',
    "DELETE FROM findings WHERE rowid IN (SELECT rowid FROM findings WHERE status = 'closed' AND end_ms < @t LIMIT @n)",
  ];
  for (const sql of batches) {
    for (;;) {
      const changes = statements.get(sql).run({ t: olderThan, n: PRUNE_BATCH }).changes;
      deleted += changes;
      if (changes < PRUNE_BATCH) break;
    }
  }
  // A WITHOUT ROWID table; the rows are small and few (one per entity and kind), one statement is enough.
  deleted += statements.get('DELETE FROM entities_seen WHERE last_ms < @t').run({ t: olderThan }).changes;
  return deleted;
}
