import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { incident } from './__fixtures__/records';
import { migrate, MIGRATIONS, SchemaTooNewError } from './migrations';
import type { Migration } from './migrations';
import { SqliteStore } from './sqlite';

describe('migrations', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lockstep-migrate-'));
    file = join(dir, 'lockstep.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const LATEST = MIGRATIONS.at(-1)?.version ?? 0;
  const version = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

  it('brings a new file to the latest version and leaves an up-to-date file alone', () => {
    const db = new Database(file);
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    expect(version(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('reopens an existing store file with its data intact', () => {
    const first = new SqliteStore(file);
    first.putIncident(incident({ id: 'kept' }), true);
    first.close();
    const second = new SqliteStore(file);
    expect(second.getIncident('kept')?.id).toBe('kept');
    second.close();
  });

  it('applies only the new steps to a file at an older version, keeping its rows', () => {
    const v1 = new SqliteStore(file);
    v1.putIncident(incident({ id: 'from-v1' }), true);
    v1.close();

    const next: Migration = { version: LATEST + 1, sql: 'ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;' };
    const db = new Database(file);
    expect(migrate(db, [...MIGRATIONS, next])).toEqual([LATEST + 1]);
    expect(version(db)).toBe(LATEST + 1);
    expect(db.prepare('SELECT id, acknowledged_by FROM incidents').all()).toEqual([
      { id: 'from-v1', acknowledged_by: null },
    ]);
    db.close();
  });

  it('rolls a failed step back whole, version included', () => {
    const db = new Database(file);
    migrate(db);
    const broken: Migration = { version: LATEST + 1, sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/nowhere/);
    expect(version(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a file written by a newer lockstep, saying what to do', () => {
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteStore(file)).toThrow(SchemaTooNewError);
    expect(() => new SqliteStore(file)).toThrow(/version 99 .* run a newer lockstep/);
  });
});
