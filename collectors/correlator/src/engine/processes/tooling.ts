import { basename } from './names';

/**
 * Security and monitoring agents: they scan, hash, query and trace, so they cause spikes of their own (a Wazuh
 * syscheck scan, a Falco rule reload, an osquery full-table query), and the evidence they and their peers emit
 * about them (Falco reading the files osquery reads) is their work, not an attack. A spike they explain is
 * reported as theirs; they are never a suspicious culprit.
 */
interface Tool {
  /** The product, as the sentences name it. */
  product: string;
  /** Executable base names (comm is cut to 15 characters; both forms are listed where they differ). */
  names: RegExp;
}

const TOOLS: readonly Tool[] = [
  { product: 'Falco', names: /^(?:falco|falcoctl|falcosidekick)$/ },
  { product: 'Tetragon', names: /^tetragon$/ },
  { product: 'Wazuh', names: /^(?:wazuh-[a-z]+|ossec-[a-z]+)$/ },
  { product: 'osquery', names: /^(?:osqueryd|osqueryi)$/ },
  { product: 'auditd', names: /^(?:auditd|audispd|audisp-[a-z]+|kauditd)$/ },
  { product: 'the OpenTelemetry Collector', names: /^otelcol(?:-[a-z0-9]+)?$/ },
];

/** Lockstep runs on Node.js: its agent (and `lockstep start`, which runs the agent) is `node …/lockstep.js agent`. */
const LOCKSTEP_PRODUCT = "Lockstep's own agent";
const LOCKSTEP_COMMAND = /(?:^|[\s/])lockstep(?:\.js)?\s+(?:agent|start|demo|serve)(?:\s|$)/;
const NODE = /^(?:node|nodejs|lockstep)$/;

/**
 * A binary where anyone can write is not the installed agent, whatever its name: a miner calling itself `falco`
 * in /tmp must not hide behind the tooling rule.
 */
const UNTRUSTED_LOCATIONS = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/user/', '/home/', 'memfd:'];

export interface ToolingFacts {
  name?: string;
  exePath?: string;
  commandLine?: string;
}

/** The security or monitoring product a process belongs to, or undefined for anything else. */
export function toolingProduct(process: ToolingFacts): string | undefined {
  const path = process.exePath;
  if (path !== undefined && (UNTRUSTED_LOCATIONS.some((dir) => path.includes(dir)) || path.endsWith(' (deleted)')))
    return undefined;
  const names = [process.name, path === undefined ? undefined : basename(path)].filter(
    (name): name is string => name !== undefined && name.length > 0,
  );
  if (names.length === 0) return undefined;
  for (const tool of TOOLS) if (names.every((name) => tool.names.test(name))) return tool.product;
  const command = process.commandLine;
  if (command !== undefined && names.every((name) => NODE.test(name)) && LOCKSTEP_COMMAND.test(command))
    return LOCKSTEP_PRODUCT;
  return undefined;
}
