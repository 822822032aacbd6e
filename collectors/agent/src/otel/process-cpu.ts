import type { HrTime } from '@opentelemetry/api';
import { ValueType } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import type { CollectionResult, MetricProducer, SumMetricData } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import type { Sample } from '../sample/sampler';
import { processAttributes } from './instruments';

/**
 * `process.cpu.time` per process and state, straight from the latest sample, as a MetricProducer of the agent's
 * metric reader.
 *
 * Not an observable counter: the JS metrics SDK (2.x) keeps every attribute set an asynchronous instrument ever
 * reported and exports it again at every collection, frozen at its last value (the specification says it should
 * not), and past the instrument's cardinality limit (2000) it folds new attribute sets into one
 * `otel.metric.overflow` series. Every process is an attribute set, so on a busy host the agent would keep sending
 * long-gone processes and, after about a thousand of them, stop naming new ones — the miner started tomorrow would
 * have no process of its own. Here each collection holds exactly the processes of the latest sample and nothing is
 * remembered between collections.
 *
 * Points are cumulative with the process's creation time as start time, as the Collector's hostmetrics receiver
 * sends them.
 */
export class ProcessCpuProducer implements MetricProducer {
  constructor(private readonly latest: () => Sample | undefined) {}

  collect(): Promise<CollectionResult> {
    const sample = this.latest();
    if (sample === undefined || sample.processes.length === 0) return Promise.resolve(nothing());
    const endTime = hrTime(sample.time);
    const dataPoints: SumMetricData['dataPoints'] = [];
    for (const process of sample.processes) {
      const attributes = processAttributes(process);
      const startTime = hrTime(Math.min(process.creationTime, sample.time));
      dataPoints.push({ startTime, endTime, attributes: { ...attributes, state: 'user' }, value: process.userSeconds });
      dataPoints.push({
        startTime,
        endTime,
        attributes: { ...attributes, state: 'system' },
        value: process.systemSeconds,
      });
    }
    const metric: SumMetricData = {
      descriptor: {
        name: 'process.cpu.time',
        unit: 's',
        description: 'Total CPU seconds broken down by different CPU states.',
        valueType: ValueType.DOUBLE,
      },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.SUM,
      isMonotonic: true,
      dataPoints,
    };
    return Promise.resolve({
      // The reader keeps the SDK's resource and takes only the scope metrics from here.
      resourceMetrics: {
        resource: emptyResource(),
        scopeMetrics: [{ scope: { name: 'lockstep-agent' }, metrics: [metric] }],
      },
      errors: [],
    });
  }
}

function nothing(): CollectionResult {
  return { resourceMetrics: { resource: emptyResource(), scopeMetrics: [] }, errors: [] };
}

/** Epoch milliseconds as an OpenTelemetry HrTime. */
function hrTime(ms: number): HrTime {
  return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
}
