/**
 * Soak test (issue #14): a real `lockstep serve` fed a realistic fleet at real pace — every host scraped every 10 s
 * of wall time (host CPU per cpu and state, each process's CPU), a steady trickle of Falco context alerts, and every
 * --miner-every minutes a miner on one host for five minutes with its Stratum alert — for --duration (default 1 h).
 * Every --report-s it prints RSS, the service's event-loop delay (prom-client's nodejs_eventloop_lag_* from
 * /metrics), what the engine holds and the incidents opened so far. At the end: the RSS trend (first vs last
 * quarter), the worst event-loop delay, and whether each miner became an incident naming it.
 *
 *   npm run soak [-- --duration 1h --hosts 200 --processes 30 --report-s 60 --miner-every 10]
 */
import { parseArgs } from 'node:util';
import { falcoAlert } from '../test/scenarios/formats';
import { rssBytes } from './lib/child-process';
import type { LoadBody } from './lib/http-load';
import { postAll } from './lib/http-load';
import { scrapeMetrics, startServe } from './lib/serve-process';

const INTERVAL_MS = 10_000;
const HOSTS_PER_REQUEST = 25;
const CPUS = 4;
const MINER_MS = 5 * 60_000;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '1h' },
    hosts: { type: 'string', default: '200' },
    processes: { type: 'string', default: '30' },
    'report-s': { type: 'string', default: '60' },
    'miner-every': { type: 'string', default: '10' },
  },
});

function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--duration: expected e.g. 90s, 5m or 1h, got ${JSON.stringify(text)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] as number;
  return Number(match[1]) * unit;
}

const duration = durationMs(values.duration);
const hosts = Number(values.hosts);
const processes = Number(values.processes);
const reportMs = Number(values['report-s']) * 1000;
const minerEveryMs = Number(values['miner-every']) * 60_000;

const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
const nanos = (ms: number) => `${Math.round(ms)}000000`;

interface Miner {
  host: number;
  from: number;
  to: number;
}

/** Cores a fleet process uses: a steady level with a slow wobble, different per process. */
function level(h: number, p: number, t: number): number {
  return (0.01 + ((h * 7 + p * 13) % 10) * 0.008) * (1 + 0.2 * Math.sin(t / 600_000 + h + p));
}

/**
 * Cumulative CPU seconds since `origin`, integrated over 10-s steps at the rates of `level` (exact for the
 * benchmark's purpose: counters only ever grow, rates are plausible).
 */
class Counters {
  private readonly cpu = new Map<string, number>();
  add(key: string, seconds: number): number {
    const value = (this.cpu.get(key) ?? 0) + seconds;
    this.cpu.set(key, value);
    return value;
  }
}

