/** Jest's global teardown: stops the run's shared PostgreSQL server, if a test started it (postgres-global-setup.ts). */
import {
  PG_STATE_ENV,
  stopSharedPostgres,
} from '../collectors/correlator/src/exporters/store/__fixtures__/postgres-server';

export default async function teardown(): Promise<void> {
  const state = process.env[PG_STATE_ENV];
  if (state !== undefined) await stopSharedPostgres(state);
}
