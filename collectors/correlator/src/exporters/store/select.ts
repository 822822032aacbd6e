import { openStore } from './open';
import { PostgresStore } from './postgres/postgres';
import type { Swept } from './postgres/orphans';
import type { IncidentStore } from './store';

/** `store.url` schemes that name a PostgreSQL database (libpq's, as in `psql postgresql://...`). */
const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:']);

export interface StoreSelection {
  /** Empty: SQLite in `dataDir`. `postgresql://user:password@host:port/database`: the shared PostgreSQL store. */
  url: string;
  dataDir: string;
  maxConnections: number;
  leaseMs: number;
  onWarning?: (message: string, error: unknown) => void;
  onSwept?: (swept: Swept) => void;
}

/** Why `url` cannot name a store, or undefined when it can (the config schema reports it under `store.url`). */
export function storeUrlProblem(url: string): string | undefined {
  if (url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be empty (SQLite in data_dir) or a postgresql://user:password@host:port/database URL';
  }
  if (!POSTGRES_SCHEMES.has(parsed.protocol)) {
    return `must be empty or a postgresql:// URL; ${parsed.protocol.replace(/:$/, '')}:// is not a store lockstep knows`;
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) return 'names no host';
  return undefined;
}

/** The URL as it may be logged: the password never is. */
export function redactStoreUrl(url: string): string {
  if (url === '') return '';
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  parsed.searchParams.delete('password');
  return parsed.toString();
}

/** The store the configuration names: SQLite (the default, nothing to install) or PostgreSQL (shards). */
export async function openConfiguredStore(selection: StoreSelection): Promise<IncidentStore> {
  if (selection.url === '') return openStore(selection.dataDir);
  return PostgresStore.open(selection.url, {
    leaseMs: selection.leaseMs,
    pool: { maxConnections: selection.maxConnections },
    onWarning: selection.onWarning,
    onSwept: selection.onSwept,
  });
}
