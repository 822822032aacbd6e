import type { HostCpuSample, MetricSample } from '../../../model/samples';
import { OtlpMetricsDecoder } from './decoder';
import type { Json } from '../__fixtures__/builders';
import {
  cpuTimePoints,
  DELTA,
  gauge,
  metricsRequest,
  nanos,
  numberPoint,
  resourceMetrics,
  SECOND,
  snakeCaseKeys,
  sum,
  T0,
} from '../__fixtures__/builders';

const HOST = { 'host.name': 'Web-01' };
const INTERVAL = 10 * SECOND;

function hostCpu(samples: MetricSample[]): HostCpuSample[] {
  return samples.filter((s): s is HostCpuSample => s.kind === 'host-cpu');
}

/** Cumulative seconds per cpu after `n` intervals in which each cpu spends `busy` of INTERVAL busy (user). */
function usage(cpus: number, n: number, busy: (cpu: number) => number): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (let c = 0; c < cpus; c++) {
    const seconds = (n * INTERVAL) / 1000;
    out[`cpu${c}`] = { user: 1000 + seconds * busy(c), idle: 5000 + seconds * (1 - busy(c)), wait: 7 };
  }
  return out;
}

function timeRequest(time: number, perCpu: Record<string, Record<string, number>>): Json {
  return metricsRequest(resourceMetrics(HOST, [sum('system.cpu.time', cpuTimePoints(time, perCpu))]));
}

/** system.cpu.utilization points for an interval in which cpu c was `busy(c)` busy. */
function utilizationRequest(time: number, cpus: number, busy: (cpu: number) => number): Json {
  const points: Json[] = [];
  for (let c = 0; c < cpus; c++) {
    for (const [state, value] of [
      ['user', busy(c)],
      ['idle', 1 - busy(c)],
      ['wait', 0],
    ] as const) {
      points.push(numberPoint({ time, value, attributes: { cpu: `cpu${c}`, state } }));
    }
  }
  return metricsRequest(resourceMetrics(HOST, [gauge('system.cpu.utilization', points)]));
}

