/**
 * Memory of a real `lockstep serve` under cardinality (issue #14 item 5): 10,000 hosts, 100,000 processes and
 * 10,000 alerting hosts thrown at it over HTTP, with its default limits. Prints RSS before (idle baseline), after
 * each phase and after an idle pause, each also as a ratio of the idle baseline measured in the same run, and the
 * engine's gauges and eviction counters from /metrics. Target: RSS under 256 MiB throughout.
 *
 *   npm run bench:memory [-- --hosts 10000 --pids-per-host 10 --alert-hosts 10000 --one-host-pids 100000 --idle-s 70]
 *
 * Phases: (1) every host scraped six times (host CPU per cpu and state, and its processes: hosts × pids-per-host
 * distinct processes); (2) one Falco alert from each of --alert-hosts further hosts, each naming a process;
 * (3) one host with --one-host-pids distinct pids in two scrapes; then --idle-s seconds of nothing (past the service's 60-s idle advance, so what waited in the lateness window is applied).
 */
import { parseArgs } from 'node:util';
import { falcoAlert } from '../test/scenarios/formats';
import { hostmetricsLines } from './load/hostmetrics-lines';
import type { LoadBody } from './lib/http-load';
import { postAll } from './lib/http-load';
import { rssBytes } from './lib/child-process';
import { scrapeMetrics, startServe } from './lib/serve-process';

const TARGET_MIB = 256;
const HOSTS_PER_REQUEST = 50;
const ALERTS_PER_REQUEST = 1_000;
const PIDS_PER_REQUEST = 5_000;
const INTERVAL_MS = 10_000;
/** Scrapes of the fleet: six, so the first three are applied (past the 30-s lateness window) before the pause. */
const SCRAPES = 6;
const PHASE_BUDGET_MS = 10 * 60_000;

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10000' },
    'pids-per-host': { type: 'string', default: '10' },
    'alert-hosts': { type: 'string', default: '10000' },
    'one-host-pids': { type: 'string', default: '100000' },
    'idle-s': { type: 'string', default: '70' },
  },
});
const hosts = Number(values.hosts);
const pidsPerHost = Number(values['pids-per-host']);
const alertHosts = Number(values['alert-hosts']);
const oneHostPids = Number(values['one-host-pids']);
const idleS = Number(values['idle-s']);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Hostmetrics-shaped OTLP/JSON requests: three scrapes of every host, HOSTS_PER_REQUEST hosts per request. */
function fleetBodies(startMs: number): LoadBody[] {
  const shape = { hosts, processesPerHost: pidsPerHost, cpus: 2, intervalMs: INTERVAL_MS, scrapes: SCRAPES, startMs };
  const bodies: LoadBody[] = [];
  let pending: unknown[] = [];
  let lines = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    bodies.push({ data: JSON.stringify({ resourceMetrics: pending }), units: pending.length });
    pending = [];
  };
  const linesPerRequest = HOSTS_PER_REQUEST * (pidsPerHost > 0 ? 2 : 1);
  for (const line of hostmetricsLines(shape)) {
    pending.push(...(JSON.parse(line) as { resourceMetrics: unknown[] }).resourceMetrics);
    lines += 1;
    if (lines % linesPerRequest === 0) flush();
  }
  flush();
  return bodies;
}

/** One Falco alert per host, for hosts that send no metrics, each naming a process. */
function alertBodies(timeMs: number): LoadBody[] {
  const bodies: LoadBody[] = [];
  for (let first = 0; first < alertHosts; first += ALERTS_PER_REQUEST) {
    const lines: string[] = [];
    for (let n = first; n < Math.min(alertHosts, first + ALERTS_PER_REQUEST); n += 1) {
      lines.push(
        falcoAlert({
          time: timeMs + (n % 1000),
          host: `alerting-${n}`,
          process: {
            pid: 4000 + (n % 30000),
            ppid: 1,
            name: 'xmrig',
            exe: '/tmp/xmrig',
            cmdline: `/tmp/xmrig -o pool.example:3333 --id ${n}`,
            owner: 'www-data',
            start: timeMs - 60_000,
            load: () => 0,
          },
          withPid: true,
          rule: 'Detect crypto miners using the Stratum protocol',
          priority: 'Critical',
          message: 'Possible miner',
          tags: ['host', 'mitre_execution'],
        }),
      );
    }
    bodies.push({ data: lines.join('\n'), units: lines.length });
  }
  return bodies;
}

