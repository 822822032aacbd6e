import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from './sqlite';
import type { SqliteStoreOptions } from './sqlite';

export const DATABASE_FILE = 'lockstep.db';

/** The embedded default: `<dataDir>/lockstep.db`, creating the directory when missing. */
export function openStore(dataDir: string, options: SqliteStoreOptions = {}): SqliteStore {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteStore(join(dataDir, DATABASE_FILE), options);
}
