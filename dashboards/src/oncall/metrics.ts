import { LegendDisplayMode, LegendPlacement, VizLegendOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import type { GridPos } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS } from '../datasources';
import { at } from '../panels';
import { promRange } from '../prometheus';

/**
 * Host, container and service metrics from Prometheus, as the OpenTelemetry Collector exports what the
 * hostmetrics receiver (or `lockstep agent`) and instrumented services send: OpenTelemetry names translated to
 * Prometheus names (`system.cpu.time` in seconds becomes `system_cpu_time_seconds_total`) with resource
 * attributes as labels (`host.name` becomes `host_name`). See PROMETHEUS_METRICS in ../prometheus-metrics.ts.
 */
const CPU_BY_HOST = 9;
const CPU_BY_CONTAINER = 10;
const LATENCY_BY_SERVICE = 11;
/** The panels Lockstep's signal and incident annotations are drawn on. */
export const PROMETHEUS_PANEL_IDS = [CPU_BY_HOST, CPU_BY_CONTAINER, LATENCY_BY_SERVICE] as const;

function timeseries(id: number, gridPos: GridPos, title: string, description: string) {
  return new TimeseriesPanel()
    .id(id)
    .gridPos(gridPos)
    .title(title)
    .description(description)
    .datasource(PROMETHEUS)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom)
        .calcs([]),
    )
    .fillOpacity(10)
    .lineWidth(1);
}

export function cpuByHost() {
  return timeseries(
    CPU_BY_HOST,
    at(12, 22, 12, 8),
    'CPU busy by host',
    'Share of CPU time not idle, averaged over each host’s CPUs (system.cpu.time from the hostmetrics receiver or ' +
      'the Lockstep agent). Orange markers are security signals, red regions correlated incidents, on the hosts in view.',
  )
    .withTarget(
      promRange(
        'A',
        '1 - avg by (host_name) (rate(system_cpu_time_seconds_total{state="idle", host_name=~"$host"}[$__rate_interval]))',
        '{{host_name}}',
      ),
    )
    .unit('percentunit')
    .min(0)
    .max(1);
}

export function cpuByContainer() {
  return timeseries(
    CPU_BY_CONTAINER,
    at(0, 30, 12, 8),
    'CPU by container',
    'CPU used by each container’s processes, in cores (process.cpu.time summed by container.id; 1 = one full ' +
      'core). The Container variable matches ids by prefix, so a 12-character short id works. Markers as on the host panel.',
  )
    .withTarget(
      promRange(
        'A',
        'sum by (host_name, container_id) (rate(process_cpu_time_seconds_total{host_name=~"$host", container_id=~"${container}.*", container_id!=""}[$__rate_interval]))',
        '{{host_name}} {{container_id}}',
      ),
    )
    .unit('short')
    .axisLabel('cores')
    .min(0);
}

export function latencyByService() {
  return timeseries(
    LATENCY_BY_SERVICE,
    at(12, 30, 12, 8),
    'Request latency by service (p95)',
    '95th percentile of HTTP server request duration per service: 95 % of requests were faster. From ' +
      'http.server.request.duration, or the older http.server.duration (milliseconds) for older instrumentation.',
  )
    .withTarget(
      promRange(
        'A',
        'histogram_quantile(0.95, sum by (le, service_name) (rate(http_server_request_duration_seconds_bucket{service_name=~"$service"}[$__rate_interval])))',
        '{{service_name}}',
      ),
    )
    .withTarget(
      promRange(
        'B',
        'histogram_quantile(0.95, sum by (le, service_name) (rate(http_server_duration_milliseconds_bucket{service_name=~"$service"}[$__rate_interval]))) / 1000',
        '{{service_name}} (older instrumentation)',
      ),
    )
    .unit('s')
    .min(0);
}
