import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Anomaly, Incident, SignalRecord } from '@lockstep/contract';
import { Engine } from '../../engine/engine';
import type { MetricSample } from '../../model/samples';
import { anomaly, incident, iso, MINUTE, signal, T0 } from '../../exporters/store/__fixtures__/records';
import { SqliteStore } from '../../exporters/store/sqlite';
import { registerQueryApi } from '../register';

export { anomaly, incident, iso, MINUTE, signal, T0 };

export const CONTAINER = 'ab'.repeat(32);

/** Every data route, with the ids and parameters the fixtures below make valid (the OpenAPI document aside). */
export const DATA_PATHS = [
  '/api/v1/incidents',
  '/api/v1/incidents/i1',
  '/api/v1/anomalies',
  '/api/v1/signals',
  '/api/v1/timeline?host=web-1',
  '/api/v1/kpis',
  '/api/v1/entities?kind=hosts',
  '/api/v1/assets',
  '/api/v1/changes',
  '/api/v1/findings',
];
/** One CPU sample every SAMPLE_MS from T0 for an hour: what the timeline's series reads. */
export const SAMPLE_MS = 10_000;
export const SAMPLES = 360;

export interface Seed {
  incidents?: Incident[];
  anomalies?: Anomaly[];
  signals?: SignalRecord[];
}

export interface TestApi {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` of the listening app. */
  base: string;
  store: SqliteStore;
  engine: Engine;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** An engine that has seen an hour of host, container and latency samples on web-1 (values follow `n`). */
export function fedEngine(): Engine {
  const engine = new Engine({ anomaly: () => undefined, incident: () => undefined });
  for (let n = 0; n < SAMPLES; n++) {
    const time = T0 + n * SAMPLE_MS;
    const samples: MetricSample[] = [
      { kind: 'host-cpu', host: 'web-1', time, utilization: 0.2, cpus: 4 },
      { kind: 'container-cpu', host: 'web-1', containerId: CONTAINER, time, cores: 1, serviceName: 'checkout' },
      { kind: 'latency', host: 'web-1', service: 'checkout', time, p95: 0.25, count: 100 },
    ];
    for (const sample of samples) engine.ingest(sample);
  }
  engine.flush();
  return engine;
}

/** A fastify app with the query API over a real in-memory SQLite store, seeded, and a real engine. */
export async function testApi(seed: Seed = {}, token?: string): Promise<TestApi> {
  const store = new SqliteStore(':memory:');
  for (const a of seed.anomalies ?? []) store.putAnomaly(a, true);
  for (const i of seed.incidents ?? []) store.putIncident(i, true);
  store.putSignals(seed.signals ?? []);
  const engine = fedEngine();
  const app = Fastify({ logger: false });
  await registerQueryApi(app, { store, timeline: engine, token });
  // Real loopback HTTP rather than app.inject: light-my-request needs the ESM-only `cookie`, which jest on
  // Node 20 cannot require. Real requests also cover what a client really sends (encoding, methods).
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    base,
    store,
    engine,
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** GET a path with query parameters (encoded here, so tests read as plain values) and parse the JSON body. */
export function get(
  api: TestApi,
  path: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const qs = new URLSearchParams(query).toString();
  return send(api, 'GET', qs === '' ? path : `${path}?${qs}`, headers);
}

/** Any method on a raw path (already encoded, query string included). */
export async function send(
  api: TestApi,
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const response = await fetch(`${api.base}${rawPath}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: response.headers,
  };
}
