/// <reference lib="dom" />
/**
 * The page side of the browser harness: what a Grafana release shares with plugins, bundled by esbuild from one
 * host's own node_modules (test/grafana/hosts/<release>/), plus the few Grafana services a plugin reaches through
 * @grafana/runtime. The harness loads this bundle before SystemJS's AMD extra (otherwise lodash's UMD wrapper
 * would register itself through the global `define`), then calls `register(System)` so every shared package is
 * `package:<name>` behind an import map, exactly as Grafana's plugin loader does.
 *
 * Plain `.ts` without JSX: it is type-checked with the repository (against the workspace's @grafana packages) and
 * bundled against each host's packages.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import lodash from 'lodash';
import moment from 'moment';
import React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as reactRouter from 'react-router';
import * as reactRouterDom from 'react-router-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

const SHARED: Record<string, unknown> = {
  react: React,
  'react/jsx-runtime': jsxRuntime,
  'react-dom': ReactDOM,
  'react-dom/client': ReactDOMClient,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
  rxjs,
  'rxjs/operators': rxjsOperators,
  lodash,
  moment,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  'react-router': reactRouter,
  'react-router-dom': reactRouterDom,
};

interface SystemLike {
  set(id: string, module: object): void;
  addImportMap?(map: { imports: Record<string, string> }): void;
}

/** Registers the shared packages the way Grafana's loader does: `package:<name>`, default-unwrapped for AMD. */
function register(system: SystemLike): string[] {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(SHARED)) {
    system.set(`package:${name}`, { default: module, __useDefault: true });
    imports[name] = `package:${name}`;
  }
  if (typeof system.addImportMap !== 'function') throw new Error('This SystemJS has no addImportMap()');
  system.addImportMap({ imports });
  return Object.keys(SHARED);
}

/** A request the data source sent through getBackendSrv(), kept so the harness can assert on what went out. */
interface SentRequest {
  url: string;
  method: string;
  status: number;
}

const sent: SentRequest[] = [];

/**
 * getBackendSrv() as a plugin sees it: `fetch` returns an Observable of FetchResponse and errors with
 * `{ status, statusText, data }` on a non-2xx answer. Requests really go over HTTP to the harness server, whose
 * data proxy forwards `/api/datasources/proxy/uid/<uid>/<route>/...` to the correlator the way Grafana does.
 */
function backendSrv() {
  function request<T>(options: grafanaRuntime.BackendSrvRequest) {
    return new rxjs.Observable<grafanaRuntime.FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const query = options.params
        ? '?' +
          new URLSearchParams(
            Object.entries(options.params as Record<string, unknown>)
              .filter(([, value]) => value !== undefined && value !== null)
              .map(([key, value]): [string, string] => [key, String(value)]),
          ).toString()
        : '';
      const url = options.url + (query === '?' ? '' : query);
      const method = (options.method ?? 'GET').toUpperCase();
      fetch(url, {
        method,
        headers: options.headers,
        body: options.data === undefined ? undefined : JSON.stringify(options.data),
        signal: controller.signal,
      })
        .then(async (response) => {
          const text = await response.text();
          let data: unknown = text;
          try {
            data = text === '' ? undefined : JSON.parse(text);
          } catch {
            // Not JSON: the plugin gets the text, as from Grafana.
          }
          sent.push({ url, method, status: response.status });
          const answer = {
            data: data as T,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          if (response.ok) {
            subscriber.next(answer);
            subscriber.complete();
          } else {
            subscriber.error({ ...answer, message: `${response.status} ${response.statusText}` });
          }
        })
        .catch((error: unknown) => {
          sent.push({ url, method, status: 0 });
          subscriber.error({ status: 0, statusText: String(error), data: undefined, config: options });
        });
      return () => controller.abort();
    });
  }
  const once = <T>(options: grafanaRuntime.BackendSrvRequest) => rxjs.lastValueFrom(request<T>(options));
  return {
    fetch: request,
    request: once,
    datasourceRequest: once,
    get: (url: string, params?: object) => once({ url, params }).then((r) => r.data),
    post: (url: string, data?: unknown) => once({ url, method: 'POST', data }).then((r) => r.data),
    put: (url: string, data?: unknown) => once({ url, method: 'PUT', data }).then((r) => r.data),
    patch: (url: string, data?: unknown) => once({ url, method: 'PATCH', data }).then((r) => r.data),
    delete: (url: string) => once({ url, method: 'DELETE' }).then((r) => r.data),
    resolveCancelerIfExists: () => undefined,
  } as unknown as grafanaRuntime.BackendSrv;
}

