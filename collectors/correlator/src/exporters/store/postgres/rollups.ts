import type { Pool } from 'pg';
import { ROLLUP_HOUR_MS } from '../rollups';
import { checkout, storeError } from './errors';

/**
 * Hourly rollups of the incidents for the KPIs (docs/scale.md "KPI rollups"). A month's KPIs would otherwise
 * aggregate every incident of the month on each read; the rollups hold, per hour an incident started in and hour
 * it ended in, the sums those KPIs are made of, so a month is a few thousand rows however many incidents it holds.
 *
 * Kept by the database itself: statement triggers on `incidents` (insert, update, delete) append what each
 * statement changed — +1 for each row as it is now, −1 for each row as it was — to `incident_rollup_deltas`, in
 * the writing transaction, so whoever writes (a shard's group commit, the orphan sweep adopting a dead shard's
 * incidents, retention; TRUNCATE empties them) keeps them exact and they commit or roll back with the incidents. Appending never waits
 * on another shard's rows (no two transactions update one rollup row), so shards writing at once neither queue
 * on a hot hour nor deadlock. `compactRollups` folds the committed deltas into `incident_rollups` now and then,
 * one shard at a time; readers sum both tables, so the figures never depend on when it last ran.
 *
 * Three scopes: 0 every incident (service and business NULL), 1 by business service (service NULL), 2 by service
 * and business service. The KPIs read scope 0 unfiltered, 2 for one service, 1 and 2 for the business services.
 */

/** The body as json (../kpis.ts's BODY_JSON: NUL and lone-surrogate escapes read as U+FFFD). */
const BODY_JSON = (body: string): string =>
  `(CASE WHEN ${body} ~* '\\\\u(0000|d[89a-f])' THEN replace(regexp_replace(replace(${body}, '\\\\', chr(1)), ` +
  `'\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\\\ufffd', 'g'), chr(1), '\\\\') ELSE ${body} END)::json`;

const KEY = 'scope, service, biz_service, biz_name, biz_tier, tier_type, start_hour, end_hour';
const SUMS = 'started, after_change, correlated, resolved, resolved_ms';

/** The floor of a time to its hour (for any sign). */
const hour = (ms: string): string => `(${ms} - ((${ms} % ${ROLLUP_HOUR_MS}) + ${ROLLUP_HOUR_MS}) % ${ROLLUP_HOUR_MS})`;

/**
 * The deltas of one statement: `rows` is a query of (sign, incident columns). The figures are those the KPI
 * queries of ./kpis.ts compute from the rows: started (any score) and after a change (by start), correlated
 * (score >= 0.5, CORRELATED_SCORE), and correlated ones resolved with their time to resolve (by end).
 */
function deltas(rows: string): string {
  return (
    `INSERT INTO incident_rollup_deltas (${KEY}, ${SUMS}) ` +
    'SELECT s.scope, CASE WHEN s.scope = 2 THEN r.service END, ' +
    "CASE WHEN s.scope > 0 THEN r.biz ->> 'service' END, CASE WHEN s.scope > 0 THEN r.biz ->> 'name' END, " +
    "CASE WHEN s.scope > 0 THEN r.biz ->> 'tier' END, CASE WHEN s.scope > 0 THEN json_typeof(r.biz -> 'tier') END, " +
    `${hour('r.start_ms')}, CASE WHEN r.end_ms IS NOT NULL THEN ${hour('r.end_ms')} END, ` +
    'sum(r.sign), sum(r.sign * r.after_change), sum(r.sign * r.correlated), sum(r.sign * r.resolved), ' +
    'sum(r.sign * r.resolved_ms) ' +
    'FROM (SELECT t.sign, t.service, t.start_ms, t.end_ms, ' +
    `CASE WHEN t.body LIKE '%"business":{%' THEN ${BODY_JSON('t.body')} -> 'business' END AS biz, ` +
    `CASE WHEN t.body LIKE '%"changes":[{%' AND json_typeof(${BODY_JSON('t.body')} -> 'changes') = 'array' AND ` +
    `json_array_length(${BODY_JSON('t.body')} -> 'changes') > 0 THEN 1 ELSE 0 END AS after_change, ` +
    'CASE WHEN t.score >= 0.5 THEN 1 ELSE 0 END AS correlated, ' +
    "CASE WHEN t.score >= 0.5 AND t.status = 'resolved' AND t.end_ms IS NOT NULL THEN 1 ELSE 0 END AS resolved, " +
    "CASE WHEN t.score >= 0.5 AND t.status = 'resolved' AND t.end_ms IS NOT NULL THEN t.end_ms - t.start_ms " +
    'ELSE 0 END AS resolved_ms ' +
    `FROM (${rows}) AS t) AS r CROSS JOIN (VALUES (0), (1), (2)) AS s(scope) ` +
    'GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ' +
    'HAVING sum(r.sign) <> 0 OR sum(r.sign * r.after_change) <> 0 OR sum(r.sign * r.correlated) <> 0 OR ' +
    'sum(r.sign * r.resolved) <> 0 OR sum(r.sign * r.resolved_ms) <> 0'
  );
}

const COLUMNS = 'service, start_ms, end_ms, status, score, body';

