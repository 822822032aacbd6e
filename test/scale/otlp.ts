import type { Scenario } from '../scenarios/kinds';
import { scenarioRequests } from '../service/harness';
import type { Otlp } from './router';

/** One OTLP request of a scenario, as the agent or the Collector would send it to the gateway. */
export interface OtlpRequest {
  path: '/v1/metrics' | '/v1/logs';
  body: Otlp;
}

/**
 * A scenario's requests in time order as OTLP: metrics as they are, and the security tools' lines as log records
 * marked `lockstep.format` under the host's resource — the agent's tails and the Collector's filelog path — so the
 * gateway can route them by `host.name` like the metrics.
 */
export function scenarioOtlp(scenario: Scenario): OtlpRequest[] {
  return scenarioRequests(scenario).map((request) => {
    if (request.path === '/v1/metrics') return { path: '/v1/metrics', body: JSON.parse(request.body) as Otlp };
    const format = request.path.slice('/v1/events/'.length);
    const logRecords = request.body.split('\n').map((line) => ({
      body: { stringValue: line },
      attributes: [{ key: 'lockstep.format', value: { stringValue: format } }],
    }));
    return {
      path: '/v1/logs',
      body: {
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'host.name', value: { stringValue: scenario.host.name } }] },
            scopeLogs: [{ logRecords }],
          },
        ],
      },
    };
  });
}
