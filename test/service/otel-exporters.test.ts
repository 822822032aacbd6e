import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { TestService } from './harness';
import { startTestService } from './harness';

/** Hours: readers never export on their own; the test flushes them. */
const NEVER_MS = 3_600_000;
/** The decoder needs >= 100 ms between cumulative points for a rate. */
const SCRAPE_GAP_MS = 150;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let running: TestService;
beforeEach(async () => {
  // No lateness: samples reach the engine's state as soon as they arrive, so the test can look at it.
  running = await startTestService({ engine: { allowed_lateness_ms: 0, idle_advance_ms: 0 } });
});
afterEach(() => running.dispose());

/** A host meter (system.cpu.time, two cpus) and a process meter (process.cpu.time of pid 4242). */
function meters(exporterFor: () => JsonMetricExporter | ProtoMetricExporter, host: string) {
  let busy = 0;
  const providers = [
    { resource: { 'host.name': host }, name: 'system.cpu.time' },
    {
      resource: { 'host.name': host, 'process.pid': 4242, 'process.executable.name': 'xmrig' },
      name: 'process.cpu.time',
    },
  ].map(({ resource, name }) => {
    const reader = new PeriodicExportingMetricReader({ exporter: exporterFor(), exportIntervalMillis: NEVER_MS });
    const provider = new MeterProvider({ resource: resourceFromAttributes(resource), readers: [reader] });
    const counter = provider.getMeter('test').createObservableCounter(name, { unit: 's' });
    counter.addCallback((result) => {
      if (name === 'system.cpu.time') {
        for (const cpu of ['cpu0', 'cpu1']) {
          result.observe(1000 + busy, { cpu, state: 'user' });
          result.observe(5000 + busy / 2, { cpu, state: 'idle' });
        }
      } else {
        result.observe(10 + busy, { state: 'user' });
      }
    });
    return provider;
  });
  return {
    async scrape(): Promise<void> {
      busy += 0.1;
      await Promise.all(providers.map((provider) => provider.forceFlush()));
    },
    shutdown: () => Promise.all(providers.map((provider) => provider.shutdown())),
  };
}

test.each([
  ['JSON', (url: string) => new JsonMetricExporter({ url })],
  ['protobuf', (url: string) => new ProtoMetricExporter({ url })],
])('the OpenTelemetry %s metrics exporter delivers host and process CPU to the engine', async (_name, make) => {
  const url = `${running.service.otlpUrl}/v1/metrics`;
  const host = `otel-${_name.toLowerCase()}`;
  const m = meters(() => make(url), host);
  for (let i = 0; i < 3; i++) {
    await m.scrape();
    await sleep(SCRAPE_GAP_MS);
  }
  await m.shutdown();
  const stats = running.service.pipeline.engine.stats();
  expect(stats.hosts).toBe(1);
  expect(stats.series).toBe(1); // the host CPU series
  expect(stats.processes).toBe(1); // pid 4242
  const text = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
  expect(text).toMatch(/lockstep_accepted_total\{receiver="otlp_metrics"\} [1-9]/);
  expect(text).toMatch(/lockstep_rejected_total\{receiver="otlp_metrics",reason="malformed"\} 0\n/);
});

test('the OpenTelemetry logs exporter delivers a security signal to the store', async () => {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'host.name': 'otel-logs' }),
    processors: [
      new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${running.service.otlpUrl}/v1/logs` }) }),
    ],
  });
  const logger = provider.getLogger('falco');
  logger.emit({
    body: 'Cryptominer started (pid 4242)',
    severityText: 'CRITICAL',
    attributes: {
      'security_rule.name': 'Detect crypto miners',
      'process.pid': 4242,
      'process.executable.name': 'xmrig',
    },
  });
  logger.emit({ body: 'just a log line', attributes: { note: 'not a security record' } });
  await provider.forceFlush();
  await provider.shutdown();
  const signals = (await running.service.store.listSignals({ limit: 10 })).items;
  expect(signals.map((s) => [s.rule, s.entity['host.name'], s.process?.['process.pid']])).toEqual([
    ['Detect crypto miners', 'otel-logs', 4242],
  ]);
  const text = await (await fetch(`${running.service.apiUrl}/metrics`)).text();
  expect(text).toMatch(/lockstep_rejected_total\{receiver="otlp_logs",reason="not_security"\} 1\n/);
});
