/**
 * Every metric name the dashboards' Prometheus expressions may use, and where Prometheus gets it.
 * test/dashboards.test.ts fails on an expression that names anything else.
 *
 * - `correlator`: the correlator's own /metrics (docs/service.md, "Metrics"), scraped by the `lockstep-correlator`
 *   job of provisioning/prometheus/prometheus.yml. The test scrapes a running correlator for these names.
 * - `collector`: OpenTelemetry metrics the Collector's Prometheus exporter (or remote write) exposes, named by the
 *   OpenTelemetry-to-Prometheus translation (`.` becomes `_`, then the unit and `_total` for monotonic sums:
 *   `system.cpu.time` in `s` is `system_cpu_time_seconds_total`), with resource attributes turned into labels
 *   (`resource_to_telemetry_conversion`: `host.name` becomes `host_name`, `container.id` becomes `container_id`,
 *   `service.name` becomes `service_name`). Host and process CPU come from the hostmetrics receiver or
 *   `lockstep agent`; HTTP latency from instrumented services.
 * - `prometheus`: series Prometheus writes itself.
 */
export interface PrometheusMetric {
  name: string;
  source: 'correlator' | 'collector' | 'prometheus';
  /** collector: the OpenTelemetry metric it is translated from, and that metric's unit and kind. */
  otel?: { name: string; unit: 's' | 'ms'; kind: 'counter' | 'histogram' };
}

export const PROMETHEUS_METRICS: readonly PrometheusMetric[] = [
  { name: 'lockstep_incidents_open', source: 'correlator' },
  { name: 'lockstep_incident_score_max', source: 'correlator' },
  { name: 'lockstep_anomalies_open', source: 'correlator' },
  { name: 'up', source: 'prometheus' },
  {
    name: 'system_cpu_time_seconds_total',
    source: 'collector',
    otel: { name: 'system.cpu.time', unit: 's', kind: 'counter' },
  },
  {
    name: 'process_cpu_time_seconds_total',
    source: 'collector',
    otel: { name: 'process.cpu.time', unit: 's', kind: 'counter' },
  },
  {
    name: 'http_server_request_duration_seconds_bucket',
    source: 'collector',
    otel: { name: 'http.server.request.duration', unit: 's', kind: 'histogram' },
  },
  {
    name: 'http_server_duration_milliseconds_bucket',
    source: 'collector',
    otel: { name: 'http.server.duration', unit: 'ms', kind: 'histogram' },
  },
];
