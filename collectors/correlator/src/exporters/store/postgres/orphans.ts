import type { Pool, PoolClient } from 'pg';
import { checkout, storeError } from './errors';

/** Orphans closed per sweep (the rest wait for the next sweep, a third of a lease later). */
const SWEEP_BATCH = 1_000;
/** One sweeper at a time across the shards ("LSTP", "orphans"). */
const SWEEP_LOCK: readonly [number, number] = [0x4c535450, 3];

interface OrphanRow {
  id: string;
  body: string;
  start_ms: number;
  seen_ms: number | null;
  watermark_ms: number | null;
}

export interface Swept {
  incidents: number;
  anomalies: number;
}

/** An open row whose owner's lease expired (or whose owner has none): no running engine will ever end it. */
const orphans = (table: string, open: string): string =>
  `SELECT t.id, t.body, t.start_ms, t.seen_ms, s.watermark_ms FROM ${table} t LEFT JOIN shards s ON s.id = t.owner ` +
  `WHERE ${open} AND (s.id IS NULL OR s.expires_at < now()) ORDER BY t.start_ms LIMIT ${SWEEP_BATCH} ` +
  'FOR UPDATE OF t SKIP LOCKED';

/**
 * Ends the open incidents and anomalies of shards whose lease expired (killed, or cut off from the database for
 * longer than a lease): resolved / ended at the newest data time that shard wrote (never before their start), and
 * final. The hosts themselves now report to another shard (the gateway re-routes them), whose engine opens new
 * incidents if the trouble goes on. Then forgets the leases that no longer own anything.
 */
export async function closeOrphans(pool: Pool): Promise<Swept> {
  const client = await checkout(pool);
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [
      ...SWEEP_LOCK,
    ]);
    if (rows[0]?.locked !== true) {
      await client.query('COMMIT');
      return { incidents: 0, anomalies: 0 };
    }
    const incidents = (await client.query<OrphanRow>(orphans('incidents', "t.status = 'open'"))).rows;
    const anomalies = (await client.query<OrphanRow>(orphans('anomalies', 't.end_ms IS NULL'))).rows;
    await end(
      client,
      'incidents',
      incidents,
      (body, end) => ({ ...body, status: 'resolved', end }),
      "status = 'resolved', ",
    );
    await end(client, 'anomalies', anomalies, (body, end) => ({ ...body, end }), '');
    await client.query(
      'DELETE FROM shards s WHERE s.expires_at < now() AND NOT EXISTS ' +
        "(SELECT 1 FROM incidents i WHERE i.owner = s.id AND i.status = 'open') AND NOT EXISTS " +
        '(SELECT 1 FROM anomalies a WHERE a.owner = s.id AND a.end_ms IS NULL)',
    );
    await client.query('COMMIT');
    return { incidents: incidents.length, anomalies: anomalies.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw storeError(error);
  } finally {
    client.release();
  }
}

type Ending = (body: Record<string, unknown>, end: string) => Record<string, unknown>;

async function end(
  client: PoolClient,
  table: string,
  rows: OrphanRow[],
  ending: Ending,
  setStatus: string,
): Promise<void> {
  if (rows.length === 0) return;
  const ids: string[] = [];
  const ends: number[] = [];
  const bodies: string[] = [];
  for (const row of rows) {
    const endMs = Math.max(row.start_ms, row.watermark_ms ?? row.seen_ms ?? row.start_ms);
    const body = JSON.parse(row.body) as Record<string, unknown>;
    // The id as stored (escaped), written back as it is.
    ids.push(row.id);
    ends.push(endMs);
    bodies.push(JSON.stringify(ending(body, new Date(endMs).toISOString())));
  }
  await client.query(
    `UPDATE ${table} AS t SET ${setStatus}end_ms = u.end_ms, final = true, owner = NULL, body = u.body ` +
      'FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(id, end_ms, body) WHERE t.id = u.id',
    [ids, ends, bodies],
  );
}
