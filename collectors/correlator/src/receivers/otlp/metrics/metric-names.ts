/**
 * The metrics Lockstep reads, by OpenTelemetry semantic-convention name (and the hostmetrics receiver's). Every
 * other name is skipped with one map lookup, before its data points are touched.
 */
/** HTTP server latency, stable semantic conventions (seconds). */
export const HTTP_SERVER_REQUEST_DURATION = 'http.server.request.duration';
/** The pre-1.20 name, in milliseconds; instrumentations in `http/dup` mode send both. */
export const HTTP_SERVER_DURATION = 'http.server.duration';

export type MetricRole =
  | 'host-cpu-time'
  | 'host-cpu-utilization'
  | 'host-cpu-count'
  | 'process-cpu-time'
  | 'process-cpu-utilization'
  | 'container-cpu-time'
  | 'container-cpu-utilization'
  | 'container-cpu-usage'
  | 'latency';

export const METRIC_ROLES: ReadonlyMap<string, MetricRole> = new Map<string, MetricRole>([
  ['system.cpu.time', 'host-cpu-time'],
  ['system.cpu.utilization', 'host-cpu-utilization'],
  ['system.cpu.logical.count', 'host-cpu-count'],
  ['process.cpu.time', 'process-cpu-time'],
  ['process.cpu.utilization', 'process-cpu-utilization'],
  ['container.cpu.time', 'container-cpu-time'],
  ['container.cpu.utilization', 'container-cpu-utilization'],
  ['container.cpu.usage', 'container-cpu-usage'],
  [HTTP_SERVER_REQUEST_DURATION, 'latency'],
  [HTTP_SERVER_DURATION, 'latency'],
]);
