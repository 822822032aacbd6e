import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import { APP_ID } from '../common/links';

/**
 * What the health check says first when the app is disabled. A manual install leaves a new app disabled, and
 * Grafana keeps an app's nested plugins disabled with it.
 */
export const APP_DISABLED =
  'The Lockstep app is not enabled, and until it is Grafana keeps its data source and spike panel disabled: ' +
  'enable it (Administration → Plugins and data → Plugins → Lockstep → Enable), then test again.';

/**
 * Whether Grafana has the Lockstep app enabled. A nested data source's own settings do not say; the app's plugin
 * settings do (`GET /api/plugins/lockstep-app/settings` → `enabled`). Undefined when they cannot be read (a user
 * without access to the app, an older Grafana): the health check then says nothing about the app.
 */
export async function appEnabled(): Promise<boolean | undefined> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<{ enabled?: unknown }>({ url: `/api/plugins/${APP_ID}/settings`, showErrorAlert: false })
    );
    const enabled = response.data?.enabled;
    return typeof enabled === 'boolean' ? enabled : undefined;
  } catch {
    return undefined;
  }
}
