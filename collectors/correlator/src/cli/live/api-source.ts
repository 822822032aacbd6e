import type { Anomaly, Incident } from '@lockstep/contract';
import type { IncidentSource } from './view';
import { LOOKBACK_MS } from './view';

/** A correlator's query API as the view's source (`lockstep demo --correlator URL --api URL`). */
export function apiSource(apiUrl: string, token: string): IncidentSource {
  const headers: Record<string, string> = token === '' ? {} : { authorization: `Bearer ${token}` };
  const get = async (route: string): Promise<unknown> => {
    const response = await fetch(`${apiUrl}${route}`, { headers });
    if (!response.ok) throw new Error(`GET ${route} answered ${response.status}`);
    return response.json();
  };
  return {
    list: async () => {
      const from = Date.now() - LOOKBACK_MS;
      return ((await get(`/api/v1/incidents?from=${from}&limit=200`)) as { items: Incident[] }).items;
    },
    anomalies: async () => {
      const from = Date.now() - LOOKBACK_MS;
      return ((await get(`/api/v1/anomalies?from=${from}&limit=200`)) as { items: Anomaly[] }).items;
    },
    hostCpu: async (host) => {
      const timeline = (await get(`/api/v1/timeline?host=${encodeURIComponent(host)}&metric=cpu`)) as {
        series?: Array<{ value: number }>;
      };
      return (timeline.series ?? []).map((point) => point.value);
    },
  };
}
