import type { MetricSample } from '../model/samples';
import { Engine } from './engine';
import type { TimelineQuery } from './timeline';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const STEP = 10_000;
const FULL_ID = 'ab'.repeat(32);
const OTHER_ID = 'cd'.repeat(32);

function samplesAt(n: number): MetricSample[] {
  const time = T0 + n * STEP;
  return [
    { kind: 'host-cpu', host: 'web-1', time, utilization: 0.1 + n / 100, cpus: 4 },
    { kind: 'container-cpu', host: 'web-1', containerId: FULL_ID, time, cores: n, serviceName: 'checkout' },
    { kind: 'container-cpu', host: 'web-1', containerId: OTHER_ID, time, cores: 2 * n, serviceName: 'cart' },
    { kind: 'container-cpu', host: 'web-1', containerId: 'ef'.repeat(32), time, cores: 3, serviceName: 'cart' },
    { kind: 'latency', host: 'web-1', service: 'checkout', time, p95: 0.2, count: 10, containerId: FULL_ID },
  ];
}

function fedEngine(points: number): Engine {
  const engine = new Engine({ anomaly: () => undefined, incident: () => undefined });
  for (let n = 0; n < points; n++) for (const sample of samplesAt(n)) engine.ingest(sample);
  engine.flush();
  return engine;
}

describe('Engine.timeline', () => {
  const engine = fedEngine(10);

  it.each<[string, TimelineQuery, string, number]>([
    ['host CPU', { host: 'web-1', metric: 'cpu' }, '1', 0.19],
    ['container CPU by full id', { host: 'web-1', metric: 'cpu', container: FULL_ID }, 'cores', 9],
    ['container CPU by short id', { host: 'web-1', metric: 'cpu', container: FULL_ID.slice(0, 12) }, 'cores', 9],
    ['container CPU by its only service', { host: 'web-1', metric: 'cpu', service: 'checkout' }, 'cores', 9],
    ['service latency', { host: 'web-1', metric: 'latency', service: 'checkout' }, 's', 0.2],
  ])('finds %s', (_name, query, unit, lastValue) => {
    const timeline = engine.timeline(query);
    expect(timeline?.unit).toBe(unit);
    expect(timeline?.points).toHaveLength(10);
    expect(timeline?.points.at(-1)?.value).toBeCloseTo(lastValue);
    expect(timeline?.entity['host.name']).toBe('web-1');
  });

  it.each<[string, TimelineQuery]>([
    ['an unknown host', { host: 'web-9', metric: 'cpu' }],
    ['latency without a service', { host: 'web-1', metric: 'latency' }],
    ['a service with two containers', { host: 'web-1', metric: 'cpu', service: 'cart' }],
    [
      'a container that does not carry the service',
      { host: 'web-1', metric: 'cpu', container: OTHER_ID, service: 'checkout' },
    ],
    ['latency in another container', { host: 'web-1', metric: 'latency', service: 'checkout', container: OTHER_ID }],
  ])('returns undefined for %s', (_name, query) => {
    expect(engine.timeline(query)).toBeUndefined();
  });

  it('keeps points in [from, to), oldest first', () => {
    const timeline = engine.timeline({ host: 'web-1', metric: 'cpu' }, T0 + 2 * STEP, T0 + 5 * STEP);
    expect(timeline?.points.map((p) => p.time)).toEqual([T0 + 2 * STEP, T0 + 3 * STEP, T0 + 4 * STEP]);
  });

  it('returns a copy of the entity, so callers cannot change the engine', () => {
    const timeline = engine.timeline({ host: 'web-1', metric: 'cpu' });
    if (timeline) timeline.entity['host.name'] = 'changed';
    expect(engine.timeline({ host: 'web-1', metric: 'cpu' })?.entity['host.name']).toBe('web-1');
  });
});
