import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeBehaviour } from './__fixtures__/behaviour';
import { incident, T0 } from './__fixtures__/records';
import { DATABASE_FILE, openStore } from './open';
import { SqliteStore } from './sqlite';
import type { EntityListQuery } from './store';

storeBehaviour({ name: 'SQLite', open: async () => new SqliteStore(':memory:') });

describe('SqliteStore on its own', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lockstep-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory and lockstep.db in WAL mode', () => {
    const store = openStore(join(dir, 'nested', 'data'));
    expect(existsSync(join(dir, 'nested', 'data', DATABASE_FILE))).toBe(true);
    expect(existsSync(join(dir, 'nested', 'data', `${DATABASE_FILE}-wal`))).toBe(true);
    store.close();
  });

  it('opens :memory: with the same semantics for tests', () => {
    const memory = new SqliteStore(':memory:');
    memory.putIncident(incident({ id: 'm' }), true);
    expect(memory.getIncident('m')?.id).toBe('m');
    memory.close();
  });

  it.each<[string, EntityListQuery]>([
    ['no filter', { kind: 'hosts', limit: 10 }],
    ['a range', { kind: 'hosts', from: T0, to: T0 + 60_000, limit: 10 }],
    ['a host and a range', { kind: 'containers', host: 'web-1', from: T0, to: T0 + 60_000, limit: 10 }],
    ['a lower bound only', { kind: 'services', from: T0, limit: 10 }],
  ])('lists entities reading incidents, anomalies and signals through an index (%s)', (_name, query) => {
    const fresh = new SqliteStore(':memory:');
    fresh.listEntities(query);
    // The one statement prepared is the entities query (the cache is private: read it for the test only).
    const [sql] = [...fresh['statements']['statements'].keys()];
    const plan = fresh['db'].prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ from: T0, to: T0 + 1, host: 'h', limit: 1 });
    const details = (plan as { detail: string }[]).map((row) => row.detail);
    fresh.close();
    expect(details.filter((d) => /^SCAN (incidents|anomalies|signals)$/.test(d))).toEqual([]);
    expect(details.filter((d) => /(incidents|anomalies|signals) USING/.test(d)).length).toBeGreaterThanOrEqual(3);
  });
});
