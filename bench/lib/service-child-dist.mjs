// `lockstep serve` from the built dist/ (what `npx lockstep serve` runs), for the paced RSS phase of
// bench/ingest.ts: no TypeScript loader in the process, so its RSS is the service's own. startService sizes the
// V8 heap itself (src/service/v8-heap.ts), as it does under the CLI, so no node flags are needed here. Same protocol
// as service-child.ts: prints {"otlpUrl","apiUrl"} when listening, closes on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import process from 'node:process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { ConfigSchema, DEFAULT_CONFIG, silentLogger, startService } = require('@lockstep/correlator'); // the package's main: dist/index.js

const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
const config = ConfigSchema.parse({
  ...DEFAULT_CONFIG,
  data_dir: dataDir,
  otlp: { listen: '127.0.0.1:0' },
  api: { listen: '127.0.0.1:0', token: '' },
});
const service = await startService(config, { log: silentLogger });
process.stdout.write(`${JSON.stringify({ otlpUrl: service.otlpUrl, apiUrl: service.apiUrl })}\n`);
process.once('SIGTERM', () => {
  void service.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
