import { listAssets, listChanges, listFindings } from './changes';
import { listEntities } from './entities';
import { kpis } from './kpis';
import { getIncident, listAnomalies, listIncidents, listSignals } from './lists';
import type { ApiRoute } from './route';
import { timeline } from './timeline';

/** Every data route of the query API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly ApiRoute[] = [
  listIncidents,
  getIncident,
  listAnomalies,
  listSignals,
  timeline,
  kpis,
  listEntities,
  listAssets,
  listChanges,
  listFindings,
];