/** The columns a rollup row and a delta row share: the scope's key and the sums. */
const ROLLUP_COLUMNS = `    scope smallint NOT NULL,
    service text COLLATE "C",
    biz_service text COLLATE "C",
    biz_name text COLLATE "C",
    biz_tier text COLLATE "C",
    tier_type text COLLATE "C",
    start_hour bigint NOT NULL,
    end_hour bigint,
    started bigint NOT NULL,
    after_change bigint NOT NULL,
    correlated bigint NOT NULL,
    resolved bigint NOT NULL,
    resolved_ms bigint NOT NULL`;

/** Migration 5 (./migrations.ts): the tables, the triggers, and the rollups of the incidents already kept. */
export const ROLLUPS_MIGRATION = `
  CREATE TABLE incident_rollups (
${ROLLUP_COLUMNS}
  );
  CREATE UNIQUE INDEX incident_rollups_key ON incident_rollups
    (scope, service, start_hour, end_hour, biz_service, biz_name, biz_tier, tier_type) NULLS NOT DISTINCT;
  CREATE INDEX incident_rollups_by_end ON incident_rollups (scope, service, end_hour);
  CREATE TABLE incident_rollup_deltas (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
${ROLLUP_COLUMNS}
  );
  CREATE FUNCTION incident_rollups_track() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${deltas(`SELECT 1 AS sign, ${COLUMNS} FROM new_rows`)};
    ELSIF TG_OP = 'UPDATE' THEN
      ${deltas(`SELECT 1 AS sign, ${COLUMNS} FROM new_rows UNION ALL SELECT -1, ${COLUMNS} FROM old_rows`)};
    ELSE
      ${deltas(`SELECT -1 AS sign, ${COLUMNS} FROM old_rows`)};
    END IF;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER incidents_rollup_insert AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_track();
  CREATE TRIGGER incidents_rollup_update AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_rows
    NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_track();
  CREATE TRIGGER incidents_rollup_delete AFTER DELETE ON incidents REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_track();
  -- TRUNCATE deletes without DELETE's triggers: the rollups go with the incidents.
  CREATE FUNCTION incident_rollups_clear() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    TRUNCATE incident_rollups, incident_rollup_deltas;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER incidents_rollup_truncate AFTER TRUNCATE ON incidents
    FOR EACH STATEMENT EXECUTE FUNCTION incident_rollups_clear();
  ${deltas(`SELECT 1 AS sign, ${COLUMNS} FROM incidents`).replace('incident_rollup_deltas', 'incident_rollups')};
`;

/** Deltas folded per statement; a round folds all that were committed when it began. */
const COMPACT_BATCH = 50_000;
/** One compactor at a time across the shards ("LSTP", "rollups"). */
const COMPACT_LOCK: readonly [number, number] = [0x4c535450, 4];

const COMPACT =
  `WITH moved AS (DELETE FROM incident_rollup_deltas WHERE id IN (SELECT id FROM incident_rollup_deltas ` +
  `WHERE id <= $1 ORDER BY id LIMIT ${COMPACT_BATCH}) RETURNING ${KEY}, ${SUMS}) ` +
  `INSERT INTO incident_rollups (${KEY}, ${SUMS}) SELECT ${KEY}, sum(started), sum(after_change), ` +
  `sum(correlated), sum(resolved), sum(resolved_ms) FROM moved GROUP BY ${KEY} ` +
  `ON CONFLICT (scope, service, start_hour, end_hour, biz_service, biz_name, biz_tier, tier_type) DO UPDATE SET ` +
  'started = incident_rollups.started + EXCLUDED.started, ' +
  'after_change = incident_rollups.after_change + EXCLUDED.after_change, ' +
  'correlated = incident_rollups.correlated + EXCLUDED.correlated, ' +
  'resolved = incident_rollups.resolved + EXCLUDED.resolved, ' +
  'resolved_ms = incident_rollups.resolved_ms + EXCLUDED.resolved_ms';

/** Rollup rows whose incidents are all gone (retention, a row moved to another hour) count nothing: they go. */
const DROP_EMPTY =
  'DELETE FROM incident_rollups WHERE started = 0 AND after_change = 0 AND correlated = 0 AND resolved = 0 AND ' +
  'resolved_ms = 0';

/**
 * Folds the committed deltas into the rollups, in batches each committed with the rows it moved (a reader sees
 * a delta in one table or the other, never both or neither). When another shard is compacting, returns 0 at
 * once: it does the same work. `dropEmpty` also deletes the rows that count nothing (retention asks for it).
 */
export async function compactRollups(pool: Pool, dropEmpty = false): Promise<number> {
  const client = await checkout(pool);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      ...COMPACT_LOCK,
    ]);
    if (rows[0]?.locked !== true) return 0;
    try {
      const last = await client.query<{ id: string | null }>('SELECT max(id) AS id FROM incident_rollup_deltas');
      const upTo = last.rows[0]?.id;
      let moved = 0;
      if (upTo !== null && upTo !== undefined) {
        for (;;) {
          const folded = (await client.query(COMPACT, [upTo])).rowCount ?? 0;
          moved += folded;
          if (folded === 0) break;
        }
      }
      if (dropEmpty) await client.query(DROP_EMPTY);
      return moved;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...COMPACT_LOCK]);
    }
  } catch (error) {
    throw storeError(error);
  } finally {
    client.release();
  }
}
