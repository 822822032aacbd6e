/**
 * Jest's global setup for the PostgreSQL tests: names a state directory that the test files' workers share (they
 * inherit the environment), so the first one to need PostgreSQL starts one server for the whole run
 * (`sharedPostgres` in the store's fixtures) and the global teardown stops it. Nothing starts unless a test asks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_STATE_ENV } from '../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';

export default function setup(): void {
  process.env[PG_STATE_ENV] = mkdtempSync(join(tmpdir(), 'lockstep-pg-run-'));
}
