/**
 * `lockstep serve` as the ingest benchmark's child process: the service started from source with its default
 * configuration, both listeners on ephemeral loopback ports and a fresh data directory, so nothing the user runs
 * is touched. Prints {"otlpUrl", "apiUrl"} on stdout when listening; closes on SIGTERM. LOCKSTEP_STORE_URL, when
 * set, puts the store on PostgreSQL (bench:store runs the same load against both stores); LOCKSTEP_BENCH_ENGINE (JSON
 * of `engine` keys) overrides engine limits (bench:shard, for fleets past the defaults).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '@lockstep/correlator';
import { ConfigSchema, DEFAULT_CONFIG } from '@lockstep/correlator';

interface RunningService {
  otlpUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}
type StartService = (config: Config, options: object) => Promise<RunningService>;

// Loaded by path at run time rather than imported, so that `--baseline-only` runs on a tree without the service
// and a missing service is reported in a sentence instead of a type error in a benchmark.
// The package entry point: under tsx the root tsconfig's paths resolve it to the source.
const SERVICE_MODULE = '@lockstep/correlator';

async function loadStartService(): Promise<StartService> {
  const loaded: unknown = await import(SERVICE_MODULE).catch((error: unknown) => {
    throw new Error(`cannot load ${SERVICE_MODULE} (is the service there yet? try --baseline-only): ${String(error)}`);
  });
  const start = (loaded as { startService?: unknown }).startService;
  if (typeof start !== 'function') throw new Error(`${SERVICE_MODULE} does not export startService(config, options)`);
  return start as StartService;
}

async function main(): Promise<void> {
  const startService = await loadStartService();
  const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const config = ConfigSchema.parse({
    ...DEFAULT_CONFIG,
    data_dir: dataDir,
    otlp: { listen: '127.0.0.1:0' },
    api: { listen: '127.0.0.1:0', token: '' },
    store: { ...DEFAULT_CONFIG.store, url: process.env.LOCKSTEP_STORE_URL ?? '' },
    // bench:shard sizes the engine's limits for the fleet it sends (JSON of `engine` keys).
    engine: { ...DEFAULT_CONFIG.engine, ...(JSON.parse(process.env.LOCKSTEP_BENCH_ENGINE ?? '{}') as object) },
  });
  const service = await startService(config, {});
  process.stdout.write(`${JSON.stringify({ otlpUrl: service.otlpUrl, apiUrl: service.apiUrl })}\n`);
  process.once('SIGTERM', () => {
    void service.close().finally(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
