import { performance } from 'node:perf_hooks';
import type { IncidentStore } from '@lockstep/correlator';
import { FLEET_START, hostName, MONTH_MS, random, SERVICES } from './store-fleet';

const HOUR = 60 * 60 * 1000;
const range = { from: FLEET_START, to: FLEET_START + MONTH_MS };

/** The reads the dashboards make over the month, each with parameters that vary from run to run. */
export interface QuerySpec {
  name: string;
  run: (store: IncidentStore, rng: () => number) => Promise<unknown>;
}

const someHost = (rng: () => number, hosts: number): string => hostName(Math.floor(rng() * hosts));
const someService = (rng: () => number): string => `svc-${String(Math.floor(rng() * SERVICES)).padStart(3, '0')}`;

export function querySpecs(hosts: number): QuerySpec[] {
  return [
    {
      name: 'incident list, first page',
      run: async (store) => store.listIncidents({ ...range, limit: 100 }),
    },
    {
      name: 'incident list, second page',
      run: async (store) => {
        const first = await store.listIncidents({ ...range, limit: 100 });
        return store.listIncidents({ ...range, limit: 100, cursor: first.next });
      },
    },
    {
      name: 'filtered page: one host',
      run: async (store, rng) => store.listIncidents({ ...range, limit: 100, host: someHost(rng, hosts) }),
    },
    {
      name: 'filtered page: critical, correlated',
      run: async (store) => store.listIncidents({ ...range, limit: 100, severity: 'critical', minScore: 0.5 }),
    },
    {
      name: 'filtered page: one service, open',
      run: async (store, rng) =>
        store.listIncidents({ ...range, limit: 100, service: someService(rng), status: 'open' }),
    },
    {
      name: 'KPIs, month, hourly',
      run: async (store) => store.kpis({ ...range, stepMs: HOUR }),
    },
    {
      name: 'KPIs, month, one service',
      run: async (store, rng) => store.kpis({ ...range, stepMs: HOUR, service: someService(rng) }),
    },
    {
      name: 'KPIs, last day',
      run: async (store) => store.kpis({ from: range.to - 24 * HOUR, to: range.to, stepMs: HOUR / 4 }),
    },
  ];
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

/** `runs` timed calls after `warmup` untimed ones (caches, plans), in ms. */
export async function time(spec: QuerySpec, store: IncidentStore, runs: number, warmup = 3): Promise<Timing> {
  const rng = random(7);
  for (let i = 0; i < warmup; i++) await spec.run(store, rng);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await spec.run(store, rng);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: samples.at(-1) ?? 0 };
}
