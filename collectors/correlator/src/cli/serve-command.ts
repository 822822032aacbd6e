import { EVENT_FORMATS } from '@lockstep/contract';
import { formatListen } from '../service/config/listen';
import { ENVIRONMENT } from '../service/config/load';
import { redactStoreUrl } from '../exporters/store/select';
import { DEFAULT_CONFIG } from '../service/config/schema';
import { startService } from '../service/service';
import { jsonLogger } from '../service/log';
import type { ServiceFlagValues } from './service-flags';
import { loadServiceConfig, parseCommandArgs, SERVICE_FLAG_OPTIONS } from './service-flags';

const HELP = `Usage: lockstep serve [options]

Runs the correlator: OTLP/HTTP and raw security events in, incidents to the store, /metrics and the query API out.

Options:
  --config FILE              YAML configuration (snake_case keys; see docs/service.md for every key)
  --data-dir DIR             where the incident store lives (default ${DEFAULT_CONFIG.data_dir})
  --store-url URL            postgresql://user:password@host:port/database: a PostgreSQL store shared by several
                             correlator shards (docs/scale.md); empty (default): SQLite in the data directory
  --otlp-listen HOST:PORT    OTLP/HTTP and /v1/events listener (default ${DEFAULT_CONFIG.otlp.listen})
  --api-listen HOST:PORT     /metrics, /healthz, /readyz and the query API (default ${DEFAULT_CONFIG.api.listen})
  -h, --help                 this help

Flags override the environment, which overrides the file, which overrides the defaults.
Environment:
  LOCKSTEP_CONFIG                    configuration file, when --config is not given
${ENVIRONMENT.map((variable) => `  ${variable.name.padEnd(34)} ${variable.path.join('.')}`).join('\n')}
A bad environment value is reported and ignored; a bad file or flag stops the service.

Endpoints (OTLP listener):
  POST /v1/metrics, /v1/logs         application/json or application/x-protobuf, optional gzip
  POST /v1/events/{${EVENT_FORMATS.join('|')}}   the tools' own output, one event per line

Signals: SIGTERM or SIGINT stop accepting (503), drain, store every open incident in its final state and exit
within shutdown_timeout_ms.

Exit status: 0 after a clean shutdown, 1 when the service cannot start (e.g. the port is taken), 2 on usage or
configuration errors.
`;

/** `lockstep serve`; resolves with the exit code once the service has shut down. */
export async function runServeCommand(args: string[]): Promise<number> {
  const values = parseCommandArgs<ServiceFlagValues>('serve', args, SERVICE_FLAG_OPTIONS, HELP);
  if (values === 0 || values === 2) return values;
  const log = jsonLogger();
  const loaded = await loadServiceConfig('serve', values);
  if (loaded === 2) return 2;
  for (const warning of loaded.warnings) log('warn', warning);
  const { config } = loaded;
  let service;
  try {
    service = await startService(config, { log, catalog: loaded.catalog });
  } catch (error) {
    log('error', 'cannot start', { error: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  log('info', 'lockstep serve started', {
    config: loaded.file ?? '(defaults)',
    data_dir: config.data_dir,
    store: config.store.url === '' ? 'sqlite' : 'postgresql',
    ...(config.store.url === '' ? {} : { store_url: redactStoreUrl(config.store.url) }),
  });
  log('info', `OTLP/HTTP and events listening on ${service.otlpUrl}`, { listen: formatListen(config.otlp.listen) });
  log('info', `metrics, health and query API listening on ${service.apiUrl}`, {
    listen: formatListen(config.api.listen),
    auth: config.api.token === '' ? 'none' : 'bearer token',
  });

  const running = service;
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      log('info', `${signal} received: draining and storing open incidents`);
      process.removeListener('SIGTERM', stop);
      process.removeListener('SIGINT', stop);
      running.close().then(
        () => {
          log('info', 'stopped cleanly');
          resolve(0);
        },
        (error: unknown) => {
          log('error', 'shutdown failed', { error: error instanceof Error ? error.message : String(error) });
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
