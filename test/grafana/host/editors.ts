/**
 * The plugins' editors and configuration pages mounted as Grafana mounts them, each controlled the way Grafana
 * holds its value (a query editor row re-renders the editor with the query it was handed through onChange; the
 * data source settings page with the options; the plugin page renders the app's config page with its meta):
 * - a data source's QueryEditor: `{ datasource, query, onChange, onRunQuery, range, app }`;
 * - its variable editor (CustomVariableSupport.editor), handed the saved query as it is (a string such as "hosts");
 * - its annotation editor (AnnotationSupport.QueryEditor), handed the annotation's target with the annotation;
 * - its ConfigEditor: `{ options, onOptionsChange }`;
 * - an app's config page: `{ plugin, query }`.
 * Every onChange value and onRunQuery call is kept in `log`, for the harness to assert on.
 */
import type * as grafanaData from '@grafana/data';
import React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import { timeRange } from './queries';
import { themed } from './render';

export interface EditorLog {
  /** Every value the editor handed back, in order. */
  changes: unknown[];
  /** How many times it asked to run the query. */
  runs: number;
  /** The value it shows now. */
  value: unknown;
}

export type EditorKind = 'query' | 'variable' | 'annotation' | 'config' | 'app-config';

type AnyComponent = React.ComponentType<Record<string, unknown>>;

let mounted: ReactDOMClient.Root | undefined;

/** Mounts `Component` with props made from the current value; onChange replaces the value and re-renders. */
function mount(
  element: HTMLElement,
  Component: AnyComponent,
  initial: unknown,
  props: (value: unknown, onChange: (next: unknown) => void, log: EditorLog) => Record<string, unknown>,
): EditorLog {
  const log: EditorLog = { changes: [], runs: 0, value: initial };
  function Controlled() {
    const [value, setValue] = React.useState<unknown>(initial);
    const onChange = (next: unknown) => {
      log.changes.push(next);
      log.value = next;
      setValue(next);
    };
    return React.createElement(Component, props(value, onChange, log));
  }
  mounted?.unmount();
  mounted = ReactDOMClient.createRoot(element);
  mounted.render(themed('light', React.createElement(Controlled)));
  return log;
}

export interface EditorTarget {
  kind: EditorKind;
  /** The data source instance (every kind but the app's config page). */
  datasource?: grafanaData.DataSourceApi;
  /** The data source plugin (query and config editors come from its components). */
  datasourcePlugin?: grafanaData.DataSourcePlugin<grafanaData.DataSourceApi>;
  /** The app plugin, its meta set (the app's config page). */
  appPlugin?: grafanaData.AppPlugin;
  initial: unknown;
  range?: { from: number; to: number };
}

function component(target: EditorTarget): AnyComponent {
  const found = {
    query: target.datasourcePlugin?.components.QueryEditor,
    variable: (target.datasource?.variables as { editor?: unknown } | undefined)?.editor,
    annotation: target.datasource?.annotations?.QueryEditor,
    config: target.datasourcePlugin?.components.ConfigEditor,
    'app-config': target.appPlugin?.configPages?.[0]?.body,
  }[target.kind];
  if (found === undefined) throw new Error(`the plugin has no ${target.kind} editor`);
  return found as AnyComponent;
}

export function renderEditor(element: HTMLElement, target: EditorTarget): EditorLog {
  const Component = component(target);
  const range = target.range === undefined ? undefined : timeRange(target.range.from, target.range.to);
  const datasource = target.datasource;
  const run = (log: EditorLog) => () => {
    log.runs += 1;
  };
  switch (target.kind) {
    case 'query':
      return mount(element, Component, target.initial, (query, onChange, log) => ({
        datasource,
        query,
        queries: [query],
        onChange,
        onRunQuery: run(log),
        range,
        app: 'dashboard',
      }));
    case 'variable':
      return mount(element, Component, target.initial, (query, onChange, log) => ({
        datasource,
        query,
        onChange,
        onRunQuery: run(log),
        range,
        onBlur: () => undefined,
      }));
    case 'annotation':
      // The log's values are the annotation's target; the editor also gets the annotation it belongs to.
      return mount(element, Component, target.initial, (query, onChange, log) => {
        const annotation = { name: 'Lockstep', enable: true, iconColor: 'red', datasource: { uid: datasource?.uid } };
        return {
          datasource,
          query,
          onChange,
          onRunQuery: run(log),
          range,
          annotation: { ...annotation, target: query },
          onAnnotationChange: (next: { target?: unknown }) => onChange(next.target),
          app: 'dashboard',
        };
      });
    case 'config':
      return mount(element, Component, target.initial, (options, onChange) => ({
        options,
        onOptionsChange: onChange,
      }));
    case 'app-config':
      return mount(element, Component, target.initial, () => ({ plugin: target.appPlugin, query: {} }));
  }
}

export function unmountEditor(): void {
  mounted?.unmount();
  mounted = undefined;
}
