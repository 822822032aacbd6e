import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/**
 * The data sources the dashboards query, by the stable uids provisioned in
 * provisioning/grafana/datasources/lockstep.yaml (test/dashboards.test.ts checks both resolve there).
 */
export const LOCKSTEP: DataSourceRef = { type: 'lockstep-correlation-datasource', uid: 'lockstep' };
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'lockstep-prometheus' };

/** The panel plugin that draws an entity's timeline (plugins/lockstep-app/src/panel/plugin.json). */
export const SPIKE_PANEL = 'lockstep-spike-panel';
