import type { EventFormat } from '@lockstep/contract';
import { EVENT_FORMATS } from '@lockstep/contract';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const ConfigFileSchema = z.strictObject({
  /** Base URL of an OTLP/HTTP receiver (the correlator, or a Collector); /v1/metrics and /v1/logs are appended. */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  interval_seconds: z.number().min(1).max(3600).optional(),
  /** Overrides the host name the OpenTelemetry host detector reports. */
  host_name: z.string().min(1).max(255).optional(),
  top_processes: z.number().int().min(1).max(10_000).optional(),
  proc_root: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  tail: z
    .array(
      z.strictObject({ path: z.string().min(1), format: z.enum(EVENT_FORMATS), from_start: z.boolean().optional() }),
    )
    .optional()
    .superRefine((entries, context) => {
      const seen = new Map<string, number>();
      entries?.forEach((entry, i) => {
        const first = seen.get(path.resolve(entry.path));
        if (first !== undefined)
          context.addIssue({ code: 'custom', path: [i, 'path'], message: `the same file as tail.${first}.path` });
        else seen.set(path.resolve(entry.path), i);
      });
    }),
  /** Where tail positions are kept across restarts. */
  state_dir: z.string().min(1).optional(),
  /** How often the status line is written while tailing; 0: never. */
  status_every_seconds: z.number().min(0).max(86_400).optional(),
});

export interface AgentConfig {
  endpoint: string;
  intervalSeconds: number;
  hostName: string | undefined;
  topProcesses: number;
  procRoot: string;
  headers: Record<string, string>;
  /** Absolute paths. */
  tail: Array<{ path: string; format: EventFormat; fromStart: boolean }>;
  /** Absolute; used only when tailing. */
  stateDir: string;
  statusEverySeconds: number;
}

export interface AgentFlags {
  config?: string;
  endpoint?: string;
  interval?: string;
}

export const AGENT_DEFAULTS: AgentConfig = {
  endpoint: 'http://127.0.0.1:4318',
  // The hostmetrics receiver's usual 10 s: enough samples for the detector's 4-minute warm-up.
  intervalSeconds: 10,
  hostName: undefined,
  // Top 50 by CPU keeps a host at ~100 series while every process that matters for a spike is in.
  topProcesses: 50,
  procRoot: '/proc',
  headers: {},
  tail: [],
  stateDir: defaultStateDir(),
  statusEverySeconds: 60,
};

/** `$XDG_STATE_HOME/lockstep/agent`, by the XDG base directory spec (`~/.local/state` when it is not set). */
function defaultStateDir(): string {
  const base = process.env.XDG_STATE_HOME;
  const root = base !== undefined && path.isAbsolute(base) ? base : path.join(homedir(), '.local', 'state');
  return path.join(root, 'lockstep', 'agent');
}

/** A configuration the agent cannot run with; the message names the key or flag. */
export class AgentConfigError extends Error {}

/** Defaults, then the YAML file, then flags. */
export async function loadAgentConfig(flags: AgentFlags): Promise<AgentConfig> {
  const config: AgentConfig = { ...AGENT_DEFAULTS, headers: {}, tail: [] };
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.config, 'utf8');
    } catch (error) {
      throw new AgentConfigError(`cannot read config file ${flags.config}: ${(error as Error).message}`);
    }
    const parsed = ConfigFileSchema.safeParse(parseYamlSafely(text, flags.config) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.join('.') || '(top level)';
      throw new AgentConfigError(`${flags.config}: ${key}: ${issue?.message ?? 'invalid'}`);
    }
    const file = parsed.data;
    if (file.endpoint !== undefined) config.endpoint = file.endpoint;
    if (file.interval_seconds !== undefined) config.intervalSeconds = file.interval_seconds;
    if (file.host_name !== undefined) config.hostName = file.host_name;
    if (file.top_processes !== undefined) config.topProcesses = file.top_processes;
    if (file.proc_root !== undefined) config.procRoot = file.proc_root;
    if (file.headers !== undefined) config.headers = file.headers;
    if (file.tail !== undefined) {
      config.tail = file.tail.map((t) => ({
        path: path.resolve(t.path),
        format: t.format,
        fromStart: t.from_start ?? false,
      }));
    }
    if (file.state_dir !== undefined) config.stateDir = path.resolve(file.state_dir);
    if (file.status_every_seconds !== undefined) config.statusEverySeconds = file.status_every_seconds;
  }
  if (flags.endpoint !== undefined) {
    if (!z.url({ protocol: /^https?$/ }).safeParse(flags.endpoint).success) {
      throw new AgentConfigError(
        `--endpoint must be an http(s) URL such as http://127.0.0.1:4318, got ${JSON.stringify(flags.endpoint)}`,
      );
    }
    config.endpoint = flags.endpoint;
  }
  if (flags.interval !== undefined) {
    const seconds = Number(flags.interval);
    if (!Number.isFinite(seconds) || seconds < 1 || seconds > 3600) {
      throw new AgentConfigError(
        `--interval must be a number of seconds from 1 to 3600, got ${JSON.stringify(flags.interval)}`,
      );
    }
    config.intervalSeconds = seconds;
  }
  config.endpoint = config.endpoint.replace(/\/+$/, '');
  return config;
}

function parseYamlSafely(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new AgentConfigError(`${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}
