import { decodeOtlpLogs } from './logs/decoder';
import { OtlpMetricsDecoder } from './metrics/decoder';
import type { Json } from './__fixtures__/builders';
import {
  cpuTimePoints,
  exponentialHistogram,
  exponentialPoint,
  gauge,
  histogram,
  histogramPoint,
  logRecord,
  logsRequest,
  metricsRequest,
  numberPoint,
  processCpuTime,
  processResource,
  resourceMetrics,
  sum,
  T0,
} from './__fixtures__/builders';

/** A valid request touching every decoder path, to mutate. */
function richMetrics(step = 0): Json {
  const time = T0 + step * 10_000;
  return metricsRequest(
    resourceMetrics({ 'host.name': 'h' }, [
      sum('system.cpu.time', cpuTimePoints(time, { cpu0: { user: step, idle: 2 * step } })),
      gauge('system.cpu.utilization', [numberPoint({ time, value: 0.5, attributes: { cpu: 'cpu0', state: 'user' } })]),
    ]),
    resourceMetrics(processResource(9, 'x'), [processCpuTime(time, T0 - 1000, { user: step })]),
    resourceMetrics({ 'service.name': 's', 'container.id': 'a'.repeat(64) }, [
      histogram('http.server.request.duration', [
        histogramPoint({ time, start: T0 - 1, bounds: [1, 2], counts: [step, 2 * step, 3 * step] }),
      ]),
      exponentialHistogram('http.server.duration', [
        exponentialPoint({ time, start: T0 - 1, scale: 2, offset: 3, counts: [step, 2 * step] }),
      ]),
      gauge('container.cpu.utilization', [numberPoint({ time, value: 0.5 })]),
    ]),
  );
}

/** Deterministic pseudo-random numbers (a linear congruential generator) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const JUNK: unknown[] = [
  null,
  -1,
  'NaN',
  '',
  'x'.repeat(10_000),
  [],
  {},
  [[[]]],
  true,
  1e308,
  '-5',
  { __proto__: null },
];

/** Replaces one random node of a JSON tree with junk. */
function mutate(tree: unknown, next: () => number): unknown {
  if (typeof tree !== 'object' || tree === null || next() < 0.15) return JUNK[Math.floor(next() * JUNK.length)];
  if (Array.isArray(tree)) {
    const copy = tree.slice();
    if (copy.length > 0) {
      const i = Math.floor(next() * copy.length);
      copy[i] = mutate(copy[i], next);
    }
    return copy;
  }
  const copy: Json = { ...(tree as Json) };
  const keys = Object.keys(copy);
  const key = keys[Math.floor(next() * keys.length)];
  if (key !== undefined) copy[key] = mutate(copy[key], next);
  return copy;
}

