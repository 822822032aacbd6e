/// <reference lib="dom" />
/**
 * Node-side handles on a harness page: opens Chromium on the harness server, loads the built plugin modules
 * through SystemJS, creates data source instances the way Grafana does (settings without secrets; the proxy holds
 * them), and wraps the in-page calls the tests make.
 */
import type { AppPlugin, AppPluginMeta, DataSourceApi, PanelPlugin } from '@grafana/data';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { AppSettings } from './grafana-api';
import type { HarnessDataSource, HarnessServer, HostName } from './harness';
import { APP_ID, CHROMIUM, CHROMIUM_ARGS, startHarnessServer } from './harness';
import type { LockstepHost } from './host-entry';
import type { SentRequest } from './host/backend-srv';
import type { ScopedVars, VariableModel } from './host/template-srv';
import type { SavedVariable } from './host/variable-models';

export const DATASOURCE_TYPE = 'lockstep-correlation-datasource';

export interface HarnessPage {
  page: Page;
  server: HarnessServer;
  /** What went wrong in the page: uncaught errors and console errors (resource 404s excluded). */
  errors: string[];
  /** Sets the page up again (plugins, data source instances, runtime services), as after a reload. */
  setup(): Promise<void>;
  close(): Promise<void>;
}

/** A Lockstep data source as provisioned: proxy access, the correlator URL in jsonData, the token secret. */
export function lockstepDataSource(uid: string, url: string, token?: string): HarnessDataSource {
  return {
    uid,
    name: `Lockstep ${uid}`,
    type: DATASOURCE_TYPE,
    jsonData: { url },
    secureJsonData: token === undefined ? {} : { apiToken: token },
    readOnly: true,
  };
}

export interface OpenOptions {
  /** The dashboard's variables, as the template service holds them. */
  variables?: VariableModel[];
  app?: AppSettings;
  proxyTimeoutMs?: number;
}

