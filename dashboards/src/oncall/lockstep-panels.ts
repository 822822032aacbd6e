import { CORRELATED_SCORE } from '@lockstep/contract';
import {
  TableCellDisplayMode,
  TableCellHeight,
  TableSortByFieldStateBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import type { SpikeOptions } from '../../../plugins/lockstep-app/src/panel/options';
import { EXPLORER_PATH, INCIDENT_PARAM } from '../../../plugins/lockstep-app/src/common/links';
import type { LockstepQuery } from '../../../plugins/lockstep-app/src/common/query';
import { LOCKSTEP, SPIKE_PANEL } from '../datasources';
import { lockstep } from '../lockstep-query';
import { asText, at, byNames, dataLink, organize, SEVERITY_MAPPING } from '../panels';
import { ONCALL_UID } from '../uids';

/** Entity filters from the dashboard's variables. */
const ENTITY = { host: '$host', container: '$container', service: '$service' } as const;

/** Coloured text for one column (an override may only carry an object value, which cell options are). */
function colorText(field: string) {
  return { matcher: byNames(field), properties: [{ id: 'custom.cellOptions', value: { type: 'color-text' } }] };
}

export function openIncidents() {
  return new TablePanel()
    .id(5)
    .gridPos(at(0, 4, 24, 8))
    .title('Open correlated incidents')
    .description(
      'Incidents still open where a CPU or latency spike and security signals on the same entity are tied ' +
        `together (score ${CORRELATED_SCORE} or more), highest score first, for the hosts, containers and services in view. ` +
        'Click a row to open the incident in Lockstep or to follow its host on this dashboard.',
    )
    .datasource(LOCKSTEP)
    .withTarget(
      lockstep({
        refId: 'A',
        queryType: 'incidents',
        ...ENTITY,
        status: 'open',
        minScore: CORRELATED_SCORE,
        limit: 100,
      }),
    )
    .transformations([
      asText(['culprit_pid']),
      organize(
        [
          ['severity', 'Severity'],
          ['score', 'Score'],
          ['host', 'Host'],
          ['container', 'Container'],
          ['service', 'Service'],
          ['culprit_name', 'Process'],
          ['culprit_pid', 'PID'],
          ['start', 'Started'],
          ['summary_ops', 'What happened'],
          ['id', 'Incident'],
        ],
        ['end', 'status', 'culprit', 'signals', 'anomalies', 'summary_security', 'summary_business'],
      ),
    ])
    .decimals(2)
    .mappings([SEVERITY_MAPPING])
    .withOverride(colorText('Severity'))
    .dataLinks([
      dataLink(
        'Open this incident in Lockstep',
        `${EXPLORER_PATH}?${INCIDENT_PARAM}=\${__data.fields.id:percentencode}`,
      ),
      dataLink(
        'Follow this host on the dashboard',
        `/d/${ONCALL_UID}?var-host=\${__data.fields.host:percentencode}&\${__url_time_range}`,
      ),
    ])
    .cellHeight(TableCellHeight.Sm)
    .sortBy([new TableSortByFieldStateBuilder().displayName('Score').desc(true)])
    .noValue('No open correlated incident');
}

/** What the spike panel shows for each metric (the timeline API needs a host, and a service for latency). */
const SPIKE = {
  cpu: {
    id: 6,
    x: 0,
    title: 'CPU spike on $host',
    what: 'The CPU of the selected host, or of the selected container,',
    choose: 'choose a host (and optionally a container) above',
    query: { host: '$host', container: '$container' },
  },
  latency: {
    id: 7,
    x: 12,
    title: 'Latency spike of $service on $host',
    what: 'The 95th percentile request latency of the selected service on the selected host',
    choose: 'choose a host and a service above',
    query: { host: '$host', service: '$service' },
  },
} as const;

/**
 * The spike panel's options, typed by the panel's own model so a renamed option breaks this build. The dashboard
 * annotations are kept off it: it draws the timeline's own signal markers, and they would double up.
 */
function spikeOptions(metric: SpikeOptions['metric']): SpikeOptions {
  return {
    metric,
    minSeverity: 'info',
    showAnnotations: false,
    showCulprit: true,
    showSummaries: true,
    cardWidth: 38,
  };
}

/** The spike panel on one entity's timeline: the series, the spike window, signals and the culprit. */
export function spikePanel(metric: NonNullable<LockstepQuery['metric']>) {
  const spike = SPIKE[metric];
  return new PanelBuilder()
    .type(SPIKE_PANEL)
    .id(spike.id)
    .gridPos(at(spike.x, 12, 12, 10))
    .title(spike.title)
    .description(
      `${spike.what} against its own recent baseline: the spike window shaded, security signals as markers and ` +
        `the process behind the spike beside it. It follows one entity: ${spike.choose}.`,
    )
    .datasource(LOCKSTEP)
    .withTarget(lockstep({ refId: 'A', queryType: 'timeline', ...spike.query, metric }))
    .options(spikeOptions(metric));
}

export function processesBehindSpike() {
  return new TablePanel()
    .id(8)
    .gridPos(at(0, 22, 12, 8))
    .title('Processes behind the latest spike')
    .description(
      'For the latest incident on the selected host in the time range, the processes that account for the rise ' +
        'in CPU, by their share of the rise (how much of the extra CPU each one used compared with before the spike). ' +
        'Culprit marks the process that accounts for the rise and carries the security evidence. Instances counts the ' +
        'processes one row stands for: a program restarted with a new pid, a worker pool, the compilers of a build. ' +
        'While a spike is under way the shares are the ones measured so far, kept current; they settle when it ends.',
    )
    .datasource(LOCKSTEP)
    .withTarget(lockstep({ refId: 'A', queryType: 'processes', ...ENTITY, limit: 20 }))
    .transformations([
      asText(['pid']),
      organize(
        [
          ['name', 'Process'],
          ['share', 'Share of the rise'],
          ['instances', 'Instances'],
          ['pid', 'PID'],
          ['owner', 'User'],
          ['container', 'Container'],
          ['command_line', 'Command line'],
          ['path', 'Executable'],
          ['culprit', 'Culprit'],
        ],
        ['process'],
      ),
    ])
    .unit('percentunit')
    .min(0)
    .max(1)
    .withOverride({
      matcher: byNames('Share of the rise'),
      properties: [{ id: 'custom.cellOptions', value: { type: TableCellDisplayMode.BasicGauge } }],
    })
    .sortBy([new TableSortByFieldStateBuilder().displayName('Share of the rise').desc(true)])
    .noValue('No spike with attributed processes in the time range');
}

export function signalStream() {
  return new TablePanel()
    .id(12)
    .gridPos(at(0, 38, 24, 10))
    .title('Security signals')
    .description(
      'Security signals from Falco, Tetragon, Suricata, auditd, the auth log, osquery and OTLP logs on the hosts ' +
        'and containers in view, newest first. Repeats counts a burst of one rule on one process kept as a single row.',
    )
    .datasource(LOCKSTEP)
    .withTarget(lockstep({ refId: 'A', queryType: 'signals', host: '$host', container: '$container', limit: 500 }))
    .transformations([
      asText(['pid']),
      organize(
        [
          ['time', 'Time'],
          ['severity', 'Severity'],
          ['source', 'Tool'],
          ['rule', 'Rule'],
          ['host', 'Host'],
          ['container', 'Container'],
          ['process_name', 'Process'],
          ['pid', 'PID'],
          ['count', 'Repeats'],
          ['match', 'Matched on'],
          ['output', 'Output'],
        ],
        ['timeEnd', 'process', 'id'],
      ),
    ])
    .mappings([SEVERITY_MAPPING])
    .withOverride(colorText('Severity'))
    .sortBy([new TableSortByFieldStateBuilder().displayName('Time').desc(true)])
    .noValue('No security signal in the time range');
}
