import type { MetricSample, ProcessCpuSample } from '../../../model/samples';
import { OtlpMetricsDecoder } from './decoder';
import type { AttributeValue, Json } from '../__fixtures__/builders';
import {
  cpuTimePoints,
  DELTA,
  gauge,
  metricsRequest,
  numberPoint,
  processCpuTime,
  processResource,
  resourceMetrics,
  SECOND,
  sum,
  T0,
} from '../__fixtures__/builders';

const INTERVAL = 10 * SECOND;
/** The host's previous scrape happened at T0; processes started before it were already running then. */
const OLD_START = T0 - 3600 * SECOND;

function processCpu(samples: MetricSample[]): ProcessCpuSample[] {
  return samples.filter((s): s is ProcessCpuSample => s.kind === 'process-cpu');
}

function scrape(
  time: number,
  pid: number,
  start: number,
  modes: Record<string, number>,
  extra: Record<string, AttributeValue> = {},
): Json {
  return metricsRequest(resourceMetrics(processResource(pid, 'nginx', extra), [processCpuTime(time, start, modes)]));
}

describe('process CPU from process.cpu.time', () => {
  it('gives cores from consecutive cumulative points, summed over user and system, with the process identity', () => {
    const decoder = new OtlpMetricsDecoder();
    expect(decoder.decode(scrape(T0, 42, OLD_START, { user: 100, system: 20, wait: 5 })).samples).toEqual([]);
    const [sample] = processCpu(
      decoder.decode(scrape(T0 + INTERVAL, 42, OLD_START, { user: 112, system: 23, wait: 50 })).samples,
    );
    // (12 + 3) cpu-seconds in 10 s; `wait` (blocked on disk) is not CPU use.
    expect(sample?.cores).toBeCloseTo(1.5, 9);
    expect(sample).toMatchObject({
      kind: 'process-cpu',
      host: 'web-01',
      time: T0 + INTERVAL,
      process: {
        pid: 42,
        ppid: 1,
        name: 'nginx',
        exePath: '/usr/bin/nginx',
        commandLine: '/usr/bin/nginx --serve',
        owner: 'www-data',
        startTime: OLD_START,
      },
    });
  });

  it.each([
    ['a process already running at the previous scrape', OLD_START, undefined],
    ['a process started after the previous scrape', T0 + 5 * SECOND, 6 / 5],
  ])('first point of %s', (_label, start, expected) => {
    const decoder = new OtlpMetricsDecoder();
    // Another process teaches the decoder when this host's previous process scrape was.
    decoder.decode(scrape(T0, 1, OLD_START, { user: 1 }));
    const request = metricsRequest(
      resourceMetrics(processResource(1, 'init'), [processCpuTime(T0 + INTERVAL, OLD_START, { user: 1 })]),
      resourceMetrics(processResource(4242, 'xmrig'), [processCpuTime(T0 + INTERVAL, start, { user: 5, system: 1 })]),
    );
    const miner = processCpu(decoder.decode(request).samples).filter((s) => s.process.pid === 4242);
    if (expected === undefined) expect(miner).toEqual([]);
    else expect(miner[0]?.cores).toBeCloseTo(expected, 9);
  });

  it('treats a reused pid with a new start time as a new process, never a negative rate', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(scrape(T0, 42, OLD_START, { user: 500, system: 100 }));
    const newStart = T0 + 8 * SECOND;
    const restarted = processCpu(decoder.decode(scrape(T0 + INTERVAL, 42, newStart, { user: 1, system: 1 })).samples);
    expect(restarted).toHaveLength(1);
    expect(restarted[0]?.cores).toBeCloseTo(1, 9); // 2 cpu-seconds in the 2 s since it started
    expect(restarted[0]?.process.startTime).toBe(newStart);
    const next = processCpu(decoder.decode(scrape(T0 + 2 * INTERVAL, 42, newStart, { user: 3, system: 1 })).samples);
    expect(next[0]?.cores).toBeCloseTo(0.2, 9);
  });

  it('gives nothing when a counter goes down with the same start time, then resumes', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(scrape(T0, 42, OLD_START, { user: 500 }));
    expect(decoder.decode(scrape(T0 + INTERVAL, 42, OLD_START, { user: 10 })).samples).toEqual([]);
    const [sample] = processCpu(decoder.decode(scrape(T0 + 2 * INTERVAL, 42, OLD_START, { user: 15 })).samples);
    expect(sample?.cores).toBeCloseTo(0.5, 9);
  });

  it('uses process.creation.time as the start time when the resource carries it', () => {
    const created = '2026-11-23T02:00:00.000Z';
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(scrape(T0, 42, 0, { user: 1 }, { 'process.creation.time': created }));
    const [sample] = processCpu(
      decoder.decode(scrape(T0 + INTERVAL, 42, 0, { user: 2 }, { 'process.creation.time': created })).samples,
    );
    expect(sample?.process.startTime).toBe(Date.parse(created));
  });

  it('builds the command line from process.command and process.command_args when command_line is absent', () => {
    const extra = {
      'process.command_line': '',
      'process.command': 'python3',
      'process.command_args': ['python3', '-m', 'http.server'],
    };
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(scrape(T0, 42, OLD_START, { user: 1 }, extra));
    const [sample] = processCpu(decoder.decode(scrape(T0 + INTERVAL, 42, OLD_START, { user: 2 }, extra)).samples);
    expect(sample?.process.commandLine).toBe('python3 -m http.server');
  });

  it('reads delta sums as cpu-seconds over their own interval', () => {
    const points = [
      numberPoint({ time: T0 + INTERVAL, start: T0, value: 4, attributes: { state: 'user' } }),
      numberPoint({ time: T0 + INTERVAL, start: T0, value: 1, attributes: { state: 'system' } }),
    ];
    const request = metricsRequest(
      resourceMetrics(processResource(7, 'java'), [sum('process.cpu.time', points, DELTA)]),
    );
    expect(processCpu(new OtlpMetricsDecoder().decode(request).samples)[0]?.cores).toBeCloseTo(0.5, 9);
  });

  it('rejects process metrics without a pid', () => {
    const request = metricsRequest(
      resourceMetrics({ 'host.name': 'web-01' }, [processCpuTime(T0, OLD_START, { user: 1, system: 1 })]),
    );
    const result = new OtlpMetricsDecoder().decode(request);
    expect(result.rejectedDataPoints).toBe(2);
    expect(result.errors[0]).toMatch(/^process\.cpu\.time: .*process\.pid/);
  });

  it('rejects an implausible rate from a corrupt counter', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(scrape(T0, 42, OLD_START, { user: 1 }));
    const result = decoder.decode(scrape(T0 + INTERVAL, 42, OLD_START, { user: 1e12 }));
    expect(result.samples).toEqual([]);
    expect(result.rejectedDataPoints).toBe(1);
  });
});

