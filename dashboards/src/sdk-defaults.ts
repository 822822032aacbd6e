import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * Undoes foundation-SDK defaults that change how Grafana shows a dashboard. The SDK gives every annotation query
 * `placement: "inControlsMenu"` (and its builder accepts no other value), which moves the annotation toggles
 * from the dashboard's top bar into the controls menu: on-call should see and flip them at a glance.
 */
export function withoutSdkPlacements(dashboard: Dashboard): Dashboard {
  for (const annotation of dashboard.annotations?.list ?? []) delete annotation.placement;
  return dashboard;
}
