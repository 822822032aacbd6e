import { runDemoCommand } from './demo-command';
import { safeText } from '../model/safe-text';
import { runReplayCommand } from './replay-command';
import { runServeCommand } from './serve-command';
import { runStartCommand } from './start-command';
import { VERSION } from '../version';

const USAGE = `lockstep — correlates CPU and latency spikes with security signals

Usage:
  lockstep start              the correlator and the agent on this machine, incidents shown as they happen
  lockstep demo               the same, plus a harmless simulated cryptominer; stops once its incident is shown
  lockstep serve              run the correlator: OTLP/HTTP and security events in, incidents out
  lockstep replay FILE...     correlate recorded telemetry and security events offline
  lockstep agent              sample this host's /proc and send CPU and indicators to the correlator
  lockstep --version          print the version
  lockstep <command> --help   help for a command

Run 'lockstep serve --help' for the service's options and 'lockstep replay --help' for the input formats.
`;

/** Entry point for bin/lockstep.js; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    case '-V':
    case '--version':
      process.stdout.write(`lockstep ${VERSION}\n`);
      return 0;
    case 'serve':
      return runServeCommand(rest);
    case 'replay':
      return runReplayCommand(rest);
    case 'start':
      return runStartCommand(rest);
    case 'demo':
      return runDemoCommand(rest);
    case 'agent': {
      // Loaded on demand: the OpenTelemetry SDK is only needed by the agent.
      const { runAgentCommand } = await import('@lockstep/agent');
      return runAgentCommand(rest);
    }
    default:
      process.stderr.write(`lockstep: unknown command '${safeText(command)}'\n\n${USAGE}`);
      return 2;
  }
}