describe('process CPU from process.cpu.utilization', () => {
  const utilization = (time: number, user: number, system: number): Json =>
    gauge('process.cpu.utilization', [
      numberPoint({ time, value: user, attributes: { state: 'user' } }),
      numberPoint({ time, value: system, attributes: { state: 'system' } }),
      numberPoint({ time, value: 0.5, attributes: { state: 'wait' } }),
    ]);

  it('multiplies the normalized share by the host cpu count, even when host metrics come later in the request', () => {
    const request = metricsRequest(
      resourceMetrics(processResource(42, 'nginx'), [utilization(T0, 0.2, 0.05)]),
      resourceMetrics({ 'host.name': 'web-01' }, [
        gauge(
          'system.cpu.utilization',
          Array.from({ length: 8 }, (_, c) =>
            numberPoint({ time: T0, value: 0.1, attributes: { cpu: `cpu${c}`, state: 'user' } }),
          ),
        ),
      ]),
    );
    const [sample] = processCpu(new OtlpMetricsDecoder().decode(request).samples);
    expect(sample?.cores).toBeCloseTo(0.25 * 8, 9);
  });

  it('remembers the cpu count from system.cpu.logical.count or earlier requests', () => {
    const decoder = new OtlpMetricsDecoder();
    const count = sum('system.cpu.logical.count', [numberPoint({ time: T0, value: 4 })], 2, '{cpu}');
    decoder.decode(metricsRequest(resourceMetrics({ 'host.name': 'web-01' }, [count])));
    const result = decoder.decode(
      metricsRequest(resourceMetrics(processResource(42, 'nginx'), [utilization(T0 + INTERVAL, 0.5, 0)])),
    );
    expect(processCpu(result.samples)[0]?.cores).toBeCloseTo(2, 9);
  });

  it('gives nothing while the host cpu count is unknown', () => {
    const request = metricsRequest(resourceMetrics(processResource(42, 'nginx'), [utilization(T0, 0.5, 0)]));
    expect(new OtlpMetricsDecoder().decode(request)).toMatchObject({ samples: [], rejectedDataPoints: 0 });
  });

  it('prefers process.cpu.time over the gauge at the same timestamp', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(
      metricsRequest(
        resourceMetrics({ 'host.name': 'web-01' }, [sum('system.cpu.time', cpuTimePoints(T0, { cpu0: { user: 1 } }))]),
      ),
    );
    decoder.decode(scrape(T0, 42, OLD_START, { user: 1 }));
    const request = metricsRequest(
      resourceMetrics(processResource(42, 'nginx'), [
        utilization(T0 + INTERVAL, 0.9, 0),
        processCpuTime(T0 + INTERVAL, OLD_START, { user: 2 }),
      ]),
    );
    const samples = processCpu(decoder.decode(request).samples);
    expect(samples).toHaveLength(1);
    expect(samples[0]?.cores).toBeCloseTo(0.1, 9);
  });
});