/** getTemplateSrv(): `$name` / `${name}` from a fixed variable map, like a dashboard with those variables. */
function templateSrv(variables: Record<string, string>) {
  const pattern = /\$(\w+)|\$\{(\w+)(?::\w+)?\}/g;
  return {
    getVariables: () => [],
    replace(target?: string, scopedVars?: grafanaData.ScopedVars) {
      if (target === undefined) return '';
      return target.replace(pattern, (match: string, ...groups: Array<string | undefined>) => {
        const name = groups[0] ?? groups[1] ?? '';
        const scoped = scopedVars?.[name]?.value;
        if (scoped !== undefined) return String(scoped);
        return variables[name] ?? match;
      });
    },
    containsTemplate: (target?: string) => target !== undefined && new RegExp(pattern.source).test(target),
    updateTimeRange: () => undefined,
  } as unknown as grafanaRuntime.TemplateSrv;
}

interface RuntimeSetup {
  variables?: Record<string, string>;
  /** Data source instances by uid, for getDataSourceSrv(). */
  datasources?: Record<string, { settings: grafanaData.DataSourceInstanceSettings; instance: unknown }>;
}

function setupRuntime(setup: RuntimeSetup = {}): void {
  grafanaRuntime.setBackendSrv(backendSrv());
  grafanaRuntime.setTemplateSrv(templateSrv(setup.variables ?? {}));
  const datasources = setup.datasources ?? {};
  const list = () => Object.values(datasources).map((d) => d.settings);
  grafanaRuntime.setDataSourceSrv({
    get: async (ref?: string | grafanaData.DataSourceRef | null) => {
      const uid = typeof ref === 'string' ? ref : ref?.uid;
      const found = Object.values(datasources).find((d) => d.settings.uid === uid || d.settings.name === uid);
      if (found === undefined) throw new Error(`Data source ${String(uid)} was not found`);
      return found.instance;
    },
    getList: (filters?: { type?: string | string[] }) =>
      list().filter((s) => {
        const type = filters?.type;
        return type === undefined || (Array.isArray(type) ? type.includes(s.type) : s.type === type);
      }),
    getInstanceSettings: (ref?: string | grafanaData.DataSourceRef | null) => {
      const uid = typeof ref === 'string' ? ref : ref?.uid;
      return list().find((s) => s.uid === uid || s.name === uid);
    },
    reload: () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as grafanaRuntime.DataSourceSrv);
}

/**
 * The option editors Grafana core registers at startup (ids as in Grafana's getAllOptionEditors). Options builders
 * look their editor up by id; the harness never shows the editors, so each is an empty component.
 */
const OPTION_EDITORS = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'multi-select',
  'strings',
  'unit',
  'color',
  'links',
  'mappings',
  'thresholds',
  'timezone',
  'field-name',
  'dashboard-uid',
  'stats-picker',
  'data-links',
  'actions',
  'fieldColor',
  'interval',
];
let editorsRegistered = false;
function registerOptionEditors(): void {
  if (editorsRegistered) return;
  editorsRegistered = true;
  grafanaData.standardEditorsRegistry.setInit(() =>
    OPTION_EDITORS.map(
      (id) => ({ id, name: id, editor: () => null }) as unknown as grafanaData.StandardEditorsRegistryItem,
    ),
  );
}

