import pluginJson from './plugin.json';

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export enum ROUTES {
  Incidents = 'incidents',
}

/** The nested data source's plugin id: the app lists data sources of this type. */
export const DATASOURCE_TYPE = 'lockstep-correlation-datasource';

/** The app's `jsonData` (readable by every Viewer: no secrets; the correlator's token is the data source's). */
export interface LockstepAppSettings {
  /** The Lockstep data source the app pages query; empty means the first one Grafana lists. */
  datasourceUid?: string;
}