export async function openHarness(
  host: HostName,
  datasources: HarnessDataSource[],
  options: OpenOptions = {},
): Promise<HarnessPage> {
  const { variables = [], ...serverOptions } = options;
  const server = await startHarnessServer({ host, datasources, ...serverOptions });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
        errors.push(`console: ${message.text()}`);
      }
    });
    // What Grafana's boot data would hold, from the server's current state (a reload after a save sees it).
    const setup = async (): Promise<void> => {
      const settings = datasources.map((ds, index) => ({
        ...server.api.settingsOf(ds, index),
        uid: ds.uid,
        url: `/api/datasources/proxy/uid/${ds.uid}`,
      }));
      await page.evaluate(setupPage, { appId: APP_ID, settings, variables });
    };
    await page.goto(server.url);
    await setup();
    const opened = browser;
    return {
      page,
      server,
      errors,
      setup,
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

type DsClass = new (settings: unknown) => unknown;

/**
 * In the page: registers the shared packages, loads the data source module and creates an instance per data
 * source from its settings as Grafana hands them to the frontend (no secureJsonData, only which secrets are set),
 * then the runtime services.
 */
async function setupPage({
  appId,
  settings,
  variables,
}: {
  appId: string;
  settings: Array<Record<string, unknown> & { uid: string }>;
  variables: VariableModel[];
}): Promise<void> {
  const w = window as unknown as HarnessWindow;
  const host = w.__lockstepHost;
  host.register(w.System);
  const base = `/public/plugins/${appId}/datasource`;
  const module = (await w.System.import(`${base}/module.js`)) as { plugin: { DataSourceClass: DsClass } };
  const meta = (await (await fetch(`${base}/plugin.json`)).json()) as Record<string, unknown>;
  w.__dsPlugin = module.plugin;
  w.__dsMeta = { ...meta, module: `${base.slice(1)}/module.js`, baseUrl: base.slice(1) };
  const datasources: Record<string, { settings: unknown; instance: unknown }> = {};
  w.__ds = {};
  for (const s of settings) {
    const full = { ...s, meta: w.__dsMeta };
    const instance = new module.plugin.DataSourceClass(full);
    datasources[s.uid] = { settings: full, instance };
    w.__ds[s.uid] = instance;
  }
  host.setupRuntime({ datasources: datasources as never, variables });
  w.__xssHits = [];
  (window as unknown as { __xss: (n: number) => void }).__xss = (n: number) => w.__xssHits.push(n);
}

/** The page's globals the harness sets (see host-entry.ts). */
export interface HarnessWindow {
  System: { import(url: string): Promise<unknown>; set(id: string, module: object): void };
  __lockstepHost: LockstepHost;
  __ds: Record<string, unknown>;
  /** The data source module's plugin and the meta its instances carry. */
  __dsPlugin: unknown;
  __dsMeta: Record<string, unknown>;
  __xssHits: number[];
}

export interface Range {
  from: number;
  to: number;
}

/** A frame as it crosses back to Node: name, refId, meta and each field's name, type and values. */
export interface FrameDTO {
  name?: string;
  refId?: string;
  meta?: Record<string, unknown>;
  fields: Array<{ name: string; type: string; values: unknown[]; config?: Record<string, unknown> }>;
}

/** Runs `query()` on a data source instance in the page, as a dashboard panel would, and returns its frames. */
export async function runQuery(
  page: Page,
  uid: string,
  targets: Array<Record<string, unknown>>,
  range: Range,
  scopedVars: ScopedVars = {},
): Promise<{ frames: FrameDTO[]; error?: string }> {
  return page.evaluate(
    async ({ uid, targets, range, scopedVars }) => {
      const w = window as unknown as HarnessWindow;
      const host = w.__lockstepHost;
      const ds = w.__ds[uid] as DataSourceApi;
      try {
        const response = await host.runQuery(ds, targets, host.timeRange(range.from, range.to), scopedVars);
        const frames = response.series.map((df) => {
          return {
            name: df.name,
            refId: df.refId,
            meta: df.meta as Record<string, unknown> | undefined,
            fields: df.fields.map((f) => ({
              name: f.name,
              type: String(f.type),
              values: Array.from(f.values as ArrayLike<unknown>),
              config: f.config as Record<string, unknown>,
            })),
          };
        });
        return response.error === undefined ? { frames } : { frames, error: response.error };
      } catch (e) {
        return { frames: [], error: e instanceof Error ? e.message : JSON.stringify(e) };
      }
    },
    { uid, targets, range, scopedVars },
  );
}

/** Updates a dashboard's saved variables through the data source `uid` (see host/variables.ts): the models. */
export async function loadVariables(
  page: Page,
  uid: string,
  saved: SavedVariable[],
  range: Range,
): Promise<VariableModel[]> {
  return page.evaluate(
    async ({ uid, saved, range }) => {
      const w = window as unknown as HarnessWindow;
      const host = w.__lockstepHost;
      return host.loadVariables(w.__ds[uid] as DataSourceApi, saved, host.timeRange(range.from, range.to));
    },
    { uid, saved, range },
  );
}

/** Selects `value` on the dashboard's variable `name`, as a user picking it in the variable's dropdown. */
export async function selectVariable(page: Page, name: string, value: string | string[]): Promise<VariableModel> {
  return page.evaluate(
    ({ name, value }) => {
      const { templateSrv, select } = (window as unknown as HarnessWindow).__lockstepHost;
      const variables = templateSrv.getVariables();
      const index = variables.findIndex((v) => v.name === name);
      const variable = variables[index];
      if (variable === undefined) throw new Error(`no variable ${name}`);
      const next = select(variable, value);
      templateSrv.setVariables(variables.map((v, i) => (i === index ? next : v)));
      return next;
    },
    { name, value },
  );
}

/** What the plugins sent through getBackendSrv() since `from`: URL, status and the error data they got back. */
export async function sentRequests(page: Page, from = 0): Promise<SentRequest[]> {
  return page.evaluate((from) => (window as unknown as HarnessWindow).__lockstepHost.sent.slice(from), from);
}

/** `testDatasource()` of an instance in the page: status and the sentence a user reads. */
export async function testDatasource(page: Page, uid: string): Promise<{ status: string; message: string }> {
  return page.evaluate(async (uid) => {
    const w = window as unknown as HarnessWindow;
    const ds = w.__ds[uid] as DataSourceApi;
    try {
      const result = (await ds.testDatasource()) as { status: string; message: string };
      return { status: String(result.status), message: String(result.message) };
    } catch (e) {
      return { status: 'thrown', message: e instanceof Error ? e.message : JSON.stringify(e) };
    }
  }, uid);
}

/** A dashboard annotation on the Lockstep data source, run the way Grafana's annotation worker runs it. */
export async function runAnnotation(
  page: Page,
  uid: string,
  target: Record<string, unknown>,
  range: Range,
): Promise<Array<{ time?: number; timeEnd?: number; title?: string; text?: string; tags?: string[] }>> {
  return page.evaluate(
    async ({ uid, target, range }) => {
      const w = window as unknown as HarnessWindow;
      const ds = w.__ds[uid] as DataSourceApi;
      const annotation = { name: 'Lockstep', enable: true, iconColor: 'red', datasource: { uid }, target };
      const events = await w.__lockstepHost.runAnnotation(
        ds,
        annotation,
        w.__lockstepHost.timeRange(range.from, range.to),
      );
      return JSON.parse(JSON.stringify(events)) as Array<Record<string, never>>;
    },
    { uid, target, range },
  );
}

/** Queries the data source, then renders the spike panel with that result in #root (light or dark). */
export async function renderSpikePanel(
  page: Page,
  options: { uid: string; targets: Array<Record<string, unknown>>; range: Range; theme: 'light' | 'dark' },
): Promise<void> {
  const size = { width: 1100, height: 420 };
  await page.evaluate(
    async ({ appId, uid, targets, range, theme, size }) => {
      const w = window as unknown as HarnessWindow;
      const { grafanaData } = w.__lockstepHost;
      const ds = w.__ds[uid] as DataSourceApi;
      const module = (await w.System.import(`/public/plugins/${appId}/panel/module.js`)) as {
        plugin: PanelPlugin;
      };
      const timeRange = w.__lockstepHost.timeRange(range.from, range.to);
      const { series } = await w.__lockstepHost.runQuery(ds, targets, timeRange);
      const root = document.getElementById('root');
      if (root === null) throw new Error('no #root');
      root.style.width = `${size.width}px`;
      root.style.background = theme === 'dark' ? '#111217' : '#ffffff';
      const previous = (window as unknown as { __unmount?: () => void }).__unmount;
      previous?.();
      const rendered = w.__lockstepHost.renderPanel(root, module.plugin, {
        data: { state: grafanaData.LoadingState.Done, series, annotations: [], timeRange },
        width: size.width,
        height: size.height,
        theme,
      });
      (window as unknown as { __unmount?: () => void }).__unmount = rendered.unmount;
    },
    { appId: APP_ID, ...options, size },
  );
  // React commits asynchronously; wait until the panel has drawn something.
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
}

/**
 * Elements and attributes no Lockstep view ever creates itself but an injected payload would: inline event
 * handlers, script-capable elements, and URLs with a script scheme. Returns a description of each found.
 */
export async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scriptish = 'script,iframe,object,embed,base,meta,link,marquee,math,isindex,keygen,x,video,audio,noscript';
    for (const element of Array.from(document.querySelectorAll('#root *'))) {
      const tag = element.tagName.toLowerCase();
      if (scriptish.split(',').includes(tag)) found.push(`<${tag}>`);
      if (tag === 'img' && element.getAttribute('src') === 'x') found.push('<img src=x>');
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\s\p{Cc}]/gu, '').toLowerCase();
        if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
        if (
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background'].includes(name) &&
          /^(javascript|vbscript|data:text\/html)/.test(value)
        ) {
          found.push(`<${tag} ${name}=${value.slice(0, 40)}>`);
        }
      }
    }
    return found;
  });
}