/** The options a panel starts with in Grafana: every option's default from the plugin's options builder. */
function defaultPanelOptions(plugin: grafanaData.PanelPlugin): Record<string, unknown> {
  registerOptionEditors();
  const builder = new grafanaData.PanelOptionsEditorBuilder<Record<string, unknown>>();
  const supplier = plugin.getPanelOptionsSupplier();
  supplier(builder, { data: [] } as unknown as grafanaData.StandardEditorContext<Record<string, unknown>>);
  const options: Record<string, unknown> = {};
  for (const item of builder.getItems()) {
    if (item.defaultValue !== undefined) lodash.set(options, item.path, item.defaultValue);
  }
  return options;
}

interface PanelRender {
  data: grafanaData.PanelData;
  width: number;
  height: number;
  theme: 'light' | 'dark';
  options?: Record<string, unknown>;
}

interface Rendered {
  unmount(): void;
  /** The panel's event bus: the harness publishes hover events from "another panel" on it. */
  eventBus: grafanaData.EventBus;
}

/** The theme context plus Grafana's global styles (body colours, fonts), as Grafana's app root renders them. */
function themed(theme: 'light' | 'dark', child: React.ReactNode): React.ReactElement {
  const value = grafanaData.createTheme({ colors: { mode: theme } });
  return React.createElement(
    grafanaData.ThemeContext.Provider,
    { value },
    React.createElement(grafanaUi.GlobalStyles),
    child,
  );
}

/** Mounts a panel plugin's component with the PanelProps Grafana gives it, inside a themed root. */
function renderPanel(element: HTMLElement, plugin: grafanaData.PanelPlugin, render: PanelRender): Rendered {
  const Panel = plugin.panel;
  if (Panel === null || Panel === undefined) throw new Error('The panel plugin has no panel component');
  const eventBus = new grafanaData.EventBusSrv();
  const props = {
    id: 1,
    title: 'Spike',
    data: render.data,
    timeRange: render.data.timeRange,
    timeZone: 'utc',
    options: { ...defaultPanelOptions(plugin), ...render.options },
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: render.width,
    height: render.height,
    renderCounter: 0,
    eventBus,
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (value: string) => value,
    onChangeTimeRange: () => undefined,
  } as unknown as grafanaData.PanelProps;
  const root = ReactDOMClient.createRoot(element);
  root.render(themed(render.theme, React.createElement(Panel, props)));
  return { unmount: () => root.unmount(), eventBus };
}

/**
 * Mounts an app plugin's root page at `path` the way Grafana does: under a `/a/<app id>/*` route (the app's own
 * routes are relative to it), with the plugin's meta (jsonData from the app's settings) set on the plugin.
 */
function renderApp(
  element: HTMLElement,
  plugin: grafanaData.AppPlugin,
  meta: grafanaData.AppPluginMeta,
  path: string,
  theme: 'light' | 'dark',
): { unmount(): void } {
  plugin.init(meta);
  plugin.meta = meta;
  const Root = plugin.root;
  if (Root === undefined) throw new Error('The app plugin has no root page');
  const props = {
    basename: `/a/${meta.id}`,
    meta,
    query: {},
    path: `/a/${meta.id}`,
    onNavChanged: () => undefined,
  } as unknown as grafanaData.AppRootProps;
  const routes = React.createElement(
    reactRouterDom.Routes,
    null,
    React.createElement(reactRouterDom.Route, {
      path: `/a/${meta.id}/*`,
      element: React.createElement(Root, props),
    }),
  );
  const root = ReactDOMClient.createRoot(element);
  root.render(themed(theme, React.createElement(reactRouterDom.MemoryRouter, { initialEntries: [path] }, routes)));
  return { unmount: () => root.unmount() };
}

