/**
 * The Grafana services a plugin reaches through @grafana/runtime: getBackendSrv() (backend-srv.ts),
 * getTemplateSrv() (template-srv.ts, holding the dashboard's variables) and getDataSourceSrv() over the data
 * source instances the page created.
 */
import type { DataSourceInstanceSettings, DataSourceRef } from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import { backendSrv } from './backend-srv';
import { TemplateSrv, type VariableModel } from './template-srv';

export interface RuntimeSetup {
  variables?: VariableModel[];
  /** Data source instances by uid, for getDataSourceSrv(). */
  datasources?: Record<string, { settings: DataSourceInstanceSettings; instance: unknown }>;
}

export const templateSrv = new TemplateSrv();

export function setupRuntime(setup: RuntimeSetup = {}): void {
  grafanaRuntime.setBackendSrv(backendSrv());
  templateSrv.setVariables(setup.variables ?? []);
  grafanaRuntime.setTemplateSrv(templateSrv as unknown as grafanaRuntime.TemplateSrv);
  const datasources = setup.datasources ?? {};
  const list = () => Object.values(datasources).map((d) => d.settings);
  const find = (ref?: string | DataSourceRef | null) => {
    const uid = typeof ref === 'string' ? ref : ref?.uid;
    return Object.values(datasources).find((d) => d.settings.uid === uid || d.settings.name === uid);
  };
  grafanaRuntime.setDataSourceSrv({
    get: async (ref?: string | DataSourceRef | null) => {
      const found = find(ref);
      if (found === undefined) throw new Error(`Data source ${JSON.stringify(ref)} was not found`);
      return found.instance;
    },
    getList: (filters?: { type?: string | string[] }) =>
      list().filter((s) => {
        const type = filters?.type;
        return type === undefined || (Array.isArray(type) ? type.includes(s.type) : s.type === type);
      }),
    getInstanceSettings: (ref?: string | DataSourceRef | null) => find(ref)?.settings,
    reload: () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as grafanaRuntime.DataSourceSrv);
}