/**
 * Renders the app's incident explorer at `search` (e.g. `?range=24h&host=web-1` or `?incident=<id>`) with the
 * page's clock set to `now`, so relative ranges cover the scenario's data.
 */
export async function renderExplorer(
  page: Page,
  options: { search: string; now: number; theme: 'light' | 'dark'; datasourceUid: string },
): Promise<void> {
  await page.clock.setFixedTime(options.now);
  await page.evaluate(
    async ({ appId, search, theme, datasourceUid }) => {
      const w = window as unknown as HarnessWindow;
      const module = (await w.System.import(`/public/plugins/${appId}/module.js`)) as {
        plugin: AppPlugin;
      };
      const json = (await (await fetch(`/public/plugins/${appId}/plugin.json`)).json()) as Record<string, unknown>;
      const meta = { ...json, enabled: true, pinned: true, jsonData: { datasourceUid } } as unknown as AppPluginMeta;
      const root = document.getElementById('root');
      if (root === null) throw new Error('no #root');
      root.style.width = '1200px';
      const previous = (window as unknown as { __unmount?: () => void }).__unmount;
      previous?.();
      const rendered = w.__lockstepHost.renderApp(root, module.plugin, meta, `/a/${appId}/incidents${search}`, theme);
      (window as unknown as { __unmount?: () => void }).__unmount = rendered.unmount;
    },
    { appId: APP_ID, ...options },
  );
}