/** A time range as Grafana hands it to data sources and panels, from epoch ms. */
function timeRange(fromMs: number, toMs: number): grafanaData.TimeRange {
  const from = grafanaData.dateTime(fromMs);
  const to = grafanaData.dateTime(toMs);
  return { from, to, raw: { from, to } };
}

/** The request a dashboard panel sends a data source; targets get refIds A, B, ... unless they carry one. */
function queryRequest(
  targets: Array<Record<string, unknown>>,
  range: grafanaData.TimeRange,
  requestId = 'harness',
): grafanaData.DataQueryRequest<grafanaData.DataQuery> {
  return {
    requestId,
    interval: '10s',
    intervalMs: 10_000,
    range,
    rangeRaw: range.raw,
    scopedVars: {},
    targets: targets.map((target, i) => ({ refId: String.fromCharCode(65 + i), ...target })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as unknown as grafanaData.DataQueryRequest<grafanaData.DataQuery>;
}

/** Runs query() to completion as a panel does: the frames, and the first error the response carries. */
async function runQuery(
  ds: grafanaData.DataSourceApi,
  targets: Array<Record<string, unknown>>,
  range: grafanaData.TimeRange,
): Promise<{ series: grafanaData.DataFrame[]; error?: string }> {
  const response = await rxjs.lastValueFrom(rxjs.from(ds.query(queryRequest(targets, range))));
  const series = (response.data ?? []).map((frame: unknown) => grafanaData.toDataFrame(frame));
  const error = response.error?.message ?? response.errors?.[0]?.message;
  return error === undefined ? { series } : { series, error };
}

/** An annotation event as Grafana's standard annotation support derives it from a frame row. */
interface AnnotationEvent {
  time?: number;
  timeEnd?: number;
  title?: string;
  text?: string;
  tags?: string[];
}

/**
 * Runs a dashboard annotation through a data source the way Grafana's annotation worker does for a data source
 * with `annotations` support: defaults, prepareAnnotation, prepareQuery, query(), then processEvents — or, when the
 * plugin leaves a step out, Grafana's standard one (the target is the query; frame fields named time, timeEnd,
 * title, text and tags become the events).
 */
async function runAnnotation(
  ds: grafanaData.DataSourceApi,
  annotation: Record<string, unknown>,
  range: grafanaData.TimeRange,
): Promise<AnnotationEvent[]> {
  const support = (ds.annotations ?? {}) as grafanaData.AnnotationSupport<grafanaData.DataQuery>;
  const withDefaults = { ...(support.getDefaultQuery?.() ?? {}), ...annotation } as grafanaData.AnnotationQuery;
  const prepared = support.prepareAnnotation ? support.prepareAnnotation(withDefaults) : withDefaults;
  const query = support.prepareQuery ? support.prepareQuery(prepared) : (prepared.target as grafanaData.DataQuery);
  if (query === undefined) return [];
  const request = queryRequest([{ ...query, refId: query.refId ?? 'Anno' }], range, 'annotations');
  const response = await rxjs.lastValueFrom(rxjs.from(ds.query(request)));
  const frames = (response.data ?? []).map((frame: unknown) => grafanaData.toDataFrame(frame));
  if (support.processEvents) {
    const events = await rxjs.lastValueFrom(rxjs.from(support.processEvents(prepared, frames) ?? rxjs.of([])));
    return (events ?? []) as AnnotationEvent[];
  }
  const events: AnnotationEvent[] = [];
  for (const frame of frames) {
    const view = new grafanaData.DataFrameView<AnnotationEvent>(frame);
    view.forEach((row) => events.push({ ...row }));
  }
  return events;
}

const host = {
  reactVersion: React.version,
  shared: Object.keys(SHARED),
  register,
  setupRuntime,
  renderPanel,
  renderApp,
  runAnnotation,
  runQuery,
  timeRange,
  sent,
  grafanaData,
  rxjs,
};

export type LockstepHost = typeof host;

(window as unknown as { __lockstepHost: LockstepHost }).__lockstepHost = host;
