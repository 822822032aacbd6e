import type { LatencySample, MetricSample } from '../../../model/samples';
import { OtlpMetricsDecoder } from './decoder';
import type { ExponentialPointSpec, Json } from '../__fixtures__/builders';
import {
  DELTA,
  exponentialHistogram,
  exponentialPoint,
  histogram,
  histogramPoint,
  metricsRequest,
  nanos,
  resourceMetrics,
  SECOND,
  T0,
} from '../__fixtures__/builders';

const SERVICE = { 'host.name': 'web-01', 'service.name': 'checkout', 'container.id': 'a'.repeat(64) };
const STABLE = 'http.server.request.duration';
const OLD = 'http.server.duration';
const INTERVAL = 10 * SECOND;
const BOUNDS = [0.1, 0.2, 0.5, 1];

function latency(samples: MetricSample[]): LatencySample[] {
  return samples.filter((s): s is LatencySample => s.kind === 'latency');
}

function decodeOnce(metric: Json): ReturnType<OtlpMetricsDecoder['decode']> {
  return new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(SERVICE, [metric])));
}

describe('latency from explicit-bucket histograms', () => {
  it('differences cumulative points and interpolates p50 and p95 inside the buckets', () => {
    const decoder = new OtlpMetricsDecoder();
    const at = (time: number, counts: number[]): Json =>
      metricsRequest(
        resourceMetrics(SERVICE, [
          histogram(STABLE, [histogramPoint({ time, start: T0 - 1, bounds: BOUNDS, counts })]),
        ]),
      );
    expect(decoder.decode(at(T0, [5, 5, 5, 5, 0])).samples).toEqual([]);
    const [sample] = latency(decoder.decode(at(T0 + INTERVAL, [15, 25, 65, 15, 0])).samples);
    // The interval saw 10, 20, 60, 10, 0: rank 50 is 20/60 into (0.2, 0.5], rank 95 halfway into (0.5, 1].
    expect(sample).toMatchObject({
      kind: 'latency',
      host: 'web-01',
      service: 'checkout',
      time: T0 + INTERVAL,
      count: 100,
    });
    expect(sample?.containerId).toBe('a'.repeat(64));
    expect(sample?.p50).toBeCloseTo(0.3, 9);
    expect(sample?.p95).toBeCloseTo(0.75, 9);
  });

  it.each([
    ['stable name in seconds', STABLE, 's', [0.1, 0.2, 0.5, 1]],
    ['old name in milliseconds', OLD, 'ms', [100, 200, 500, 1000]],
    ['old name without a unit (milliseconds by convention)', OLD, '', [100, 200, 500, 1000]],
    ['stable name without a unit (seconds by convention)', STABLE, '', [0.1, 0.2, 0.5, 1]],
  ])('reads the %s', (_label, name, unit, bounds) => {
    const point = histogramPoint({ time: T0 + INTERVAL, start: T0, bounds, counts: [10, 20, 60, 10, 0] });
    const [sample] = latency(decodeOnce(histogram(name, [point], DELTA, unit)).samples);
    expect(sample?.p50).toBeCloseTo(0.3, 9);
    expect(sample?.p95).toBeCloseTo(0.75, 9);
  });

  it('rejects a unit that is not a time', () => {
    const point = histogramPoint({ time: T0, bounds: BOUNDS, counts: [1, 1, 1, 1, 1] });
    const result = decodeOnce(histogram(STABLE, [point], DELTA, 'By'));
    expect(result.samples).toEqual([]);
    expect(result.errors).toEqual(['http.server.request.duration: unit "By" is not a time unit (expected s or ms)']);
  });

  it('reports the overflow bucket at the highest bound and starts the first bucket at zero', () => {
    const [low] = latency(
      decodeOnce(histogram(STABLE, [histogramPoint({ time: T0, bounds: [1], counts: [2, 0] })], DELTA)).samples,
    );
    expect(low?.p50).toBeCloseTo(0.5, 9);
    const [high] = latency(
      decodeOnce(histogram(STABLE, [histogramPoint({ time: T0, bounds: [1], counts: [0, 5] })], DELTA)).samples,
    );
    expect(high?.p95).toBe(1);
  });

  it('merges the attribute sets of one service at one timestamp into one sample', () => {
    const point = (route: string, counts: number[]): Json =>
      histogramPoint({
        time: T0,
        bounds: BOUNDS,
        counts,
        attributes: { 'http.route': route, 'http.request.method': 'GET' },
      });
    const result = decodeOnce(
      histogram(STABLE, [point('/cart', [10, 20, 0, 0, 0]), point('/pay', [0, 0, 60, 10, 0])], DELTA),
    );
    const samples = latency(result.samples);
    expect(samples).toHaveLength(1);
    expect(samples[0]?.count).toBe(100);
    expect(samples[0]?.p50).toBeCloseTo(0.3, 9);
  });

  it('keeps series apart per attribute set and survives a reset of one of them', () => {
    const decoder = new OtlpMetricsDecoder();
    const at = (time: number, cart: number, pay: number): Json =>
      metricsRequest(
        resourceMetrics(SERVICE, [
          histogram(STABLE, [
            histogramPoint({
              time,
              start: T0 - 1,
              bounds: BOUNDS,
              counts: [cart, 0, 0, 0, 0],
              attributes: { 'http.route': '/cart' },
            }),
            histogramPoint({
              time,
              start: T0 - 1,
              bounds: BOUNDS,
              counts: [0, 0, pay, 0, 0],
              attributes: { 'http.route': '/pay' },
            }),
          ]),
        ]),
      );
    decoder.decode(at(T0, 100, 100));
    const [sample] = latency(decoder.decode(at(T0 + INTERVAL, 110, 5)).samples); // /pay restarted: 5 < 100
    expect(sample?.count).toBe(10);
    expect(sample?.p95).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ['bounds changed', { bounds: [0.1, 0.3, 0.5, 1], counts: [20, 20, 20, 20, 0] }],
    ['a bucket went down', { bounds: BOUNDS, counts: [20, 1, 20, 20, 0] }],
  ])('treats %s as a reset, not a negative count', (_label, next) => {
    const decoder = new OtlpMetricsDecoder();
    const at = (time: number, spec: { bounds: number[]; counts: number[] }): Json =>
      metricsRequest(resourceMetrics(SERVICE, [histogram(STABLE, [histogramPoint({ time, start: T0 - 1, ...spec })])]));
    decoder.decode(at(T0, { bounds: BOUNDS, counts: [10, 10, 10, 10, 0] }));
    expect(decoder.decode(at(T0 + INTERVAL, next)).samples).toEqual([]);
    const [after] = latency(
      decoder.decode(at(T0 + 2 * INTERVAL, { bounds: next.bounds, counts: next.counts.map((c) => c + 1) })).samples,
    );
    expect(after?.count).toBe(5);
  });

  it('skips intervals with no requests', () => {
    const decoder = new OtlpMetricsDecoder();
    const at = (time: number): Json =>
      metricsRequest(
        resourceMetrics(SERVICE, [
          histogram(STABLE, [histogramPoint({ time, start: T0 - 1, bounds: BOUNDS, counts: [3, 0, 0, 0, 0] })]),
        ]),
      );
    decoder.decode(at(T0));
    expect(decoder.decode(at(T0 + INTERVAL))).toMatchObject({ samples: [], rejectedDataPoints: 0 });
  });

  it('keeps the stable metric when an instrumentation sends both names for the same requests', () => {
    const stable = histogram(STABLE, [histogramPoint({ time: T0, bounds: BOUNDS, counts: [0, 0, 10, 0, 0] })], DELTA);
    const old = histogram(
      OLD,
      [histogramPoint({ time: T0, bounds: [100, 200, 500, 1000], counts: [0, 0, 10, 0, 0] })],
      DELTA,
      'ms',
    );
    const samples = latency(
      new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(SERVICE, [old, stable]))).samples,
    );
    expect(samples).toHaveLength(1);
    expect(samples[0]?.count).toBe(10);
  });

  it('rejects malformed histogram points with a sentence naming the field', () => {
    const good = histogramPoint({ time: T0, bounds: BOUNDS, counts: [1, 1, 1, 1, 1] });
    const cases: Json[] = [
      { ...good, bucketCounts: ['1', '2'] },
      { ...good, explicitBounds: [0.5, 0.1, 0.2, 1] },
      { ...good, bucketCounts: ['1', '-1', '1', '1', '1'] },
      { ...good, explicitBounds: [0.1, 'Infinity', 0.5, 1] },
    ];
    const result = decodeOnce(histogram(STABLE, cases, DELTA));
    expect(result.rejectedDataPoints).toBe(4);
    expect(result.errors).toEqual([
      'http.server.request.duration: a data point has bucketCounts that is not one longer than explicitBounds',
      'http.server.request.duration: a data point has explicitBounds that are not strictly increasing',
      'http.server.request.duration: a data point has a bucket count that is not a non-negative integer',
      'http.server.request.duration: a data point has an explicit bound that is not a finite number',
    ]);
  });

  it('counts Summary points and bucketless histograms as unsupported, not as errors', () => {
    const summary = {
      name: STABLE,
      unit: 's',
      summary: { dataPoints: [{ timeUnixNano: nanos(T0), count: '3', sum: 1 }] },
    };
    const bucketless = histogram(STABLE, [{ timeUnixNano: nanos(T0), count: '3', sum: 1 }], DELTA);
    const result = new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(SERVICE, [summary, bucketless])));
    expect(result).toMatchObject({ samples: [], rejectedDataPoints: 0, unsupportedDataPoints: 2, errors: [] });
  });
});

