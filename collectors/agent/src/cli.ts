import { EVENT_FORMATS } from '@lockstep/contract';
import { parseArgs } from 'node:util';
import { Agent } from './agent';
import type { AgentLog } from './agent';
import { AgentConfigError, loadAgentConfig } from './config';

export const AGENT_USAGE = `Usage: lockstep agent [--config FILE] [--endpoint URL] [--interval SECONDS]

Samples /proc every interval and sends host CPU (system.cpu.time per cpu and state), per-process CPU
(process.cpu.time, the top processes by CPU, with process.* and container.id resource attributes) and
suspicious-process indicators (OTLP log records with security_rule.* attributes) to the correlator, or an
OpenTelemetry Collector, over OTLP/HTTP, through the OpenTelemetry Node SDK. Can also tail auth.log, audit.log
and Falco's JSON output: each line an OTLP log record marked lockstep.format, positions kept across restarts.

Options:
  --config FILE        YAML file: endpoint, interval_seconds, host_name, top_processes, proc_root,
                       headers, tail: [{path, format: ${EVENT_FORMATS.join('|')}, from_start}],
                       state_dir, status_every_seconds
  --endpoint URL       OTLP/HTTP base URL of the correlator or a Collector (default http://127.0.0.1:4318)
  --interval SECONDS   sampling interval (default 10)
  -h, --help           this help

Privileges: runs unprivileged with reduced visibility (other users' executables are hidden) and says so once;
root, or CAP_SYS_PTRACE + CAP_DAC_READ_SEARCH, gives full visibility. It never reads /proc/*/environ.
`;

/** `lockstep agent`: runs until SIGINT/SIGTERM; returns the exit code. */
export async function runAgentCommand(argv: string[], log: AgentLog = stderrLog): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        endpoint: { type: 'string' },
        interval: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`lockstep agent: ${(error as Error).message}\n\n${AGENT_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(AGENT_USAGE);
    return 0;
  }
  let config;
  try {
    config = await loadAgentConfig(values);
  } catch (error) {
    if (error instanceof AgentConfigError) {
      process.stderr.write(`lockstep agent: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const agent = new Agent(config, log);
  try {
    await agent.start();
  } catch (error) {
    await agent.stop();
    if (!(error instanceof AgentConfigError)) throw error;
    process.stderr.write(`lockstep agent: ${error.message}\n`);
    return 2;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('stopping: flushing the last sample');
  await agent.stop();
  return 0;
}

const stderrLog: AgentLog = {
  info: (message) => process.stderr.write(`lockstep agent: ${JSON.stringify(message).slice(1, -1)}\n`),
  warn: (message) => process.stderr.write(`lockstep agent: warning: ${JSON.stringify(message).slice(1, -1)}\n`),
};
