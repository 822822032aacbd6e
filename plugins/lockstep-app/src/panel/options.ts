import type { PanelOptionsEditorBuilder } from '@grafana/data';
import { SEVERITIES, type Severity } from '../common/records';
import type { MetricChoice } from './model/incident';
import { SEVERITY_LABEL } from './model/severity';

/** Saved in the dashboard's panel JSON: renaming a key is a breaking change (add a migration handler then). */
export interface SpikeOptions {
  /** Which series to draw when the query returns more than one. */
  metric: MetricChoice;
  /** Signal markers at or above this severity. */
  minSeverity: Severity;
  /** Draw the dashboard's annotations as markers too. */
  showAnnotations: boolean;
  showCulprit: boolean;
  showSummaries: boolean;
  /** Width of the culprit card beside the chart, in percent of the panel. */
  cardWidth: number;
}

export const DEFAULT_OPTIONS: SpikeOptions = {
  metric: 'auto',
  minSeverity: 'info',
  showAnnotations: true,
  showCulprit: true,
  showSummaries: true,
  cardWidth: 38,
};

export function buildOptions(
  builder: PanelOptionsEditorBuilder<SpikeOptions>
): PanelOptionsEditorBuilder<SpikeOptions> {
  return builder
    .addRadio({
      path: 'metric',
      name: 'Series',
      description: 'Which series to draw when the query returns both CPU and latency.',
      defaultValue: DEFAULT_OPTIONS.metric,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'cpu', label: 'CPU' },
          { value: 'latency', label: 'Latency' },
        ],
      },
    })
    .addRadio({
      path: 'minSeverity',
      name: 'Signal markers from',
      description: 'Mark signals of this severity and above on the chart.',
      defaultValue: DEFAULT_OPTIONS.minSeverity,
      settings: { options: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] })) },
    })
    .addBooleanSwitch({
      path: 'showAnnotations',
      name: 'Dashboard annotations',
      description: "Mark the dashboard's annotations on the chart as well.",
      defaultValue: DEFAULT_OPTIONS.showAnnotations,
    })
    .addBooleanSwitch({
      path: 'showCulprit',
      name: 'Culprit card',
      description: 'The process behind the spike: name, pid, user, path, command line, parents, container.',
      defaultValue: DEFAULT_OPTIONS.showCulprit,
      category: ['Card'],
    })
    .addBooleanSwitch({
      path: 'showSummaries',
      name: 'Summaries',
      description: 'One sentence each for ops, security and the business.',
      defaultValue: DEFAULT_OPTIONS.showSummaries,
      category: ['Card'],
    })
    .addSliderInput({
      path: 'cardWidth',
      name: 'Card width (%)',
      defaultValue: DEFAULT_OPTIONS.cardWidth,
      settings: { min: 20, max: 60, step: 1 },
      category: ['Card'],
      showIf: (o) => o.showCulprit || o.showSummaries,
    });
}