describe('latency from exponential histograms', () => {
  const expSample = (spec: Omit<ExponentialPointSpec, 'time'>): LatencySample | undefined =>
    latency(decodeOnce(exponentialHistogram(STABLE, [exponentialPoint({ time: T0, ...spec })], DELTA)).samples)[0];

  it.each([
    // scale 0: base 2, bucket 0 = (1, 2], bucket 1 = (2, 4].
    ['scale 0', { scale: 0, offset: 0, counts: [10, 10] }, 2, 2 + 2 * 0.9],
    // scale 3: base 2^(1/8), bucket 8 = (2, 2^(9/8)].
    ['scale 3', { scale: 3, offset: 8, counts: [4] }, 2 + (2 ** (9 / 8) - 2) * 0.5, 2 + (2 ** (9 / 8) - 2) * 0.95],
    // scale -1: base 4, bucket -1 = (0.25, 1], bucket 0 = (1, 4].
    ['scale -1', { scale: -1, offset: -1, counts: [10, 10] }, 1, 1 + 3 * 0.9],
    // 10 exact zeros, then 10 in (1, 2].
    ['zero_count', { scale: 0, offset: 0, counts: [10], zeroCount: 10 }, 0, 1 + 0.9],
    // A zero bucket with a threshold spans [0, threshold].
    [
      'zero_count with a threshold',
      { scale: 0, offset: 0, counts: [0], zeroCount: 10, zeroThreshold: 0.5 },
      0.25,
      0.475,
    ],
  ])('bucket boundaries at %s', (_label, spec, p50, p95) => {
    const sample = expSample(spec);
    expect(sample?.p50).toBeCloseTo(p50, 9);
    expect(sample?.p95).toBeCloseTo(p95, 9);
  });

  it('differences cumulative points across a downscale by the SDK', () => {
    const decoder = new OtlpMetricsDecoder();
    const at = (time: number, spec: Omit<ExponentialPointSpec, 'time'>): Json =>
      metricsRequest(
        resourceMetrics(SERVICE, [exponentialHistogram(STABLE, [exponentialPoint({ time, start: T0 - 1, ...spec })])]),
      );
    // Scale 1 buckets 0 and 1 are (1, 2^0.5] and (2^0.5, 2]; at scale 0 both fold into bucket 0 = (1, 2].
    decoder.decode(at(T0, { scale: 1, offset: 0, counts: [2, 2] }));
    const [sample] = latency(decoder.decode(at(T0 + INTERVAL, { scale: 0, offset: 0, counts: [10] })).samples);
    expect(sample?.count).toBe(6);
    expect(sample?.p50).toBeCloseTo(1.5, 9);
  });

  it('merges attribute sets recorded at different scales', () => {
    const points = [
      exponentialPoint({ time: T0, scale: 1, offset: 0, counts: [5, 5], attributes: { 'http.route': '/a' } }),
      exponentialPoint({ time: T0, scale: 0, offset: 1, counts: [10], attributes: { 'http.route': '/b' } }),
    ];
    const [sample] = latency(decodeOnce(exponentialHistogram(STABLE, points, DELTA)).samples);
    // 10 in (1, 2] and 10 in (2, 4]: the median sits at 2.
    expect(sample?.count).toBe(20);
    expect(sample?.p50).toBeCloseTo(2, 9);
  });

  it('merges attribute sets whose buckets lie far apart at a coarser scale, keeping every count', () => {
    const points = [
      exponentialPoint({ time: T0, scale: 10, offset: 0, counts: [10], attributes: { 'http.route': '/fast' } }),
      exponentialPoint({ time: T0, scale: 10, offset: 20 * 1024, counts: [10], attributes: { 'http.route': '/slow' } }),
    ];
    const [sample] = latency(decodeOnce(exponentialHistogram(STABLE, points, DELTA)).samples);
    expect(sample?.count).toBe(20);
    // One scale step coarser: the fast bucket is (1, 2^(1/512)], the slow one starts at 2^20 s.
    expect(sample?.p50).toBeCloseTo(2 ** (1 / 512), 9);
    expect(sample?.p95).toBeGreaterThan(2 ** 20);
    expect(sample?.p95).toBeLessThan(2 ** (20 + 1 / 512));
  });

  it.each([
    ['negative buckets with counts', { negative: { offset: 0, bucketCounts: ['1'] } }, /duration is never negative/],
    ['a scale beyond the data model', { scale: 21 }, /scale outside -10\.\.20/],
    [
      'an offset beyond a double',
      { positive: { offset: 2_000_000_000, bucketCounts: ['1'] }, scale: -10 },
      /beyond the range/,
    ],
  ])('rejects %s', (_label, patch, message) => {
    const point = { ...exponentialPoint({ time: T0, scale: 0, offset: 0, counts: [1] }), ...patch };
    const result = decodeOnce(exponentialHistogram(STABLE, [point], DELTA));
    expect(result.rejectedDataPoints).toBe(1);
    expect(result.errors[0]).toMatch(message);
  });
});
