import { CORRELATED_SCORE } from '@lockstep/contract';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  AnnotationPanelFilterBuilder,
  AnnotationQueryBuilder,
  DashboardBuilder,
  DashboardCursorSync,
  TimePickerBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { LOCKSTEP } from './datasources';
import { lockstepDashboardsLink } from './panels';
import { lockstep } from './lockstep-query';
import { withoutSdkPlacements } from './sdk-defaults';
import { ONCALL_UID } from './uids';
import { entityVariable } from './variables';
import { cpuByContainer, cpuByHost, latencyByService, PROMETHEUS_PANEL_IDS } from './oncall/metrics';
import { openIncidents, processesBehindSpike, signalStream, spikePanel } from './oncall/lockstep-panels';
import { statusStats } from './oncall/status';
import { assetInventory, recentChanges } from './oncall/inventory';

/**
 * Lockstep's security signals, incidents and changes (deploys, packages, firewall edits) on the host and container
 * in view, drawn on the metric panels. The
 * data source's annotation support answers them as one frame of time, timeEnd, title, text and tags, which
 * Grafana maps by name, so no field mappings are needed here.
 */
function lockstepAnnotations() {
  const onMetricPanels = new AnnotationPanelFilterBuilder().exclude(false).ids([...PROMETHEUS_PANEL_IDS]);
  const signals = new AnnotationQueryBuilder()
    .name('Security signals')
    .datasource(LOCKSTEP)
    .enable(true)
    .iconColor('orange')
    .filter(onMetricPanels)
    .target(lockstep({ refId: 'Signals', queryType: 'signals', host: '$host', container: '$container', limit: 500 }));
  const incidents = new AnnotationQueryBuilder()
    .name('Correlated incidents')
    .datasource(LOCKSTEP)
    .enable(true)
    .iconColor('red')
    .filter(onMetricPanels)
    .target(
      lockstep({
        refId: 'Incidents',
        queryType: 'incidents',
        host: '$host',
        container: '$container',
        status: 'all',
        minScore: CORRELATED_SCORE,
        limit: 200,
      }),
    );
  const changes = new AnnotationQueryBuilder()
    .name('Changes')
    .datasource(LOCKSTEP)
    .enable(true)
    .iconColor('blue')
    .filter(onMetricPanels)
    .target(lockstep({ refId: 'Changes', queryType: 'changes', host: '$host', container: '$container', limit: 500 }));
  return [signals, incidents, changes];
}

/**
 * The on-call dashboard: what is wrong now (status, open correlated incidents), the spike and the process behind
 * it, host, container and service metrics with Lockstep's signals, incidents and changes on them, the signal stream,
 * the asset inventory and what changed.
 */
export function oncallDashboard(): Dashboard {
  const builder = new DashboardBuilder('Lockstep on-call')
    .uid(ONCALL_UID)
    .id(null)
    .description(
      'CPU and latency spikes joined with the security signals on the same host, container or service: ' +
        'open correlated incidents, the spike and the process behind it, and the evidence.',
    )
    .tags(['lockstep', 'security', 'on-call'])
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .timepicker(new TimePickerBuilder().refreshIntervals(['10s', '30s', '1m', '5m', '15m']))
    .tooltip(DashboardCursorSync.Crosshair)
    .readonly()
    .variables([
      entityVariable('host', 'hosts', 'Host', 'Hosts the correlator has seen (host.name).'),
      entityVariable('container', 'containers', 'Container', 'Containers the correlator has seen (container.id).'),
      entityVariable('service', 'services', 'Service', 'Services the correlator has seen (service.name).'),
    ])
    .annotations(lockstepAnnotations())
    .link(lockstepDashboardsLink());
  const panels = [
    ...statusStats(),
    openIncidents(),
    spikePanel('cpu'),
    spikePanel('latency'),
    processesBehindSpike(),
    cpuByHost(),
    cpuByContainer(),
    latencyByService(),
    signalStream(),
    assetInventory(),
    recentChanges(),
  ];
  for (const panel of panels) builder.withPanel(panel);
  return withoutSdkPlacements(builder.build());
}
