/// <reference lib="dom" />
/**
 * The page side of the browser harness: what a Grafana release shares with plugins, bundled by esbuild from one
 * host's own node_modules (test/grafana/hosts/<release>/), plus the few Grafana services a plugin reaches through
 * @grafana/runtime (host/). The harness loads this bundle before SystemJS's AMD extra (otherwise lodash's UMD
 * wrapper would register itself through the global `define`), then calls `register(System)` so every shared
 * package is `package:<name>` behind an import map, exactly as Grafana's plugin loader does.
 *
 * Plain `.ts` without JSX: it is type-checked with the repository (against the workspace's @grafana packages) and
 * bundled against each host's packages.
 */
import * as grafanaData from '@grafana/data';
import React from 'react';
import * as rxjs from 'rxjs';
import { sent } from './host/backend-srv';
import { renderEditor, unmountEditor } from './host/editors';
import { runAnnotation, runQuery, timeRange } from './host/queries';
import { renderApp, renderPanel } from './host/render';
import { setupRuntime, templateSrv } from './host/runtime';
import { SHARED, register } from './host/shared';
import { select } from './host/variable-models';
import { loadVariables } from './host/variables';

const host = {
  reactVersion: React.version,
  shared: Object.keys(SHARED),
  register,
  setupRuntime,
  templateSrv,
  loadVariables,
  select,
  renderPanel,
  renderApp,
  renderEditor,
  unmountEditor,
  runAnnotation,
  runQuery,
  timeRange,
  sent,
  grafanaData,
  rxjs,
};

export type LockstepHost = typeof host;

(window as unknown as { __lockstepHost: LockstepHost }).__lockstepHost = host;
