import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import type { ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import { MappingType } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { LOCKSTEP } from '../datasources';
import { lockstep } from '../lockstep-query';
import { at, byNames, organize } from '../panels';

/** The inventory's verdicts (AssetStatus in @lockstep/contract), in words and colours: green only when both sides see it. */
const STATUS_WORDS: ReadonlyArray<readonly [status: string, text: string, color: string]> = [
  ['managed', 'managed', 'green'],
  ['metrics-only', 'metrics only (no security coverage)', 'orange'],
  ['signals-only', 'signals only (nobody monitors it)', 'red'],
  ['metrics-silent', 'metrics went silent', 'orange'],
  ['signals-silent', 'security went silent', 'red'],
  ['changes-only', 'only changes name it', 'yellow'],
];

const STATUS_MAPPING: ValueMapping = {
  type: MappingType.ValueToText,
  options: Object.fromEntries(STATUS_WORDS.map(([status, text, color], index) => [status, { text, color, index }])),
};

function colorText(field: string) {
  return { matcher: byNames(field), properties: [{ id: 'custom.cellOptions', value: { type: 'color-text' } }] };
}

/** Every host, container and service seen in the time range, unmanaged first, with who sees it and since when. */
export function assetInventory() {
  return new TablePanel()
    .id(13)
    .gridPos(at(0, 48, 24, 9))
    .title('Asset inventory')
    .description(
      'Every host, container and service seen in the time range, and which side sees it: operations (metrics) and ' +
        'security (signals). Managed means both sides see it. An asset only one side sees is unmanaged — a machine ' +
        'with no security coverage, or one nobody monitors any more that still sends security events — and so is ' +
        'one a side went silent on. Unmanaged first; Open findings counts temporary firewall or access changes ' +
        'still open on it.',
    )
    .datasource(LOCKSTEP)
    .withTarget(lockstep({ refId: 'A', queryType: 'assets' }))
    .transformations([
      organize(
        [
          ['status', 'Verdict'],
          ['kind', 'Kind'],
          ['name', 'Name'],
          ['host', 'On host'],
          ['reason', 'Why'],
          ['findings', 'Open findings'],
          ['metrics_last', 'Metrics last seen'],
          ['signals_last', 'Signals last seen'],
          ['changes_last', 'Last change'],
          ['metrics_first', 'Metrics first seen'],
          ['signals_first', 'Signals first seen'],
        ],
        ['managed', 'changes_first'],
      ),
    ])
    .mappings([STATUS_MAPPING])
    .withOverride(colorText('Verdict'))
    .decimals(0)
    .noValue('No asset seen in the time range');
}

/** What changed on the entities in view: deploys, packages, configuration and firewall changes, newest first. */
export function recentChanges() {
  return new TablePanel()
    .id(14)
    .gridPos(at(0, 57, 24, 8))
    .title('Changes')
    .description(
      'What changed on the hosts, containers and services in view, newest first: deploys, package upgrades, ' +
        'configuration, firewall and access changes, from dpkg and apt logs, auditd, OTLP deployment records, ' +
        'Kubernetes events and change JSON. Temporary marks firewall and access changes that become a finding when ' +
        'nothing reverts them in time. A spike shortly after a change lists it; so do the markers on the charts.',
    )
    .datasource(LOCKSTEP)
    .withTarget(
      lockstep({
        refId: 'A',
        queryType: 'changes',
        host: '$host',
        container: '$container',
        service: '$service',
        limit: 200,
      }),
    )
    .transformations([
      organize(
        [
          ['time', 'Time'],
          ['kind', 'Kind'],
          ['summary', 'What changed'],
          ['actor', 'By'],
          ['host', 'Host'],
          ['service', 'Service'],
          ['container', 'Container'],
          ['source', 'Read from'],
          ['temporary', 'Temporary'],
          ['reverts', 'Reverts'],
        ],
        ['id'],
      ),
    ])
    .sortBy([new TableSortByFieldStateBuilder().displayName('Time').desc(true)])
    .noValue('No change in the time range');
}
