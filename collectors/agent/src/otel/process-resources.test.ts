import type { ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { MAX_IN_FLIGHT, ProcessResourceExporter } from './process-resources';

/** An inner exporter that behaves like the OTLP ones: it refuses a request past its concurrency limit. */
function limitedExporter(limit: number): PushMetricExporter & { delivered: ResourceMetrics[]; refused: number } {
  let inFlight = 0;
  const exporter = {
    delivered: [] as ResourceMetrics[],
    refused: 0,
    export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
      if (inFlight >= limit) {
        exporter.refused += 1;
        return done({ code: 1, error: new Error('Concurrent export limit reached') });
      }
      inFlight += 1;
      setImmediate(() => {
        inFlight -= 1;
        exporter.delivered.push(metrics);
        done({ code: 0 });
      });
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  return exporter;
}

function processMetrics(processes: number): ResourceMetrics {
  const dataPoints = Array.from({ length: processes }, (_, i) => ({
    startTime: [1, 0],
    endTime: [2, 0],
    value: i,
    attributes: { 'process.pid': 1000 + i, 'process.creation.time': '2026-01-01T00:00:00.000Z', state: 'user' },
  }));
  return {
    resource: resourceFromAttributes({ 'host.name': 'web-1' }),
    scopeMetrics: [
      {
        scope: { name: 'lockstep-agent' },
        metrics: [
          {
            descriptor: {
              name: 'process.cpu.time',
              unit: 's',
              description: '',
              valueType: 1,
              type: 'OBSERVABLE_COUNTER',
            },
            dataPointType: DataPointType.SUM,
            isMonotonic: true,
            aggregationTemporality: AggregationTemporality.CUMULATIVE,
            dataPoints,
          },
        ],
      },
    ],
  } as unknown as ResourceMetrics;
}

test('every process gets its request when there are more processes than the OTLP exporter takes at once', async () => {
  const inner = limitedExporter(30);
  const result = await new Promise<ExportResult>((resolve) =>
    new ProcessResourceExporter(inner).export(processMetrics(75), resolve),
  );
  expect(result.code).toBe(0);
  expect(inner.refused).toBe(0);
  const pids = inner.delivered.map((batch) => batch.resource.attributes['process.pid']);
  expect(new Set(pids).size).toBe(75);
  expect(MAX_IN_FLIGHT).toBeLessThan(30);
});

test('a failed request fails the export once every request is answered', async () => {
  const inner = limitedExporter(0);
  const result = await new Promise<ExportResult>((resolve) =>
    new ProcessResourceExporter(inner).export(processMetrics(3), resolve),
  );
  expect(result.code).toBe(1);
  expect(inner.refused).toBe(3);
});
