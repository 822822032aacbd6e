import type { FaultLog } from '../http/error-handler';
import type { TimelinePoints, TimelineQuery } from '../engine/timeline';
import type { InventoryOptions } from '../engine/assets/inventory';
import type { IncidentStore } from '../exporters/store/store';

/**
 * Where the timeline's series comes from: the engine's in-memory windows (`Engine` satisfies this). Read-only,
 * and synchronous because the engine runs in the same process.
 */
export interface TimelineSource {
  timeline(query: TimelineQuery, from?: number, to?: number): TimelinePoints | undefined;
}

export interface QueryApiDeps {
  store: IncidentStore;
  timeline: TimelineSource;
  /**
   * When set and not empty, every route except the OpenAPI document requires `Authorization: Bearer <token>`.
   * Empty means no authentication, as in the service's config file (`api.token: ''`).
   */
  token?: string;
  /**
   * Where faults inside the correlator are reported (a 500's details never reach the client). The service's
   * `Logger` fits; without it, fastify's request logger, which is silent when the app has `logger: false`.
   */
  log?: FaultLog;
  /** When an asset's side counts as gone silent (`assets.*` in the service config); the defaults otherwise. */
  inventory?: InventoryOptions;
}
