import type { Incident, IncidentSeverity } from '@lockstep/contract';

/**
 * A month of incidents from a fleet, for the store benchmark: `hosts` hosts (70 % of them run one of 200 services,
 * 30 % of incidents are in a container), incident starts spread over 30 days, durations from one minute to two hours
 * (most short), scores uniform in [0.1, 1) with severity following the score, the incidents of the last two hours
 * half still open. Bodies are the contract's shape with sentences of realistic length. Deterministic for a seed.
 */
export const MONTH_MS = 30 * 24 * 60 * 60 * 1000;
export const FLEET_START = Date.UTC(2026, 0, 1);
export const SERVICES = 200;

export interface FleetShape {
  incidents: number;
  hosts: number;
  seed?: number;
}

/** mulberry32: small, fast, good enough to spread a benchmark's rows. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const hostName = (n: number): string => `host-${String(n).padStart(5, '0')}`;
/** The service a host runs, or undefined for the 30 % that run none. */
export const serviceOf = (host: number): string | undefined =>
  host % 10 < 7 ? `svc-${String(host % SERVICES).padStart(3, '0')}` : undefined;

const hex = (rng: () => number, length: number): string =>
  Array.from({ length }, () => Math.floor(rng() * 16).toString(16)).join('');

function severityOf(score: number): IncidentSeverity {
  if (score >= 0.9) return 'critical';
  if (score >= 0.7) return 'high';
  if (score >= 0.5) return 'medium';
  return 'low';
}

/** Incidents `from` .. `to - 1` of the fleet, in chunks of `chunk`, generated as they are asked for. */
export function* fleetIncidents(shape: FleetShape, chunk: number): Generator<Incident[]> {
  const rng = random(shape.seed ?? 42);
  const end = FLEET_START + MONTH_MS;
  let batch: Incident[] = [];
  for (let i = 0; i < shape.incidents; i++) {
    const host = Math.floor(rng() * shape.hosts);
    const start = FLEET_START + Math.floor(rng() * MONTH_MS);
    const duration = Math.min(2 * 60 * 60_000, Math.floor(60_000 * Math.exp(rng() * 4.8)));
    const open = start > end - 2 * 60 * 60_000 && rng() < 0.5;
    const score = Math.round((0.1 + rng() * 0.9) * 100) / 100;
    const service = serviceOf(host);
    const container = rng() < 0.3 ? hex(rng, 64) : undefined;
    const pid = 1000 + Math.floor(rng() * 60000);
    const name = hostName(host);
    const entity: Incident['entity'] = { 'host.name': name };
    if (container !== undefined) entity['container.id'] = container;
    if (service !== undefined) entity['service.name'] = service;
    batch.push({
      type: 'incident',
      id: `inc_${hex(rng, 16)}`,
      status: open ? 'open' : 'resolved',
      entity,
      start: new Date(start).toISOString(),
      end: open ? null : new Date(Math.min(start + duration, end - 1)).toISOString(),
      anomalies: [`an_${hex(rng, 16)}`],
      score,
      severity: severityOf(score),
      culprit: {
        'process.pid': pid,
        'process.executable.name': 'xmrig',
        'process.executable.path': '/tmp/.x/xmrig',
        'process.command_line': '/tmp/.x/xmrig -o pool.example:3333 --donate-level 1',
        'process.owner': 'www-data',
      },
      signals: [
        {
          source: 'falco',
          rule: 'Detect crypto miners using the Stratum protocol',
          severity: 'critical',
          time: new Date(start + 30_000).toISOString(),
          process: { 'process.pid': pid, 'process.executable.name': 'xmrig' },
        },
      ],
      summary: {
        ops: `On ${name}, CPU rose from 12% to 96% at 03:14 UTC (lasted 14 min); xmrig (pid ${pid}) accounts for 88% of the rise.`,
        security: `falco “Detect crypto miners using the Stratum protocol” (critical) ties xmrig (pid ${pid}), user www-data, /tmp/.x/xmrig, to the spike.`,
        business: `Likely cryptomining on ${name} for 14 min: someone else is spending this machine’s compute.`,
      },
    });
    if (batch.length === chunk) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
