/**
 * How Grafana mounts plugin components: inside its theme context with its global styles, a panel with the
 * PanelProps a dashboard gives it, an app's root page under its `/a/<app id>/*` route.
 */
import * as grafanaData from '@grafana/data';
import * as grafanaUi from '@grafana/ui';
import lodash from 'lodash';
import React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import * as reactRouterDom from 'react-router-dom';

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

export interface PanelRender {
  data: grafanaData.PanelData;
  width: number;
  height: number;
  theme: 'light' | 'dark';
  options?: Record<string, unknown>;
}

export interface Rendered {
  unmount(): void;
  /** The panel's event bus: the harness publishes hover events from "another panel" on it. */
  eventBus: grafanaData.EventBus;
}

/** The theme context plus Grafana's global styles (body colours, fonts), as Grafana's app root renders them. */
export function themed(theme: 'light' | 'dark', child: React.ReactNode): React.ReactElement {
  const value = grafanaData.createTheme({ colors: { mode: theme } });
  return React.createElement(
    grafanaData.ThemeContext.Provider,
    { value },
    React.createElement(grafanaUi.GlobalStyles),
    child,
  );
}

/** Mounts a panel plugin's component with the PanelProps Grafana gives it, inside a themed root. */
export function renderPanel(element: HTMLElement, plugin: grafanaData.PanelPlugin, render: PanelRender): Rendered {
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
export function renderApp(
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