function roundBodies(t: number, origin: number, counters: Counters, miners: readonly Miner[]): LoadBody[] {
  const bodies: LoadBody[] = [];
  let pending: object[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    bodies.push({ data: JSON.stringify({ resourceMetrics: pending }), units: pending.length });
    pending = [];
  };
  const step = INTERVAL_MS / 1000;
  for (let h = 0; h < hosts; h += 1) {
    const host = `soak-${String(h).padStart(4, '0')}`;
    const miner = miners.find((m) => m.host === h && t >= m.from && t < m.to);
    let busy = 0.05 * CPUS;
    const procs: object[] = [];
    const list: Array<{ pid: number; name: string; cores: number; start: number; cmd: string }> = [];
    for (let p = 0; p < processes; p += 1) {
      list.push({
        pid: 1000 + p,
        name: `svc-${p}`,
        cores: level(h, p, t),
        start: origin - 3_600_000,
        cmd: `/usr/bin/svc-${p} --port ${8000 + p}`,
      });
    }
    if (miner)
      list.push({
        pid: 31337,
        name: 'xmrig',
        cores: 3,
        start: miner.from - 5_000,
        cmd: '/tmp/.x/xmrig -o pool.example:3333',
      });
    for (const p of list) {
      busy += p.cores;
      const user = counters.add(`${host}/${p.pid}/${p.start}/u`, p.cores * step * 0.9);
      const system = counters.add(`${host}/${p.pid}/${p.start}/s`, p.cores * step * 0.1);
      procs.push({
        resource: {
          attributes: [
            str('host.name', host),
            int('process.pid', p.pid),
            int('process.parent_pid', 1),
            str('process.executable.name', p.name),
            str('process.executable.path', p.name === 'xmrig' ? '/tmp/.x/xmrig' : `/usr/bin/${p.name}`),
            str('process.command_line', p.cmd),
            str('process.owner', 'app'),
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
                      attributes: [str('state', 'user')],
                      startTimeUnixNano: nanos(p.start),
                      timeUnixNano: nanos(t + 7),
                      asDouble: user,
                    },
                    {
                      attributes: [str('state', 'system')],
                      startTimeUnixNano: nanos(p.start),
                      timeUnixNano: nanos(t + 7),
                      asDouble: system,
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
    }
    const share = Math.min(0.98, busy / CPUS);
    const points: object[] = [];
    for (let cpu = 0; cpu < CPUS; cpu += 1) {
      for (const [state, part] of [
        ['user', share * 0.85],
        ['system', share * 0.15],
        ['idle', 1 - share],
      ] as const) {
        points.push({
          attributes: [str('cpu', `cpu${cpu}`), str('state', state)],
          startTimeUnixNano: nanos(origin - 3_600_000),
          timeUnixNano: nanos(t),
          asDouble: counters.add(`${host}/cpu${cpu}/${state}`, part * step),
        });
      }
    }
    pending.push({
      resource: { attributes: [str('host.name', host), str('os.type', 'linux')] },
      scopeMetrics: [
        {
          metrics: [
            {
              name: 'system.cpu.time',
              unit: 's',
              sum: { dataPoints: points, aggregationTemporality: 2, isMonotonic: true },
            },
          ],
        },
      ],
    });
    pending.push(...procs);
    if ((h + 1) % HOSTS_PER_REQUEST === 0) flush();
  }
  flush();
  return bodies;
}

function alertBodies(t: number, miners: readonly Miner[], round: number): LoadBody[] {
  const lines: string[] = [];
  // A shell in a container somewhere every few rounds: context that explains nothing.
  if (round % 3 === 0) {
    const h = round % hosts;
    lines.push(
      falcoAlert({
        time: t,
        host: `soak-${String(h).padStart(4, '0')}`,
        process: {
          pid: 2000 + (round % 500),
          ppid: 1,
          name: 'bash',
          exe: '/bin/bash',
          cmdline: 'bash -i',
          owner: 'root',
          start: t - 1000,
          load: () => 0,
        },
        withPid: true,
        rule: 'Terminal shell in container',
        priority: 'Notice',
        message: 'A shell was spawned in a container',
        tags: ['container', 'shell'],
      }),
    );
  }
  for (const miner of miners) {
    if (t >= miner.from + 20_000 && t < miner.from + 20_000 + INTERVAL_MS) {
      lines.push(
        falcoAlert({
          time: miner.from + 15_000,
          host: `soak-${String(miner.host).padStart(4, '0')}`,
          process: {
            pid: 31337,
            ppid: 1,
            name: 'xmrig',
            exe: '/tmp/.x/xmrig',
            cmdline: '/tmp/.x/xmrig -o pool.example:3333',
            owner: 'app',
            start: miner.from - 5_000,
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
  }
  return lines.length === 0 ? [] : [{ data: lines.join('\n'), units: lines.length }];
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function incidentsNaming(apiUrl: string): Promise<Array<{ host: string; culprit: string | undefined }>> {
  const out: Array<{ host: string; culprit: string | undefined }> = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const url = new URL('/api/v1/incidents', apiUrl);
    url.searchParams.set('limit', '200');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url);
    if (!response.ok) break;
    const body = (await response.json()) as {
      items?: Array<{ entity: Record<string, string>; culprit: Record<string, string> | null }>;
      next?: string;
    };
    for (const item of body.items ?? [])
      out.push({ host: item.entity['host.name'] ?? '', culprit: item.culprit?.['process.executable.name'] });
    if (!body.next) break;
    cursor = body.next;
  }
  return out;
}

async function main(): Promise<void> {
  const service = await startServe();
  const origin = Date.now();
  const counters = new Counters();
  const miners: Miner[] = [];
  const rows: Array<{ at: number; rss: number; lagMax: number; lagP99: number }> = [];
  process.stderr.write(
    `soak: ${hosts} hosts x ${processes} processes every ${INTERVAL_MS / 1000} s for ${values.duration}; service pid ${service.pid}\n`,
  );
  process.stdout.write(
    `${'elapsed'.padStart(8)} ${'RSS MiB'.padStart(8)} ${'loop p99 ms'.padStart(11)} ${'loop max ms'.padStart(11)} ${'hosts'.padStart(6)} ${'procs'.padStart(6)} ${'series'.padStart(6)} ${'evicted'.padStart(7)} ${'incidents'.padStart(9)} ${'refused'.padStart(7)}\n`,
  );
  let nextReport = origin + reportMs;
  let refused = 0;
  let round = 0;
  try {
    for (let t = origin; t < origin + duration; t += INTERVAL_MS, round += 1) {
      if (minerEveryMs > 0 && (t - origin) % minerEveryMs < INTERVAL_MS && t - origin >= 3 * 60_000) {
        miners.push({ host: (miners.length * 37 + 11) % hosts, from: t, to: t + MINER_MS });
      }
      const deadline = performance.now() + INTERVAL_MS;
      for (const [path, contentType, bodies] of [
        ['/v1/metrics', 'application/json', roundBodies(t, origin, counters, miners)],
        ['/v1/events/falco', 'application/x-ndjson', alertBodies(t, miners, round)],
      ] as const) {
        if (bodies.length === 0) continue;
        const result = await postAll({
          url: `${service.otlpUrl}${path}`,
          contentType,
          bodies,
          concurrency: 2,
          deadline,
        });
        refused += result.errors;
        if (result.errors > 0) process.stderr.write(`round ${round}: ${result.errors} errors (${result.firstError})\n`);
      }
      if (Date.now() >= nextReport) {
        nextReport += reportMs;
        const metrics = await scrapeMetrics(service.apiUrl, '');
        const rss = rssBytes(service.pid);
        const lagMax = (metrics.get('nodejs_eventloop_lag_max_seconds') ?? 0) * 1000;
        const lagP99 = (metrics.get('nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000;
        rows.push({ at: Date.now() - origin, rss, lagMax, lagP99 });
        let evicted = 0;
        for (const [name, value] of metrics) if (name.startsWith('lockstep_engine_evictions_total')) evicted += value;
        let incidents = 0;
        for (const [name, value] of metrics)
          if (name.startsWith('lockstep_correlated_incidents_opened_total')) incidents += value;
        process.stdout.write(
          `${`${((Date.now() - origin) / 60_000).toFixed(1)}m`.padStart(8)} ${mib(rss).padStart(8)} ${lagP99.toFixed(1).padStart(11)} ${lagMax.toFixed(1).padStart(11)} ${String(metrics.get('lockstep_engine_hosts') ?? 0).padStart(6)} ${String(metrics.get('lockstep_engine_processes') ?? 0).padStart(6)} ${String(metrics.get('lockstep_engine_series') ?? 0).padStart(6)} ${String(evicted).padStart(7)} ${String(incidents).padStart(9)} ${String(refused).padStart(7)}\n`,
        );
      }
      // Real pace: the next scrape round ten seconds after this one started.
      await sleep(Math.max(0, t + INTERVAL_MS - Date.now()));
    }
    const quarter = Math.max(1, Math.floor(rows.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const first = mean(rows.slice(0, quarter).map((r) => r.rss));
    const last = mean(rows.slice(-quarter).map((r) => r.rss));
    process.stdout.write(
      `\nRSS first quarter ${mib(first)} MiB, last quarter ${mib(last)} MiB (x${(last / first).toFixed(2)}); `,
    );
    process.stdout.write(
      `worst event-loop delay p99 ${Math.max(0, ...rows.map((r) => r.lagP99)).toFixed(1)} ms, max ${Math.max(0, ...rows.map((r) => r.lagMax)).toFixed(1)} ms\n`,
    );
    const found = await incidentsNaming(service.apiUrl);
    const ended = miners.filter((m) => m.to + 3 * 60_000 <= origin + duration);
    for (const miner of miners) {
      const host = `soak-${String(miner.host).padStart(4, '0')}`;
      const named = found.some((i) => i.host === host && i.culprit === 'xmrig');
      process.stdout.write(
        `miner on ${host} at +${((miner.from - origin) / 60_000).toFixed(0)}m: ${named ? 'incident naming xmrig' : 'no incident naming it (yet)'}\n`,
      );
    }
    const missed = ended.filter(
      (m) => !found.some((i) => i.host === `soak-${String(m.host).padStart(4, '0')}` && i.culprit === 'xmrig'),
    );
    if (missed.length > 0 || refused > 0) process.exitCode = 1;
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
