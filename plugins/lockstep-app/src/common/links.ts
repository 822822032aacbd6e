/**
 * Where an incident opens in the app: the incident explorer page reads the `incident` query parameter. Data links,
 * the panel and the pages build their URLs here so they agree.
 */
export const APP_ID = 'lockstep-app';
export const EXPLORER_PATH = `/a/${APP_ID}/incidents`;
export const INCIDENT_PARAM = 'incident';

/** The explorer page showing one incident; the id is percent-encoded, so no id can change the URL's meaning. */
export function explorerUrl(incidentId: string): string {
  return `${EXPLORER_PATH}?${INCIDENT_PARAM}=${encodeURIComponent(incidentId)}`;
}

/**
 * The same URL as a Grafana data-link template: Grafana fills in the field's raw value, percent-encoded
 * (`:percentencode`), when the link is followed.
 */
export const EXPLORER_LINK_TEMPLATE = `${EXPLORER_PATH}?${INCIDENT_PARAM}=\${__value.raw:percentencode}`;
