import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Catalog } from '../../engine/catalog';
import { loadCatalog } from './catalog';
import type { Config, RawConfig } from './schema';
import { ConfigSchema, DEFAULT_CONFIG } from './schema';

/** A configuration that cannot be used: the message names the key (or file) and what is wrong with it. */
export class ConfigError extends Error {}

/** Command-line flags (docs/design.md "Command line"); they win over the environment, the file and the defaults. */
export interface ConfigFlags {
  config?: string;
  dataDir?: string;
  storeUrl?: string;
  otlpListen?: string;
  apiListen?: string;
}

/** Environment variables and the key each overrides. Numbers are parsed; anything else is a string. */
export const ENVIRONMENT: ReadonlyArray<{ name: string; path: string[]; number?: boolean }> = [
  { name: 'LOCKSTEP_DATA_DIR', path: ['data_dir'] },
  { name: 'LOCKSTEP_STORE_URL', path: ['store', 'url'] },
  { name: 'LOCKSTEP_OTLP_LISTEN', path: ['otlp', 'listen'] },
  { name: 'LOCKSTEP_API_LISTEN', path: ['api', 'listen'] },
  { name: 'LOCKSTEP_API_TOKEN', path: ['api', 'token'] },
  { name: 'LOCKSTEP_CATALOG', path: ['catalog'] },
  { name: 'LOCKSTEP_EXPORT_OTLP_LOGS_ENDPOINT', path: ['export', 'otlp_logs', 'endpoint'] },
  { name: 'LOCKSTEP_ALLOWED_LATENESS_MS', path: ['engine', 'allowed_lateness_ms'], number: true },
  { name: 'LOCKSTEP_MAX_BODY_BYTES', path: ['limits', 'max_body_bytes'], number: true },
];

export interface LoadedConfig {
  config: Config;
  /** Environment values that were invalid and ignored (a bad environment value warns and falls back to the next source). */
  warnings: string[];
  /** The file read, if any. */
  file: string | undefined;
  /** The service catalogue `catalog` names, read and validated; undefined without one. */
  catalog: Catalog | undefined;
}

type Tree = Record<string, unknown>;

/** Defaults, then the YAML file, then the environment, then flags; validated as a whole. */
export async function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const file = flags.config ?? nonEmpty(env.LOCKSTEP_CONFIG);
  let tree = clone(DEFAULT_CONFIG as unknown as Tree);
  if (file !== undefined) tree = merge(tree, await readConfigFile(file), file);
  const base = structuredClone(tree);

  const warnings: string[] = [];
  const fromEnv = new Map<string, string>();
  for (const variable of ENVIRONMENT) {
    const raw = nonEmpty(env[variable.name]);
    if (raw === undefined) continue;
    const value = variable.number ? Number(raw) : raw;
    setPath(tree, variable.path, value);
    fromEnv.set(variable.path.join('.'), variable.name);
  }
  applyFlags(tree, flags);

  let parsed = ConfigSchema.safeParse(tree);
  if (!parsed.success) {
    // A bad environment value falls back to the file or default for that key, with a warning.
    let retry = false;
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const name = fromEnv.get(key);
      if (name === undefined || isFlagKey(key, flags)) continue;
      warnings.push(`ignoring ${name}: ${issue.message}`);
      setPath(tree, issue.path.map(String), getPath(base, issue.path.map(String)));
      retry = true;
    }
    if (retry) parsed = ConfigSchema.safeParse(tree);
  }
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error.issues, file));
  const config = parsed.data;
  if (sameAddress(config.otlp.listen, config.api.listen)) {
    throw new ConfigError(
      'otlp.listen and api.listen must be different addresses (the OTLP receivers and the query API are separate servers)',
    );
  }
  const catalog = config.catalog === '' ? undefined : await loadCatalog(config.catalog);
  return { config, warnings, file, catalog };
}

async function readConfigFile(path: string): Promise<Tree> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot read config file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (!isTree(value)) throw new ConfigError(`config file ${path} must be a mapping of keys (snake_case) to values`);
  return value;
}

function applyFlags(tree: Tree, flags: ConfigFlags): void {
  if (flags.dataDir !== undefined) setPath(tree, ['data_dir'], flags.dataDir);
  if (flags.storeUrl !== undefined) setPath(tree, ['store', 'url'], flags.storeUrl);
  if (flags.otlpListen !== undefined) setPath(tree, ['otlp', 'listen'], flags.otlpListen);
  if (flags.apiListen !== undefined) setPath(tree, ['api', 'listen'], flags.apiListen);
}

function isFlagKey(key: string, flags: ConfigFlags): boolean {
  return (
    (key === 'data_dir' && flags.dataDir !== undefined) ||
    (key === 'store.url' && flags.storeUrl !== undefined) ||
    (key === 'otlp.listen' && flags.otlpListen !== undefined) ||
    (key === 'api.listen' && flags.apiListen !== undefined)
  );
}

/** Overlays `over` on `base`; keys that could reach Object.prototype are refused instead of merged. */
function merge(base: Tree, over: Tree, file: string, prefix = ''): Tree {
  for (const key of Object.keys(over)) {
    const path = `${prefix}${key}`;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new ConfigError(`config file ${file}: ${path}: unknown key`);
    }
    const value = over[key];
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    // `headers` is a free-form map: replaced, not merged.
    base[key] = isTree(current) && isTree(value) && key !== 'headers' ? merge(current, value, file, `${path}.`) : value;
  }
  return base;
}

function describeIssues(issues: z.core.$ZodIssue[], file: string | undefined): string {
  const where = file === undefined ? 'configuration' : `config file ${file}`;
  const lines = issues.slice(0, 10).map((issue) => {
    const key = issue.path.join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      const prefix = issue.path.length > 0 ? `${key}.` : '';
      return `  ${issue.keys.map((k) => `${prefix}${k}`).join(', ')}: unknown key`;
    }
    return `  ${key}: ${issue.message}`;
  });
  return `${where} is invalid:\n${lines.join('\n')}`;
}

function sameAddress(a: { host: string; port: number }, b: { host: string; port: number }): boolean {
  return a.port !== 0 && a.port === b.port && (a.host === b.host || a.host === '0.0.0.0' || b.host === '0.0.0.0');
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone(tree: Tree): Tree {
  return structuredClone(tree);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isTree(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

function getPath(tree: Tree, path: readonly string[]): unknown {
  let node: unknown = tree;
  for (const key of path) node = isTree(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

export type { Config, RawConfig };
