import path from 'node:path';
import Fastify from 'fastify';
import type { Observation } from '../../engine/engine';
import { FileSource } from '../../replay/sources';
import { Pipeline } from '../../service/pipeline/pipeline';
import { SqliteStore } from '../../exporters/store/sqlite';
import { incident, signal } from '../../exporters/store/__fixtures__/records';
import { registerQueryApi } from '../register';
import type { TestApi } from './app';

/** The repository's example: a miner on api-8 starves the payments service; Falco sees its pool connection. */
const EXAMPLE = path.resolve(__dirname, '../../../../../examples/cryptominer');
export const SCENARIO_HOST = 'api-8';
export const SCENARIO_CONTAINER = 'c0ffee'.repeat(10) + 'c0ff';

async function observations(): Promise<Observation[]> {
  const all: Observation[] = [];
  for (const file of ['metrics.jsonl', 'falco.jsonl']) {
    const source = await FileSource.open(path.join(EXAMPLE, file));
    for await (const batch of source.batches()) all.push(...batch);
  }
  // One stream in time order, as `lockstep replay` merges its files.
  return all.sort((a, b) => a.time - b.time);
}

/**
 * The query API over what the live path (receivers → pipeline → store) makes of the example, plus records the
 * example lacks (a resolved incident in a container of another host, a folded burst of alerts, a deploy and a
 * firewall change left open on that host, a host only security sees), so that answers show every shape a client
 * meets.
 */
export async function scenarioApi(token?: string): Promise<TestApi> {
  const store = new SqliteStore(':memory:');
  const pipeline = new Pipeline(store, { engine: {}, idleAdvanceMs: 0, getNow: () => 0 });
  const input = await observations();
  pipeline.ingest(input);
  pipeline.engine.advance(input.at(-1)?.time ?? 0);
  pipeline.tick();
  await pipeline.writer.written();

  const start = Date.parse('2026-04-23T09:30:00.000Z');
  const at = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();
  const entity = { 'host.name': 'web-1', 'container.id': SCENARIO_CONTAINER, 'service.name': 'checkout' };
  store.putIncident(
    incident({
      id: 'inc_resolved_web1',
      entity,
      start: at(0),
      end: at(12),
      score: 0.7,
      severity: 'medium',
      culprit: { 'process.pid': 811, 'process.executable.name': 'gzip', 'container.id': SCENARIO_CONTAINER },
      signals: [{ source: 'tetragon', rule: 'process_exec', severity: 'medium', time: at(1), match: 'container' }],
      summary: { ops: 'CPU rose on web-1.', security: 'A shell ran gzip.', business: 'Checkout slowed.' },
    }),
    true,
  );
  store.putSignals([
    signal({
      id: 'sig_burst_web1',
      source: 'auth',
      rule: 'sshd: Failed password',
      severity: 'low',
      time: at(2),
      last_time: at(5),
      count: 14,
      entity: { 'host.name': 'web-1' },
      output: 'Failed password for root from 203.0.113.7 port 52144 ssh2',
    }),
  ]);
  store.noteEntities([
    { host: 'web-1', container: SCENARIO_CONTAINER, service: 'checkout', kind: 'metrics', time: start },
    // A machine only security sees: the inventory's unmanaged asset.
    { host: 'zombie-3', kind: 'signals', time: start },
  ]);
  const firewall = {
    id: 'fw-8080',
    time: at(-120),
    kind: 'firewall',
    summary: 'iptables -A INPUT -p tcp --dport 8080 -j ACCEPT',
    source: 'change' as const,
    actor: 'alice',
    entity: { 'host.name': 'web-1' },
    temporary: true,
  };
  store.putChanges([
    {
      id: 'deploy-checkout-2.0.1',
      time: at(-5),
      kind: 'deploy',
      summary: 'checkout 2.0.1',
      source: 'change',
      actor: 'ci-bot',
      entity: { 'host.name': 'web-1', 'service.name': 'checkout' },
    },
    firewall,
  ]);
  store.putFinding({
    type: 'finding',
    id: 'fnd_fw8080',
    kind: 'temporary-change',
    status: 'open',
    asset: { kind: 'host', name: 'web-1' },
    change: firewall,
    opened: at(120),
    closed: null,
    window_ms: 4 * 3_600_000,
    summary:
      'The firewall change “iptables -A INPUT -p tcp --dport 8080 -j ACCEPT” by alice on web-1 is still open after 4.0 h.',
  });

  const app = Fastify({ logger: false });
  await registerQueryApi(app, { store, timeline: pipeline.engine, token });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    base,
    store,
    engine: pipeline.engine,
    async close() {
      await app.close();
      store.close();
    },
  };
}
