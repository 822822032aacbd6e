import { Client } from 'pg';
import { storeBehaviour } from '../__fixtures__/behaviour';
import { sharedPostgres } from '../__fixtures__/postgres-server';
import { PostgresStore } from './postgres';

/** Every table a test may have written: emptied before each new store, so each starts as a new database would. */
const TABLES = [
  'anomalies',
  'incidents',
  'incident_anomalies',
  'incident_signals',
  'signals',
  'entities_seen',
  'shards',
  'changes',
  'findings',
];

let url: string;
beforeAll(async () => {
  url = await sharedPostgres('store');
}, 120_000);

async function emptied(): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'incidents'",
    );
    if (rows[0]?.n === 1) await client.query(`TRUNCATE ${TABLES.join(', ')}`);
  } finally {
    await client.end();
  }
}

storeBehaviour({
  name: 'PostgreSQL',
  open: async () => {
    await emptied();
    return PostgresStore.open(url, { leaseMs: 60_000 });
  },
});
