/**
 * What a Grafana release shares with plugins (GRAFANA-NOTES "How Grafana loads module.js"), from the host's own
 * node_modules, registered the way Grafana's plugin loader does: `package:<name>` behind an import map,
 * default-unwrapped for AMD.
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

export const SHARED: Record<string, unknown> = {
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
export function register(system: SystemLike): string[] {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(SHARED)) {
    system.set(`package:${name}`, { default: module, __useDefault: true });
    imports[name] = `package:${name}`;
  }
  if (typeof system.addImportMap !== 'function') throw new Error('This SystemJS has no addImportMap()');
  system.addImportMap({ imports });
  return Object.keys(SHARED);
}
