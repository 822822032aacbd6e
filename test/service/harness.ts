import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config, RawConfig, RunningService, ServiceOptions } from '@lockstep/correlator';
import { ConfigSchema, DEFAULT_CONFIG, silentLogger, startService } from '@lockstep/correlator';
import { scrapeHost } from '../scenarios/host';
import type { Scenario } from '../scenarios/kinds';
import { Rng } from '../scenarios/rng';
import { extraHostRng } from '../scenarios/write';

export interface TestService {
  service: RunningService;
  config: Config;
  dataDir: string;
  /** Closes the service (if still open) and deletes its data directory. */
  dispose(): Promise<void>;
}

type Overrides = { [K in keyof RawConfig]?: RawConfig[K] extends object ? Partial<RawConfig[K]> : RawConfig[K] };

/** A test configuration: ephemeral loopback ports and a fresh data directory, with `overrides` per section. */
export function testConfig(dataDir: string, overrides: Overrides = {}): Config {
  const raw: Record<string, unknown> = {
    ...DEFAULT_CONFIG,
    data_dir: dataDir,
    otlp: { listen: '127.0.0.1:0' },
    api: { listen: '127.0.0.1:0', token: '' },
  };
  for (const [key, value] of Object.entries(overrides)) {
    const base = raw[key];
    raw[key] = typeof value === 'object' && typeof base === 'object' ? { ...base, ...value } : value;
  }
  return ConfigSchema.parse(raw);
}

export async function startTestService(overrides: Overrides = {}, options: ServiceOptions = {}): Promise<TestService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lockstep-service-test-'));
  const config = testConfig(dataDir, overrides);
  const service = await startService(config, { log: silentLogger, ...options });
  return {
    service,
    config,
    dataDir,
    async dispose() {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One request of a scenario pushed over HTTP: a path and newline-delimited lines. */
export interface ScenarioRequest {
  path: string;
  body: string;
}

/**
 * A scenario's files as HTTP requests in merged time order — the same lines `writeScenario` writes, regenerated
 * with the same seed — with consecutive lines for one events endpoint sent together, as a shipper would.
 */
export function scenarioRequests(scenario: Scenario): ScenarioRequest[] {
  const timed: Array<{ time: number; path: string; line: string }> = [];
  scrapeHost(scenario.host, new Rng(scenario.seed + 17), scenario.window, (time, line) =>
    timed.push({ time, path: '/v1/metrics', line }),
  );
  for (const entry of scenario.falco) timed.push({ ...entry, path: '/v1/events/falco' });
  for (const entry of scenario.tetragon) timed.push({ ...entry, path: '/v1/events/tetragon' });
  for (const entry of scenario.auth) timed.push({ ...entry, path: '/v1/events/auth' });
  for (const entry of scenario.osquery) timed.push({ ...entry, path: '/v1/events/osquery' });
  for (const entry of scenario.changes) timed.push({ ...entry, path: '/v1/events/change' });
  for (const entry of scenario.dpkg) timed.push({ ...entry, path: '/v1/events/dpkg' });
  scenario.extraHosts.forEach((host, index) =>
    scrapeHost(host, extraHostRng(scenario.seed, index), scenario.window, (time, line) =>
      timed.push({ time, path: '/v1/metrics', line }),
    ),
  );
  // Stable sort: lines of one file keep their order when times tie, as replay's merge keeps them.
  timed.sort((a, b) => a.time - b.time);
  const requests: ScenarioRequest[] = [];
  for (const entry of timed) {
    const last = requests[requests.length - 1];
    if (last !== undefined && last.path === entry.path && entry.path !== '/v1/metrics') last.body += `\n${entry.line}`;
    else requests.push({ path: entry.path, body: entry.line });
  }
  return requests;
}

/** Posts every request in order; fails the test on any answer but 200. */
export async function push(baseUrl: string, requests: readonly ScenarioRequest[]): Promise<void> {
  for (const request of requests) {
    const type = request.path === '/v1/metrics' ? 'application/json' : 'application/x-ndjson';
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: request.body,
    });
    if (response.status !== 200) {
      throw new Error(`${request.path} answered ${response.status}: ${await response.text()}`);
    }
    await response.arrayBuffer();
  }
}
