/// <reference lib="dom" />
/**
 * Node-side handles on the plugins' editors and configuration pages in a harness page (host/editors.ts mounts
 * them as Grafana does): mount one, read what it handed back, save a data source's settings and test it the way
 * Grafana's data source settings page does, and build the app's meta from its plugin settings as Grafana's plugin
 * page does.
 */
import type { AppPlugin, AppPluginMeta, DataSourceApi, DataSourcePlugin } from '@grafana/data';
import type { Page } from 'playwright-core';
import { APP_ID } from './harness';
import type { EditorKind, EditorLog } from './host/editors';
import type { HarnessWindow, Range } from './page';

export type { EditorLog } from './host/editors';

/** Mounts the `kind` editor of data source `uid` (or the app's config page) in #root with `initial` as its value. */
export async function mountEditor(
  page: Page,
  kind: EditorKind,
  options: { uid?: string; initial?: unknown; range?: Range },
): Promise<void> {
  await page.evaluate(
    async ({ appId, kind, uid, initial, range }) => {
      const w = window as unknown as HarnessWindow & { __editorLog?: unknown };
      const root = document.getElementById('root');
      if (root === null) throw new Error('no #root');
      (window as unknown as { __unmount?: () => void }).__unmount?.();
      let appPlugin: AppPlugin | undefined;
      let value = initial;
      if (kind === 'app-config') {
        // Grafana's plugin page: the app's meta is its plugin settings (GET /api/plugins/<id>/settings).
        const module = (await w.System.import(`/public/plugins/${appId}/module.js`)) as { plugin: AppPlugin };
        const meta = (await (await fetch(`/api/plugins/${appId}/settings`)).json()) as AppPluginMeta;
        module.plugin.init(meta);
        module.plugin.meta = meta;
        appPlugin = module.plugin;
      }
      if (kind === 'config' && value === undefined) {
        // Grafana's data source settings page starts from GET /api/datasources/uid/<uid>.
        value = await (await fetch(`/api/datasources/uid/${encodeURIComponent(uid ?? '')}`)).json();
      }
      w.__editorLog = w.__lockstepHost.renderEditor(root, {
        kind,
        datasource: uid === undefined ? undefined : (w.__ds[uid] as DataSourceApi),
        datasourcePlugin: w.__dsPlugin as DataSourcePlugin<DataSourceApi>,
        appPlugin,
        initial: value,
        range,
      });
      (window as unknown as { __unmount?: () => void }).__unmount = w.__lockstepHost.unmountEditor;
    },
    { appId: APP_ID, kind, uid: options.uid, initial: options.initial, range: options.range },
  );
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
}

/** What the mounted editor handed back so far (copied out of the page). */
export async function editorLog(page: Page): Promise<EditorLog> {
  return page.evaluate(() => {
    const log = (window as unknown as { __editorLog: EditorLog }).__editorLog;
    return JSON.parse(JSON.stringify(log)) as EditorLog;
  });
}

/**
 * "Save & test" as Grafana's data source settings page does it: PUT the options to /api/datasources/uid/<uid>,
 * then a new instance from the settings Grafana answers (the secrets only as secureJsonFields) runs
 * testDatasource(). The page's instance is replaced by the new one.
 */
export async function saveAndTest(
  page: Page,
  uid: string,
  options: unknown,
): Promise<{ saved: Record<string, unknown>; status: string; message: string }> {
  return page.evaluate(
    async ({ uid, options }) => {
      const w = window as unknown as HarnessWindow;
      const response = await fetch(`/api/datasources/uid/${encodeURIComponent(uid)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options),
      });
      if (!response.ok) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
      const saved = ((await response.json()) as { datasource: Record<string, unknown> }).datasource;
      const Class = (w.__dsPlugin as { DataSourceClass: new (s: unknown) => DataSourceApi }).DataSourceClass;
      const instance = new Class({ ...saved, url: `/api/datasources/proxy/uid/${uid}`, meta: w.__dsMeta });
      w.__ds[uid] = instance;
      const result = (await instance.testDatasource()) as { status: string; message: string };
      return { saved, status: String(result.status), message: String(result.message) };
    },
    { uid, options },
  );
}
