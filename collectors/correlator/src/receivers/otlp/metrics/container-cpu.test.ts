import type { ContainerCpuSample, MetricSample } from '../../../model/samples';
import { OtlpMetricsDecoder } from './decoder';
import type { Json } from '../__fixtures__/builders';
import { DELTA, gauge, metricsRequest, numberPoint, resourceMetrics, SECOND, sum, T0 } from '../__fixtures__/builders';

const ID = 'b'.repeat(64);
const CONTAINER = {
  'host.name': 'node-7',
  'container.id': `containerd://${ID}`,
  'k8s.namespace.name': 'shop',
  'k8s.pod.name': 'checkout-5d9f',
  'service.name': 'checkout',
};
const INTERVAL = 10 * SECOND;

function containerCpu(samples: MetricSample[]): ContainerCpuSample[] {
  return samples.filter((s): s is ContainerCpuSample => s.kind === 'container-cpu');
}

function cpuTime(time: number, user: number, kernel: number, temporality = 2): Json {
  const start = temporality === DELTA ? time - INTERVAL : T0 - 1;
  return sum(
    'container.cpu.time',
    [
      numberPoint({ time, start, value: user, attributes: { 'cpu.mode': 'user' } }),
      numberPoint({ time, start, value: kernel, attributes: { 'cpu.mode': 'kernel' } }),
    ],
    temporality,
  );
}

describe('container CPU', () => {
  it('gives cores from cumulative container.cpu.time, with the normalized container id and pod', () => {
    const decoder = new OtlpMetricsDecoder();
    expect(decoder.decode(metricsRequest(resourceMetrics(CONTAINER, [cpuTime(T0, 100, 50)]))).samples).toEqual([]);
    const [sample] = containerCpu(
      decoder.decode(metricsRequest(resourceMetrics(CONTAINER, [cpuTime(T0 + INTERVAL, 115, 55)]))).samples,
    );
    expect(sample).toEqual({
      kind: 'container-cpu',
      host: 'node-7',
      containerId: ID,
      time: T0 + INTERVAL,
      cores: 2,
      k8sNamespace: 'shop',
      k8sPod: 'checkout-5d9f',
      serviceName: 'checkout',
    });
  });

  it('reads delta container.cpu.time', () => {
    const [sample] = containerCpu(
      new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(CONTAINER, [cpuTime(T0, 4, 1, DELTA)]))).samples,
    );
    expect(sample?.cores).toBeCloseTo(0.5, 9);
  });

  it.each([
    ['container.cpu.utilization', 'utilization', 0.35],
    ['container.cpu.usage', 'cores', 0.35],
  ] as const)('reads the %s gauge as %s, summing modes', (name, field, expected) => {
    const metric = gauge(name, [
      numberPoint({ time: T0, value: 0.25, attributes: { 'cpu.mode': 'user' } }),
      numberPoint({ time: T0, value: 0.1, attributes: { 'cpu.mode': 'kernel' } }),
    ]);
    const [sample] = containerCpu(
      new OtlpMetricsDecoder().decode(metricsRequest(resourceMetrics(CONTAINER, [metric]))).samples,
    );
    expect(sample?.[field]).toBeCloseTo(expected, 9);
  });

  it('puts cores and utilization of one scrape into one sample, counter-derived cores first', () => {
    const decoder = new OtlpMetricsDecoder();
    decoder.decode(metricsRequest(resourceMetrics(CONTAINER, [cpuTime(T0, 100, 50)])));
    const time = T0 + INTERVAL;
    const request = metricsRequest(
      resourceMetrics(CONTAINER, [
        gauge('container.cpu.usage', [numberPoint({ time, value: 9 })]),
        gauge('container.cpu.utilization', [numberPoint({ time, value: 0.5 })]),
        cpuTime(time, 105, 50),
      ]),
    );
    const samples = containerCpu(decoder.decode(request).samples);
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ cores: 0.5, utilization: 0.5 });
  });

  it('rejects container metrics without a container id', () => {
    const result = new OtlpMetricsDecoder().decode(
      metricsRequest(resourceMetrics({ 'host.name': 'node-7' }, [cpuTime(T0, 1, 1)])),
    );
    expect(result.rejectedDataPoints).toBe(2);
    expect(result.errors[0]).toMatch(/^container\.cpu\.time: .*container\.id/);
  });
});