/** One host, `oneHostPids` distinct pids in two scrapes (process.cpu.time, one resource per process). */
function oneHostBodies(lastMs: number): LoadBody[] {
  const bodies: LoadBody[] = [];
  for (const timeMs of [lastMs - INTERVAL_MS, lastMs])
    for (let first = 0; first < oneHostPids; first += PIDS_PER_REQUEST) {
      const resourceMetrics: object[] = [];
      for (let pid = first + 2; pid < Math.min(oneHostPids, first + PIDS_PER_REQUEST) + 2; pid += 1) {
        resourceMetrics.push({
          resource: {
            attributes: [
              { key: 'host.name', value: { stringValue: 'pid-storm' } },
              { key: 'process.pid', value: { intValue: String(pid) } },
              { key: 'process.executable.name', value: { stringValue: `job-${pid}` } },
              { key: 'process.command_line', value: { stringValue: `/usr/bin/job-${pid} --run` } },
            ],
          },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'process.cpu.time',
                  unit: 's',
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [
                      {
                        attributes: [{ key: 'state', value: { stringValue: 'user' } }],
                        startTimeUnixNano: `${lastMs - 60_000}000000`,
                        timeUnixNano: `${timeMs}000000`,
                        asDouble: timeMs === lastMs ? 0.02 : 0.01,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        });
      }
      bodies.push({ data: JSON.stringify({ resourceMetrics }), units: resourceMetrics.length });
    }
  return bodies;
}

interface Row {
  when: string;
  rss: number;
}

async function main(): Promise<void> {
  // Data time just behind the wall clock, as live collectors send it (the service refuses data from the future).
  const start = Date.now() - 5 * 60_000;
  log(
    `building load: ${hosts} hosts x ${pidsPerHost} pids, ${alertHosts} alerting hosts, ${oneHostPids} pids on one host`,
  );
  const fleet = fleetBodies(start);
  const alerts = alertBodies(start + (SCRAPES - 1) * INTERVAL_MS);
  const storm = oneHostBodies(start + (SCRAPES - 1) * INTERVAL_MS);
  const service = await startServe();
  const rows: Row[] = [];
  const sample = (when: string): void => {
    const rss = rssBytes(service.pid);
    rows.push({ when, rss });
    log(`${when}: RSS ${mib(rss)}`);
  };
  let peak = 0;
  const watchPeak = setInterval(() => (peak = Math.max(peak, rssBytes(service.pid))), 100);
  let failed = false;
  try {
    await sleep(3_000);
    sample('idle baseline');
    const phases: Array<[string, string, string, LoadBody[]]> = [
      ['fleet', '/v1/metrics', 'application/json', fleet],
      ['alerting hosts', '/v1/events/falco', 'application/x-ndjson', alerts],
      ['pids on one host', '/v1/metrics', 'application/json', storm],
    ];
    for (const [name, path, contentType, bodies] of phases) {
      const result = await postAll({
        url: `${service.otlpUrl}${path}`,
        contentType,
        bodies,
        concurrency: 4,
        deadline: performance.now() + PHASE_BUDGET_MS,
      });
      log(
        `${name}: ${result.requests} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.pushedBack} pushed back, ${result.errors} errors${result.firstError ? ` (${result.firstError})` : ''}`,
      );
      if (result.errors > 0) failed = true;
      sample(`after ${name}`);
    }
    await sleep(idleS * 1000);
    sample(`after ${idleS} s idle`);
    const gauges = await scrapeMetrics(service.apiUrl);
    clearInterval(watchPeak);
    const baseline = rows[0]!.rss;
    process.stdout.write(
      `\nlockstep serve, default limits (${hosts} hosts, ${hosts * pidsPerHost} fleet processes, ${alertHosts} alerting hosts, ${oneHostPids} pids on one host)\n\n`,
    );
    process.stdout.write(`${'when'.padEnd(28)} ${'RSS'.padStart(9)} ${'x idle'.padStart(7)}\n`);
    for (const row of rows) {
      process.stdout.write(
        `${row.when.padEnd(28)} ${mib(row.rss).padStart(9)} ${(row.rss / baseline).toFixed(2).padStart(7)}\n`,
      );
    }
    process.stdout.write(
      `${'peak (sampled every 100 ms)'.padEnd(28)} ${mib(peak).padStart(9)} ${(peak / baseline).toFixed(2).padStart(7)}\n\n`,
    );
    for (const [name, value] of gauges) process.stdout.write(`${name} ${value}\n`);
    const worst = Math.max(peak, ...rows.map((r) => r.rss));
    const verdict = worst < TARGET_MIB * 2 ** 20 ? 'within' : 'OVER';
    process.stdout.write(`\npeak RSS ${mib(worst)}: ${verdict} the ${TARGET_MIB} MiB target\n`);
    if (verdict === 'OVER') failed = true;
    if (service.problems.length > 0) log(`service warnings/errors:\n${service.problems.slice(0, 10).join('\n')}`);
  } finally {
    clearInterval(watchPeak);
    await service.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
