import type { ParseArgsConfig } from 'node:util';
import type { LoadedConfig } from '../service/config/load';
import { ConfigError, loadConfig } from '../service/config/load';
import { printable } from './printable';

/** The flags every command that runs the correlator takes (`serve`, `start`, `demo`). */
export const SERVICE_FLAG_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'otlp-listen': { type: 'string' },
  'api-listen': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface ServiceFlagValues {
  config?: string;
  'data-dir'?: string;
  'otlp-listen'?: string;
  'api-listen'?: string;
}

/**
 * Defaults, file, environment and flags as `lockstep serve` reads them; on a configuration error the message (each
 * line made printable) goes to stderr and the result is exit status 2.
 */
export async function loadServiceConfig(command: string, values: ServiceFlagValues): Promise<LoadedConfig | 2> {
  try {
    return await loadConfig({
      config: values.config,
      dataDir: values['data-dir'],
      otlpListen: values['otlp-listen'],
      apiListen: values['api-listen'],
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`lockstep ${command}: ${error.message.split('\n').map(printable).join('\n')}\n`);
    return 2;
  }
}