describe('host CPU from system.cpu.time and system.cpu.utilization', () => {
  it.each([
    ['2 cpus, one busy', 2, (c: number) => (c === 0 ? 1 : 0), 0.5],
    ['2 cpus, both 30%', 2, () => 0.3, 0.3],
    ['8 cpus, ramp', 8, (c: number) => c / 8, (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7) / 64],
    ['8 cpus, idle', 8, () => 0, 0],
  ])('%s: both forms give the same utilization and cpu count', (_label, cpus, busy, expected) => {
    const counters = new OtlpMetricsDecoder();
    expect(counters.decode(timeRequest(T0, usage(cpus, 0, busy))).samples).toEqual([]);
    const fromTime = hostCpu(counters.decode(timeRequest(T0 + INTERVAL, usage(cpus, 1, busy))).samples);
    const fromGauge = hostCpu(new OtlpMetricsDecoder().decode(utilizationRequest(T0 + INTERVAL, cpus, busy)).samples);
    expect(fromTime).toHaveLength(1);
    expect(fromGauge).toHaveLength(1);
    expect(fromTime[0]?.utilization).toBeCloseTo(expected, 9);
    expect(fromGauge[0]?.utilization).toBeCloseTo(expected, 9);
    expect(fromTime[0]).toMatchObject({ kind: 'host-cpu', host: 'web-01', time: T0 + INTERVAL, cpus });
    expect(fromGauge[0]?.cpus).toBe(cpus);
  });

  it.each([
    ['a monotonic cumulative Sum', (points: Json[]): Json => sum('system.cpu.time', points)],
    [
      'a non-monotonic cumulative Sum',
      (points: Json[]): Json => ({ name: 'system.cpu.time', sum: { dataPoints: points, aggregationTemporality: 2 } }),
    ],
    ['a Gauge of cumulative readings', (points: Json[]): Json => gauge('system.cpu.time', points, 's')],
  ])('reads system.cpu.time sent as %s', (_label, metric) => {
    const decoder = new OtlpMetricsDecoder();
    const request = (time: number, n: number): Json =>
      metricsRequest(
        resourceMetrics(HOST, [
          metric(
            cpuTimePoints(
              time,
              usage(2, n, () => 0.4),
            ),
          ),
        ]),
      );
    decoder.decode(request(T0, 0));
    expect(hostCpu(decoder.decode(request(T0 + INTERVAL, 1)).samples)[0]?.utilization).toBeCloseTo(0.4, 9);
  });

  it('does not count I/O wait as busy', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(timeRequest(T0, { cpu0: { user: 0, idle: 0, wait: 0 } }));
    const [sample] = hostCpu(
      decoder.decode(timeRequest(T0 + INTERVAL, { cpu0: { user: 2, idle: 4, wait: 4 } })).samples,
    );
    expect(sample?.utilization).toBeCloseTo(0.2, 9);
  });

  it('emits one sample per timestamp when a host sends both forms', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(
      timeRequest(
        T0,
        usage(2, 0, () => 0.5),
      ),
    );
    const both = metricsRequest(
      resourceMetrics(HOST, [
        sum(
          'system.cpu.time',
          cpuTimePoints(
            T0 + INTERVAL,
            usage(2, 1, () => 0.5),
          ),
        ),
        gauge('system.cpu.utilization', [
          numberPoint({ time: T0 + INTERVAL, value: 0.5, attributes: { cpu: 'cpu0', state: 'user' } }),
        ]),
      ]),
    );
    expect(hostCpu(decoder.decode(both).samples)).toHaveLength(1);
    // The same gauge again in a later request (a retried export) is still the same scrape.
    expect(hostCpu(decoder.decode(utilizationRequest(T0 + INTERVAL, 2, () => 0.5)).samples)).toHaveLength(0);
  });

  it('reads delta sums as the interval itself', () => {
    const points = [
      numberPoint({ time: T0 + INTERVAL, start: T0, value: 3, attributes: { cpu: 'cpu0', state: 'user' } }),
      numberPoint({ time: T0 + INTERVAL, start: T0, value: 7, attributes: { cpu: 'cpu0', state: 'idle' } }),
    ];
    const result = new OtlpMetricsDecoder().decode(
      metricsRequest(resourceMetrics(HOST, [sum('system.cpu.time', points, DELTA)])),
    );
    expect(hostCpu(result.samples)[0]?.utilization).toBeCloseTo(0.3, 9);
  });

  it('rejects delta points without a start time', () => {
    const points = [numberPoint({ time: T0 + INTERVAL, value: 3, attributes: { cpu: 'cpu0', state: 'user' } })];
    const result = new OtlpMetricsDecoder().decode(
      metricsRequest(resourceMetrics(HOST, [sum('system.cpu.time', points, DELTA)])),
    );
    expect(result.samples).toEqual([]);
    expect(result.rejectedDataPoints).toBe(1);
    expect(result.errors[0]).toMatch(/system\.cpu\.time: .*startTimeUnixNano/);
  });

  it('starts over after a counter reset (reboot) without a negative or huge value', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(timeRequest(T0, { cpu0: { user: 5000, idle: 9000 } }));
    expect(decoder.decode(timeRequest(T0 + INTERVAL, { cpu0: { user: 1, idle: 2 } })).samples).toEqual([]);
    const [after] = hostCpu(decoder.decode(timeRequest(T0 + 2 * INTERVAL, { cpu0: { user: 3, idle: 10 } })).samples);
    expect(after?.utilization).toBeCloseTo(0.2, 9);
  });

  it('accepts the semantic-convention attribute names cpu.mode and cpu.logical_number', () => {
    const point = (time: number, cpu: number, mode: string, value: number): Json =>
      numberPoint({ time, start: T0 - 1, value, attributes: { 'cpu.logical_number': cpu, 'cpu.mode': mode } });
    const request = (time: number, n: number): Json =>
      metricsRequest(
        resourceMetrics(HOST, [
          sum('system.cpu.time', [
            point(time, 0, 'user', 5 * n),
            point(time, 0, 'idle', 5 * n),
            point(time, 1, 'user', 0),
            point(time, 1, 'idle', 10 * n),
          ]),
        ]),
      );
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(request(T0, 0));
    const [sample] = hostCpu(decoder.decode(request(T0 + INTERVAL, 1)).samples);
    expect(sample?.cpus).toBe(2);
    expect(sample?.utilization).toBeCloseTo((0.5 + 0) / 2, 9);
  });

  it('estimates the cpu count from a host-wide total without cpu ids', () => {
    const request = (time: number, user: number, idle: number): Json =>
      metricsRequest(
        resourceMetrics(HOST, [
          sum('system.cpu.time', [
            numberPoint({ time, start: T0 - 1, value: user, attributes: { state: 'user' } }),
            numberPoint({ time, start: T0 - 1, value: idle, attributes: { state: 'idle' } }),
          ]),
        ]),
      );
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(request(T0, 0, 0));
    // 4 cpus x 10 s = 40 cpu-seconds, 10 of them busy.
    const [sample] = hostCpu(decoder.decode(request(T0 + INTERVAL, 10, 30)).samples);
    expect(sample).toMatchObject({ cpus: 4 });
    expect(sample?.utilization).toBeCloseTo(0.25, 9);
  });

  it('reads snake_case keys and enum names for temporality', () => {
    const request = (time: number, n: number): unknown => {
      const json = timeRequest(
        time,
        usage(2, n, () => 0.25),
      );
      const snake = snakeCaseKeys(json) as Json;
      const metric = ((snake.resource_metrics as Json[])[0]?.scope_metrics as Json[])[0]?.metrics as Json[];
      (metric[0]?.sum as Json).aggregation_temporality = 'AGGREGATION_TEMPORALITY_CUMULATIVE';
      return snake;
    };
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(request(T0, 0));
    const [sample] = hostCpu(decoder.decode(request(T0 + INTERVAL, 1)).samples);
    expect(sample?.utilization).toBeCloseTo(0.25, 9);
  });

  it.each([
    ['NaN as a protojson string', { asDouble: 'NaN' }, /not a finite number/],
    ['a value that is an object', { asDouble: { x: 1 } }, /no asDouble or asInt/],
    ['a negative CPU time', { asDouble: -1 }, /negative CPU time/],
    ['a missing timestamp', { timeUnixNano: undefined }, /timeUnixNano/],
    ['a timestamp that is not a number', { timeUnixNano: 'yesterday' }, /timeUnixNano/],
  ])('rejects a point with %s and names the field', (_label, patch, message) => {
    const point = {
      ...numberPoint({ time: T0, start: T0 - 1, value: 1, attributes: { cpu: 'cpu0', state: 'user' } }),
      ...patch,
    };
    const result = new OtlpMetricsDecoder().decode(
      metricsRequest(resourceMetrics(HOST, [sum('system.cpu.time', [point])])),
    );
    expect(result.rejectedDataPoints).toBe(1);
    expect(result.errors[0]).toMatch(message);
  });

  it('rejects a utilization above 1 and a Sum with unspecified temporality', () => {
    const bad = gauge('system.cpu.utilization', [
      numberPoint({ time: T0, value: 3, attributes: { cpu: 'cpu0', state: 'user' } }),
    ]);
    const unspecified = sum('system.cpu.time', cpuTimePoints(T0, { cpu0: { user: 1, idle: 1 } }), 0);
    const result = new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(HOST, [bad, unspecified])));
    expect(result.rejectedDataPoints).toBe(3);
    expect(result.errors).toEqual([
      'system.cpu.utilization: a data point has a utilization outside 0..1',
      'system.cpu.time: aggregationTemporality is missing or unspecified (expected 1 = DELTA or 2 = CUMULATIVE)',
    ]);
  });

  it('uses the timestamp of the points, in ms, from decimal-string nanoseconds', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(
      timeRequest(
        T0,
        usage(1, 0, () => 0.5),
      ),
    );
    const [sample] = hostCpu(
      decoder.decode(
        timeRequest(
          T0 + INTERVAL,
          usage(1, 1, () => 0.5),
        ),
      ).samples,
    );
    expect(nanos(sample?.time ?? 0)).toBe(nanos(T0 + INTERVAL));
  });
});
