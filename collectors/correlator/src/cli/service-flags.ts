import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import type { LoadedConfig } from '../service/config/load';
import { ConfigError, loadConfig } from '../service/config/load';
import { safeText } from '../model/safe-text';

/** The flags every command that runs the correlator takes (`serve`, `start`, `demo`). */
export const SERVICE_FLAG_OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  'store-url': { type: 'string' },
  'otlp-listen': { type: 'string' },
  'api-listen': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface ServiceFlagValues {
  config?: string;
  'data-dir'?: string;
  'store-url'?: string;
  'otlp-listen'?: string;
  'api-listen'?: string;
}

/**
 * Defaults, file, environment and flags as `lockstep serve` reads them; on a configuration error the message (each
 * line made safe to print) goes to stderr and the result is exit status 2.
 */
export async function loadServiceConfig(command: string, values: ServiceFlagValues): Promise<LoadedConfig | 2> {
  try {
    return await loadConfig({
      config: values.config,
      dataDir: values['data-dir'],
      storeUrl: values['store-url'],
      otlpListen: values['otlp-listen'],
      apiListen: values['api-listen'],
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `lockstep ${command}: ${error.message
        .split('\n')
        .map((line) => safeText(line))
        .join('\n')}\n`,
    );
    return 2;
  }
}

/**
 * parseArgs for a command with `--help`: the values (typed by the caller as its flags), or the exit code after
 * printing the help (0) or a usage error with the help (2).
 */
export function parseCommandArgs<V>(
  command: string,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  help: string,
): V | 0 | 2 {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options }));
  } catch (error) {
    process.stderr.write(`lockstep ${command}: ${safeText((error as Error).message)}\n\n${help}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(help);
    return 0;
  }
  return values as V;
}
