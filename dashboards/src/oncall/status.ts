import { CORRELATED_SCORE } from '@lockstep/contract';
import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  ReduceDataOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { MappingType, ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { CORRELATOR_JOB } from '../../../provisioning/src/alerts';
import { PROMETHEUS } from '../datasources';
import { at } from '../panels';
import { promInstant } from '../prometheus';

function stat(id: number, x: number, title: string, description: string) {
  return new StatPanel()
    .id(id)
    .gridPos(at(x, 0, 6, 4))
    .title(title)
    .description(description)
    .datasource(PROMETHEUS)
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .textMode(BigValueTextMode.Auto)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}

function steps(...pairs: Array<[number | null, string]>) {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps(pairs.map(([value, color]) => ({ value, color })));
}

/** One row of figures from the correlator's /metrics: is anything wrong right now, and is Lockstep itself up. */
export function statusStats() {
  return [
    stat(
      1,
      0,
      'Open correlated incidents (all hosts)',
      'Open incidents on every host where a CPU or latency spike is explained by a security signal ' +
        `(score ≥ ${CORRELATED_SCORE}), by severity. From the correlator's lockstep_incidents_open; not filtered by the variables.`,
    )
      .withTarget(promInstant('A', 'sum by (severity) (lockstep_incidents_open)', '{{severity}}'))
      .textMode(BigValueTextMode.ValueAndName)
      .thresholds(steps([null, 'green'], [1, 'red'])),
    stat(
      2,
      6,
      'Open spikes',
      'CPU and latency spikes open now on every host, with or without security evidence (lockstep_anomalies_open).',
    )
      .withTarget(promInstant('A', 'sum by (metric) (lockstep_anomalies_open)', '{{metric}}'))
      .textMode(BigValueTextMode.ValueAndName)
      .thresholds(steps([null, 'green'], [1, 'orange'])),
    stat(
      3,
      12,
      'Highest incident score on $host',
      'The highest score of the open incidents on the selected hosts: 0 to 1, how strongly a spike and the ' +
        `security signals are tied together; ${CORRELATED_SCORE} and above is a correlated incident.`,
    )
      .withTarget(promInstant('A', 'max(lockstep_incident_score_max{host=~"$host"})', 'score'))
      .decimals(2)
      .min(0)
      .max(1)
      .noValue('No open incident')
      .thresholds(steps([null, 'green'], [0.3, 'orange'], [CORRELATED_SCORE, 'red'])),
    stat(
      4,
      18,
      'Correlator',
      'Whether Prometheus can scrape the Lockstep correlator. When it is down, the Lockstep panels and incident ' +
        'alerts go quiet because nothing is being correlated, not because all is well.',
    )
      .withTarget(promInstant('A', `max(up{job="${CORRELATOR_JOB}"})`, 'correlator'))
      .mappings([
        {
          type: MappingType.ValueToText,
          options: { '0': { text: 'Down', color: 'red', index: 0 }, '1': { text: 'Up', color: 'green', index: 1 } },
        },
      ])
      .noValue('Not scraped')
      .colorMode(BigValueColorMode.Background),
  ];
}
