import { Registry } from 'prom-client';
import { incident } from '../store/__fixtures__/records';
import { CorrelationMetrics, OTHER_HOST } from './correlation-metrics';
import { checkExposition } from './__fixtures__/exposition-check';
import { Engine } from '../../engine/engine';
import { EVICTION_KINDS } from '../../engine/limits';
import { IngestMetrics } from './ingest-metrics';

const HOSTILE = [
  'web"1',
  'back\\slash',
  'new\nline} 1\nlockstep_forged 1',
  '<script>alert(1)</script>',
  '\u001b[31mred',
  'ünïcødé',
  '',
];

function scoreLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('lockstep_incident_score_max{'));
}

test('hostile host names are escaped and the exposition passes promtool and the strict parser', async () => {
  const registry = new Registry();
  const metrics = new CorrelationMetrics(registry, 100);
  HOSTILE.forEach((host, i) =>
    metrics.incident(incident({ id: `i${i}`, status: 'open', entity: { 'host.name': host }, score: 0.7 }), false),
  );
  const text = await registry.metrics();
  expect(checkExposition(text)).toEqual([]);
  expect(text).not.toMatch(/^lockstep_forged/m);
  expect(text).toContain('host="web\\"1"');
  expect(text).toContain('host="new\\nline} 1\\nlockstep_forged 1"');
  expect(scoreLines(text)).toHaveLength(HOSTILE.length);
  expect(text).toMatch(/^lockstep_incidents_open\{severity="high"\} 7$/m);
});

test('100k distinct hosts give at most max_host_series + 1 per-host series, the highest scores named', async () => {
  const registry = new Registry();
  const metrics = new CorrelationMetrics(registry, 50);
  for (let i = 0; i < 100_000; i++) {
    const score = i === 99_999 ? 0.99 : 0.5 + (i % 1000) / 10_000;
    metrics.incident(incident({ id: `i${i}`, status: 'open', entity: { 'host.name': `h-${i}"\n` }, score }), false);
  }
  const text = await registry.metrics();
  const lines = scoreLines(text);
  expect(lines).toHaveLength(51);
  expect(lines).toContain(`lockstep_incident_score_max{host="${OTHER_HOST}"} 0.5999`);
  expect(lines).toContain('lockstep_incident_score_max{host="h-99999\\"\\n"} 0.99');
  expect(checkExposition(text)).toEqual([]);
});

test('resolved incidents leave the open gauges; correlated openings are counted once', async () => {
  const registry = new Registry();
  const metrics = new CorrelationMetrics(registry, 10);
  const open = incident({ id: 'a', status: 'open', score: 0.8, severity: 'critical' });
  metrics.incident(open, false);
  metrics.incident({ ...open, score: 0.85 }, false);
  metrics.incident(incident({ id: 'b', status: 'open', score: 0.3, severity: 'low' }), false);
  let text = await registry.metrics();
  expect(text).toMatch(/^lockstep_incidents_open\{severity="critical"\} 1$/m);
  expect(text).toMatch(/^lockstep_incidents_open\{severity="low"\} 0$/m);
  expect(text).toMatch(/^lockstep_correlated_incidents_opened_total\{severity="critical"\} 1$/m);
  metrics.incident({ ...open, status: 'resolved' }, true);
  text = await registry.metrics();
  expect(text).toMatch(/^lockstep_incidents_open\{severity="critical"\} 0$/m);
  expect(scoreLines(text)).toEqual(['lockstep_incident_score_max{host="web-1"} 0.3']);
});

test('the strict parser refuses what promtool would refuse', () => {
  expect(checkExposition('# TYPE a gauge\na{host="x\ny"} 1\n')).not.toEqual([]);
  expect(checkExposition('a 1\n')).not.toEqual([]);
});

test('engine evictions are a counter with a fixed label set, moved on at each scrape', async () => {
  const registry = new Registry();
  const engine = new Engine(
    { anomaly: () => undefined, incident: () => undefined },
    { maxHosts: 2, allowedLatenessMs: 0 },
  );
  new IngestMetrics(registry, engine, () => undefined);
  const evictions = (text: string) =>
    text.split('\n').filter((line) => line.startsWith('lockstep_engine_evictions_total{'));
  expect(evictions(await registry.metrics())).toEqual(
    EVICTION_KINDS.map((kind) => `lockstep_engine_evictions_total{kind="${kind}"} 0`),
  );
  const time = Date.parse('2026-11-23T03:00:00Z');
  for (const host of ['a', 'b', 'c', 'd']) engine.ingest({ kind: 'host-cpu', host, time, utilization: 0.1, cpus: 2 });
  const text = await registry.metrics();
  expect(text).toMatch(/^lockstep_engine_evictions_total\{kind="host"\} 2$/m);
  expect(text).toMatch(/^lockstep_engine_evictions_total\{kind="series"\} 2$/m);
  expect(await registry.metrics()).toMatch(/^lockstep_engine_evictions_total\{kind="host"\} 2$/m);
  expect(checkExposition(text)).toEqual([]);
});
