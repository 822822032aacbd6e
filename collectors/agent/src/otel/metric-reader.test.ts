import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ResourceMetrics, SumMetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider } from '@opentelemetry/sdk-metrics';
import type { CpuTimes } from '../proc/stat';
import type { ProcessSample, Sample } from '../sample/sampler';
import { registerInstruments } from './instruments';
import { createMetricReader } from './metric-reader';

const CREATED = Date.parse('2026-11-23T08:00:00.000Z');

function processSample(pid: number, seconds: number): ProcessSample {
  return {
    pid,
    ppid: 1,
    name: `worker-${pid}`,
    exePath: `/usr/bin/worker-${pid}`,
    commandLine: `worker-${pid} --job ${pid}`,
    owner: 'build',
    creationTime: CREATED + pid,
    containerId: undefined,
    userSeconds: seconds,
    systemSeconds: seconds / 2,
    parentChain: ['systemd'],
    indicators: [],
  };
}

const IDLE: CpuTimes = { user: 1, nice: 0, system: 1, idle: 100, iowait: 0, irq: 0, softirq: 0, steal: 0 };

interface Exported {
  pid: number | undefined;
  resource: ResourceMetrics['resource'];
  metrics: SumMetricData[];
}

/** The agent's metric reader and instruments on a real MeterProvider, exporting to memory. */
function pipeline(): { flush(sample: Sample): Promise<Exported[]>; stop(): Promise<void> } {
  let latest: Sample | undefined;
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = createMetricReader(exporter, () => latest);
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'host.name': 'churn-host' }),
    readers: [reader],
  });
  registerInstruments(provider.getMeter('lockstep-agent'), () => latest);
  return {
    async flush(sample) {
      latest = sample;
      exporter.reset();
      await reader.forceFlush();
      return exporter.getMetrics().map((rm) => ({
        pid: rm.resource.attributes['process.pid'] as number | undefined,
        resource: rm.resource,
        metrics: rm.scopeMetrics.flatMap((sm) => sm.metrics) as SumMetricData[],
      }));
    },
    stop: () => provider.shutdown(),
  };
}

describe("the agent's metric reader", () => {
  it('sends exactly the processes of the latest sample, however many have come and gone', async () => {
    const agent = pipeline();
    // 400 samples of 10 short-lived processes each (4,000 processes, 8,000 attribute sets: four times the SDK's
    // default cardinality limit) beside one process that lives throughout.
    for (let cycle = 0; cycle < 400; cycle++) {
      const shortLived = Array.from({ length: 10 }, (_, k) => processSample(10_000 + cycle * 10 + k, 0.5 + k));
      const sample: Sample = {
        time: CREATED + 60_000 + cycle * 1000,
        cpus: new Map([['0', IDLE]]),
        processes: [processSample(7, cycle * 0.25), ...shortLived],
        seen: 11,
        hiddenExe: 0,
      };
      const exported = await agent.flush(sample);
      const pids = exported.flatMap((e) => (e.pid === undefined ? [] : [e.pid]));
      expect(pids.sort((a, b) => a - b)).toEqual(sample.processes.map((p) => p.pid).sort((a, b) => a - b));
      for (const { metrics } of exported) {
        for (const metric of metrics) {
          for (const point of metric.dataPoints) expect(point.attributes).not.toHaveProperty(['otel.metric.overflow']);
        }
      }
      if (cycle % 100 !== 99) continue;

      // The long-lived process: its current CPU, started at its creation, under its own resource.
      const steady = exported.find((e) => e.pid === 7) as Exported;
      expect(steady.resource.attributes).toMatchObject({
        'host.name': 'churn-host',
        'process.executable.name': 'worker-7',
        'process.command_line': 'worker-7 --job 7',
        'process.owner': 'build',
      });
      const cpu = steady.metrics.find((m) => m.descriptor.name === 'process.cpu.time') as SumMetricData;
      expect(cpu.isMonotonic).toBe(true);
      expect(cpu.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
      const byState = new Map(cpu.dataPoints.map((p) => [p.attributes.state, p]));
      expect(byState.get('user')?.value).toBe(cycle * 0.25);
      expect(byState.get('system')?.value).toBe((cycle * 0.25) / 2);
      expect(byState.get('user')?.startTime).toEqual([Math.floor((CREATED + 7) / 1000), ((CREATED + 7) % 1000) * 1e6]);
      expect(byState.get('user')?.endTime).toEqual([Math.floor(sample.time / 1000), 0]);

      // The host: system.cpu.time per cpu and state, and no process attributes.
      const host = exported.find((e) => e.pid === undefined) as Exported;
      const system = host.metrics.find((m) => m.descriptor.name === 'system.cpu.time') as SumMetricData;
      expect(system.dataPoints).toHaveLength(8);
      expect(host.metrics.map((m) => m.descriptor.name)).toEqual(['system.cpu.time']);
    }
    await agent.stop();
  });

  it('sends a process again, at its current CPU, when it comes back into the top processes', async () => {
    const agent = pipeline();
    const at = (cycle: number, processes: ProcessSample[]): Sample => ({
      time: CREATED + 60_000 + cycle * 1000,
      cpus: new Map([['0', IDLE]]),
      processes,
      seen: processes.length,
      hiddenExe: 0,
    });
    expect((await agent.flush(at(0, [processSample(42, 3)]))).map((e) => e.pid)).toContain(42);
    expect((await agent.flush(at(1, [processSample(43, 1)]))).map((e) => e.pid)).not.toContain(42);
    // Nothing to report: nothing about processes is sent, the host still is.
    expect((await agent.flush(at(2, []))).map((e) => e.pid)).toEqual([undefined]);
    const back = (await agent.flush(at(3, [processSample(42, 9)]))).find((e) => e.pid === 42) as Exported;
    const user = back.metrics[0]?.dataPoints.find((p) => p.attributes.state === 'user');
    expect(user?.value).toBe(9);
    await agent.stop();
  });
});
