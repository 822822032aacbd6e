import type { LiveFlagValues } from './live/command';
import {
  LIVE_FLAG_OPTIONS,
  LIVE_FLAGS_HELP,
  liveOptions,
  startLiveSession,
  stopLiveSession,
  untilStopSignal,
} from './live/command';
import { parseCommandArgs } from './service-flags';

const INTERVAL_SECONDS = 5;
const STATUS_EVERY_SECONDS = 30;

const HELP = `Usage: lockstep start [options]        (npm start -- [options] at the repository root)

Lockstep's main job on this machine, without Docker: runs the correlator (embedded SQLite store) and the agent
(samples this host's /proc) in one process, and shows incidents in the terminal as they open, change and resolve:
severity, host, the process behind the spike (name and pid), score, and the one-line summaries for operations,
security and the business; a status line with counts every --status-every seconds. The query API is up for
Grafana (the Lockstep data source URL is printed), /metrics for Prometheus, and OTLP/HTTP and raw security events
(POST /v1/events/falco, ...) are accepted from other sources too.

Options:
${LIVE_FLAGS_HELP}
  --interval SECONDS         agent sampling interval (default ${INTERVAL_SECONDS}; overrides the agent file). The spike
                             detector judges a host once it has 20 samples of baseline.
  --status-every SECONDS     status line period (default ${STATUS_EVERY_SECONDS}; 0: never)
  -h, --help                 this help

Unless configured, the engine waits three sampling intervals for late data (engine.allowed_lateness_ms; the
service's 30 s default is for many senders). Strings from the outside (command lines, user names, rule outputs)
are shown with escape sequences and control characters removed, so they cannot forge lines or recolour the
terminal. The agent runs with the privileges it is given (see docs/agent.md).

Ctrl-C (or SIGTERM) stops the agent, stores every open incident and exits with status 0; a second Ctrl-C exits at
once. Exit status 1 when it cannot start (e.g. a port is taken), 2 on usage or configuration errors.
See also: lockstep demo (the same, plus a harmless simulated cryptominer).
`;

/** `lockstep start`; resolves with the exit code once stopped. */
export async function runStartCommand(args: string[]): Promise<number> {
  const values = parseCommandArgs<LiveFlagValues>('start', args, LIVE_FLAG_OPTIONS, HELP);
  if (values === 0 || values === 2) return values;
  const options = await liveOptions('start', values, {
    intervalSeconds: INTERVAL_SECONDS,
    statusEverySeconds: STATUS_EVERY_SECONDS,
  });
  if (options === 2) return 2;
  const stop = untilStopSignal();
  const session = await startLiveSession('start', options);
  if (session === 1) {
    stop.cancel();
    return 1;
  }
  const signal = await stop.signal;
  await stopLiveSession(session, signal === 'SIGINT' ? 'Ctrl-C' : signal);
  return 0;
}
