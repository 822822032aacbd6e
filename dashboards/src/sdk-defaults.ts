import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * Undoes a foundation-SDK default that changes how Grafana shows a dashboard. The SDK gives every annotation
 * query and dashboard link `placement: "inControlsMenu"` (its builders accept no other value), which moves the
 * annotation toggles and the links from the dashboard's top bar into the controls menu; they belong in sight.
 */
export function withoutSdkPlacements(dashboard: Dashboard): Dashboard {
  for (const annotation of dashboard.annotations?.list ?? []) delete annotation.placement;
  for (const link of dashboard.links ?? []) delete link.placement;
  return dashboard;
}
