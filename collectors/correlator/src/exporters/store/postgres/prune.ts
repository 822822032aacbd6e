import type { Pool } from 'pg';
import { storeError } from './errors';

/** Rows deleted per statement: each commit stays short, so retention never holds locks for long. */
const PRUNE_BATCH = 2_000;
/** Retention runs on every shard each hour; one at a time is enough ("LSTP", "prune"). */
const PRUNE_LOCK: readonly [number, number] = [0x4c535450, 2];

const STATEMENTS = [
  // Resolved incidents, with their links; open ones are never pruned.
  "WITH doomed AS (SELECT id FROM incidents WHERE status = 'resolved' AND end_ms < $1 ORDER BY end_ms LIMIT $2 " +
    'FOR UPDATE SKIP LOCKED), ' +
    'unlink_anomalies AS (DELETE FROM incident_anomalies WHERE incident_id IN (SELECT id FROM doomed)), ' +
    'unlink_signals AS (DELETE FROM incident_signals WHERE incident_id IN (SELECT id FROM doomed)) ' +
    'DELETE FROM incidents WHERE id IN (SELECT id FROM doomed)',
  'DELETE FROM anomalies WHERE id IN (SELECT id FROM anomalies a WHERE a.end_ms < $1 AND NOT EXISTS ' +
    '(SELECT 1 FROM incident_anomalies r WHERE r.anomaly_id = a.id) LIMIT $2)',
  'DELETE FROM signals WHERE id IN (SELECT id FROM signals s WHERE s.end_ms < $1 AND NOT EXISTS ' +
    '(SELECT 1 FROM incident_signals r WHERE r.signal_key = s.signal_key) LIMIT $2)',
  // Incidents keep their changes in their body; a finding keeps its change too, and stays while open.
  'DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE time_ms < $1 LIMIT $2)',
  "DELETE FROM findings WHERE id IN (SELECT id FROM findings WHERE status = 'closed' AND end_ms < $1 LIMIT $2)",
  'DELETE FROM entities_seen WHERE (host, container, service, kind) IN (SELECT host, container, service, kind ' +
    'FROM entities_seen WHERE last_ms < $1 LIMIT $2)',
];

/**
 * ../prune.ts on PostgreSQL, in the same order (incidents first, so what they referenced is free to go). When
 * another shard is pruning, this one skips the round and returns 0: the other does the same work.
 */
export async function prunePg(pool: Pool, olderThan: number): Promise<number> {
  try {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
        ...PRUNE_LOCK,
      ]);
      if (rows[0]?.locked !== true) return 0;
      try {
        let deleted = 0;
        for (const text of STATEMENTS) {
          for (;;) {
            const changes = (await client.query(text, [olderThan, PRUNE_BATCH])).rowCount ?? 0;
            deleted += changes;
            if (changes < PRUNE_BATCH) break;
          }
        }
        return deleted;
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [...PRUNE_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    throw storeError(error);
  }
}
