import type { ParseArgsConfig } from 'node:util';
import { safeText } from '../../model/safe-text';
import type { ServiceFlagValues } from '../service-flags';
import { loadServiceConfig, SERVICE_FLAG_OPTIONS } from '../service-flags';
import { paletteFor } from './render';
import type { LiveOptions } from './session';
import { LiveSession, localConfig } from './session';

/** Flags of `lockstep start` (and `lockstep demo`, which adds its own). */
export const LIVE_FLAG_OPTIONS = {
  ...SERVICE_FLAG_OPTIONS,
  'agent-config': { type: 'string' },
  interval: { type: 'string' },
  'status-every': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface LiveFlagValues extends ServiceFlagValues {
  'agent-config'?: string;
  interval?: string;
  'status-every'?: string;
}

export const LIVE_FLAGS_HELP = `  --config FILE              the correlator's YAML configuration (as lockstep serve; docs/service.md)
  --data-dir DIR             where the incident store lives (default ./data)
  --otlp-listen HOST:PORT    OTLP/HTTP and /v1/events listener (default 127.0.0.1:4318; :0 picks a free port)
  --api-listen HOST:PORT     query API, /metrics and health checks (default 127.0.0.1:8480)
  --agent-config FILE        the agent's YAML configuration (as lockstep agent: host_name, tail, ...)`;

/**
 * The correlator's configuration (as `lockstep serve` reads it, with the engine's lateness fitted to a local run)
 * and the agent's; exit status 2 after a message when either is unusable.
 */
export async function liveOptions(
  command: string,
  values: LiveFlagValues,
  defaults: { intervalSeconds: number; statusEverySeconds: number },
): Promise<LiveOptions | 2> {
  const statusEvery = Number(values['status-every'] ?? defaults.statusEverySeconds);
  if (!Number.isFinite(statusEvery) || statusEvery < 0) {
    process.stderr.write(`lockstep ${command}: --status-every must be a number of seconds (0: never)\n`);
    return 2;
  }
  const loaded = await loadServiceConfig(command, values);
  if (loaded === 2) return 2;
  for (const warning of loaded.warnings) process.stderr.write(`lockstep ${command}: warning: ${safeText(warning)}\n`);
  const { AgentConfigError, loadAgentConfig } = await import('@lockstep/agent');
  let agent;
  try {
    agent = await loadAgentConfig({
      config: values['agent-config'],
      interval: values.interval ?? String(defaults.intervalSeconds),
    });
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    process.stderr.write(`lockstep ${command}: ${safeText(error.message)}\n`);
    return 2;
  }
  const stdout = process.stdout;
  return {
    config: localConfig(loaded.config, agent.intervalSeconds),
    catalog: loaded.catalog,
    agent,
    statusEverySeconds: statusEvery,
    palette: paletteFor(stdout),
    write: (text) => void stdout.write(text),
  };
}

/** Starts the session, or reports why it cannot start (e.g. a port is taken) and gives exit status 1. */
export async function startLiveSession(command: string, options: LiveOptions): Promise<LiveSession | 1> {
  try {
    return await LiveSession.start(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lockstep ${command}: cannot start: ${safeText(message)}\n`);
    return 1;
  }
}

/**
 * Resolves on the first SIGINT (Ctrl-C) or SIGTERM. A second one while shutting down exits at once with 130, for
 * someone who does not want to wait for the last writes.
 */
export function untilStopSignal(): { signal: Promise<NodeJS.Signals>; cancel(): void } {
  let resolveSignal: (signal: NodeJS.Signals) => void = () => {};
  const signal = new Promise<NodeJS.Signals>((resolve) => (resolveSignal = resolve));
  const first = (received: NodeJS.Signals): void => {
    process.removeListener('SIGINT', first);
    process.removeListener('SIGTERM', first);
    process.once('SIGINT', () => process.exit(130));
    resolveSignal(received);
  };
  process.on('SIGINT', first);
  process.on('SIGTERM', first);
  return {
    signal,
    cancel: () => {
      process.removeListener('SIGINT', first);
      process.removeListener('SIGTERM', first);
    },
  };
}

/** Stops the session with a line saying so, and one saying it is done. */
export async function stopLiveSession(session: LiveSession, why: string): Promise<void> {
  session.view.say('stopping', `${why}: stopping the agent, storing open incidents`);
  await session.stop();
  session.view.say('stopped', 'cleanly');
}
