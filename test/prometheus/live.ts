import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

const PROVISIONING = path.resolve(__dirname, '../../provisioning/prometheus');
/** Debian's prometheus package; `npm test` installs it (scripts/system-deps.sh). */
const PROMETHEUS = 'prometheus';
/** Scrape and rule evaluation period of the test's Prometheus. */
export const LIVE_INTERVAL = '1s';

export interface LivePrometheus {
  url: string;
  /** The rule file it loaded: the committed one with only the group interval changed. */
  rulesFile: string;
  stop(): Promise<void>;
}

type Yaml = Record<string, unknown>;

/** A free loopback port (the kernel picks one; a tiny race with other processes, retried by the caller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The committed provisioning/prometheus/prometheus.yml and lockstep-rules.yml, changed only where a test must:
 * the correlator's address (`target`), scrape and evaluation every LIVE_INTERVAL instead of 15 s / 30 s, and the
 * rule file's path. Job name, metrics path, rule expressions, `for` durations, labels and annotations are the
 * committed ones, so the test exercises what users run.
 */
export function liveConfig(dir: string, target: string): { configFile: string; rulesFile: string } {
  const config = parse(readFileSync(path.join(PROVISIONING, 'prometheus.yml'), 'utf8')) as Yaml & {
    scrape_configs: Array<Yaml & { static_configs: Array<{ targets: string[] }> }>;
    rule_files: string[];
  };
  const rules = parse(readFileSync(path.join(PROVISIONING, 'lockstep-rules.yml'), 'utf8')) as {
    groups: Array<Yaml & { interval?: string }>;
  };
  for (const group of rules.groups) group.interval = LIVE_INTERVAL;
  const rulesFile = path.join(dir, 'lockstep-rules.yml');
  writeFileSync(rulesFile, stringify(rules, { lineWidth: 0 }));
  config.global = { ...(config.global as Yaml), scrape_interval: LIVE_INTERVAL, evaluation_interval: LIVE_INTERVAL };
  config.rule_files = [rulesFile];
  for (const job of config.scrape_configs) {
    job.scrape_interval = LIVE_INTERVAL;
    job.static_configs = [{ targets: [target] }];
  }
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config, { lineWidth: 0 }));
  return { configFile, rulesFile };
}

/** A real Prometheus on a free loopback port with temp storage, scraping `target` (HOST:PORT); resolves once ready. */
export async function startPrometheus(target: string): Promise<LivePrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockstep-prometheus-'));
  const { configFile, rulesFile } = liveConfig(dir, target);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      PROMETHEUS,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    const ready = await untilReady(url, child);
    if (ready) {
      return {
        url,
        rulesFile,
        stop: async () => {
          await stopChild(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
    if (attempt >= 2) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`prometheus did not become ready:\n${log}`);
    }
  }
}

async function untilReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${url}/-/ready`)).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
}

async function api<T>(prometheus: LivePrometheus, route: string): Promise<T> {
  const response = await fetch(`${prometheus.url}/api/v1/${route}`);
  const body = (await response.json()) as { status: string; data: T };
  if (body.status !== 'success') throw new Error(`${route}: ${JSON.stringify(body)}`);
  return body.data;
}

/** Prometheus's /api/v1/alerts: the alerts pending or firing now. */
export async function alerts(prometheus: LivePrometheus): Promise<PromAlert[]> {
  return (await api<{ alerts: PromAlert[] }>(prometheus, 'alerts')).alerts;
}

/** The value of an instant query that returns one series, or undefined when it returns none. */
export async function queryValue(prometheus: LivePrometheus, query: string): Promise<number | undefined> {
  const data = await api<{ result: Array<{ value: [number, string] }> }>(
    prometheus,
    `query?query=${encodeURIComponent(query)}`,
  );
  const value = data.result[0]?.value[1];
  return value === undefined ? undefined : Number(value);
}

/** When each rule group was last evaluated (epoch ms). */
export async function lastEvaluations(prometheus: LivePrometheus): Promise<number[]> {
  const data = await api<{ groups: Array<{ lastEvaluation: string }> }>(prometheus, 'rules');
  return data.groups.map((group) => Date.parse(group.lastEvaluation));
}

/** Polls `check` every 200 ms until it returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
