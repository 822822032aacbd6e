import { printable } from './printable';
import { runReplayCommand } from './replay-command';
import { VERSION } from './version';

const USAGE = `lockstep — correlates CPU and latency spikes with security signals

Usage:
  lockstep replay FILE...     correlate recorded telemetry and security events offline
  lockstep --version          print the version
  lockstep <command> --help   help for a command

Run 'lockstep replay --help' for the input formats and the output.
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
    case 'replay':
      return runReplayCommand(rest);
    default:
      process.stderr.write(`lockstep: unknown command '${printable(command)}'\n\n${USAGE}`);
      return 2;
  }
}