describe('hostile input', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'resourceMetrics'],
    ['an array', [richMetrics()]],
    ['resourceMetrics of junk entries', { resourceMetrics: [null, 1, 'x', [], { scopeMetrics: 'x' }] }],
    [
      'metrics with junk names and bodies',
      { resourceMetrics: [{ scopeMetrics: [{ metrics: [1, { name: 5 }, { name: 'process.cpu.time', sum: 'x' }] }] }] },
    ],
    ['an interesting metric without data', metricsRequest(resourceMetrics({}, [{ name: 'system.cpu.time' }]))],
    [
      'dataPoints that is an object',
      metricsRequest(
        resourceMetrics({}, [{ name: 'system.cpu.time', sum: { dataPoints: {}, aggregationTemporality: 2 } }]),
      ),
    ],
  ])('metrics decoding survives %s and reports it', (_label, request) => {
    const result = new OtlpMetricsDecoder().decode(request);
    expect(result.samples).toEqual([]);
    expect(result.rejectedDataPoints).toBeGreaterThan(0);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('never throws on hundreds of random mutations of a valid request, and never emits a non-finite value', () => {
    const next = random(7);
    const metrics = new OtlpMetricsDecoder();
    let emitted = 0;
    for (let i = 0; i < 500; i++) {
      const result = metrics.decode(mutate(mutate(richMetrics(i), next), next));
      emitted += result.samples.length;
      for (const sample of result.samples) {
        const values = Object.values(sample).filter((v) => typeof v === 'number');
        expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
      expect(result.errors.length).toBeLessThanOrEqual(5);
      expect(() =>
        decodeOtlpLogs(
          mutate(logsRequest({ 'host.name': 'h' }, [logRecord({ time: T0, attributes: { 'event.name': 'e' } })]), next),
        ),
      ).not.toThrow();
    }
    // Most mutations leave most of the request intact: the check above saw real samples.
    expect(emitted).toBeGreaterThan(500);
  });

  it('treats __proto__ keys as data and pollutes nothing', () => {
    const text = JSON.stringify(richMetrics()).replace(
      '"resourceMetrics"',
      '"__proto__":{"polluted":true},"resourceMetrics"',
    );
    const request: unknown = JSON.parse(text);
    const result = new OtlpMetricsDecoder().decode(request);
    expect(result.rejectedDataPoints).toBe(0);
    const logs = JSON.parse(
      '{"__proto__":{"resourceLogs":[]},"resourceLogs":[{"scopeLogs":[{"logRecords":[{"__proto__":{"x":1}}]}]}]}',
    );
    expect(decodeOtlpLogs(logs)).toMatchObject({ skipped: 1, rejected: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ignores deeply nested junk in attribute values without recursing into it', () => {
    const deep = JSON.parse(`${'{"arrayValue":{"values":['.repeat(5000)}${']}}'.repeat(5000)}`);
    const request = metricsRequest(
      resourceMetrics({ 'service.name': 's' }, [
        histogram(
          'http.server.request.duration',
          [{ ...histogramPoint({ time: T0, bounds: [1], counts: [1, 0] }), attributes: [{ key: 'k', value: deep }] }],
          1,
        ),
      ]),
    );
    (request.resourceMetrics as Json[])[0] = {
      ...(request.resourceMetrics as Json[])[0],
      resource: { attributes: [{ key: 'process.command_args', value: deep }] },
    };
    expect(new OtlpMetricsDecoder().decode(request).samples).toHaveLength(1);
  });

  it('refuses huge bucket arrays and walks huge attribute lists only up to the limit', () => {
    const hugeBuckets = {
      ...histogramPoint({ time: T0, bounds: [], counts: [] }),
      bucketCounts: new Array(100_000).fill('1'),
      explicitBounds: new Array(99_999).fill(1),
    };
    const hugeAttributes = numberPoint({ time: T0, value: 0.5, attributes: { cpu: 'cpu0', state: 'user' } });
    hugeAttributes.attributes = [
      ...new Array(200_000).fill({ key: 'junk', value: { stringValue: 'x' } }),
      ...(hugeAttributes.attributes as Json[]),
    ];
    const request = metricsRequest(
      resourceMetrics({ 'service.name': 's' }, [histogram('http.server.request.duration', [hugeBuckets], 1)]),
      resourceMetrics({ 'host.name': 'h' }, [gauge('system.cpu.utilization', [hugeAttributes])]),
    );
    const started = Date.now();
    const result = new OtlpMetricsDecoder().decode(request);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.errors).toContain('http.server.request.duration: a data point has more than 4096 buckets');
    // The cpu attributes sit past the scan limit: the point reads as one host-wide value.
    expect(result.samples).toMatchObject([{ kind: 'host-cpu', cpus: 1 }]);
  });

  it('keeps strings from outside capped', () => {
    const long = 'a'.repeat(1_000_000);
    const request = logsRequest({ 'host.name': long, 'process.command_line': long, 'process.pid': 1 }, [
      logRecord({ time: T0, attributes: { 'security_rule.name': long, 'security_rule.category': long } }),
    ]);
    const [signal] = decodeOtlpLogs(request).signals;
    expect(JSON.stringify(signal).length).toBeLessThan(20_000);
  });

  it('treats strings where numbers belong as rejected points', () => {
    const point = {
      ...numberPoint({ time: T0, value: 1, attributes: { cpu: 'cpu0', state: 'user' } }),
      asDouble: 'lots',
    };
    const result = new OtlpMetricsDecoder().decode(
      metricsRequest(resourceMetrics({}, [sum('system.cpu.time', [point])])),
    );
    expect(result).toMatchObject({ samples: [], rejectedDataPoints: 1 });
  });
});
