import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  GraphDrawStyle,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VisibilityMode,
  VizLegendOptionsBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import type { DataTransformerConfig } from '@grafana/grafana-foundation-sdk/dashboard';
import { ThresholdsConfigBuilder, ThresholdsMode } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarChartPanel } from '@grafana/grafana-foundation-sdk/barchart';
import {
  PanelBuilder as PieChartPanel,
  PieChartLabels,
  PieChartLegendOptionsBuilder,
  PieChartLegendValues,
  PieChartType,
} from '@grafana/grafana-foundation-sdk/piechart';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import type { KpiName } from '../../../plugins/lockstep-app/src/common/query';
import { LOCKSTEP } from '../datasources';
import { lockstep } from '../lockstep-query';
import { at, byNames, organize, SEVERITY_COLORS } from '../panels';

/** One KPI per query, so every panel states what its single figure means. */
function kpi(kpi: KpiName) {
  return lockstep({ refId: 'A', queryType: 'kpis', kpi });
}

/** A fixed colour for one field, by its displayed name (an override value must be an object: a colour is). */
function fixedColor(displayName: string, color: string) {
  return {
    matcher: byNames(displayName),
    properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }],
  };
}

function stat(id: number, gridPos: ReturnType<typeof at>, title: string, description: string) {
  return new StatPanel()
    .id(id)
    .gridPos(gridPos)
    .title(title)
    .description(description)
    .datasource(LOCKSTEP)
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
}

/**
 * `rows` KPIs arrive as label/value rows; one field per row lets the stat and pie panels name, order and colour
 * each figure (Grafana's rowsToFields: the first string field names, the first number field gives the values).
 */
const ROWS_TO_FIELDS: DataTransformerConfig = { id: 'rowsToFields', options: {} };

const SEVERITY_WORDS: Record<string, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export function openBySeverity() {
  const panel = stat(
    2,
    at(0, 6, 12, 6),
    'Open security-related slowdowns, by severity',
    'How many security-related slowdowns are open in the chosen period, split by how serious they are. ' +
      'Critical and High deserve attention today; zero everywhere is the goal.',
  )
    .withTarget(kpi('openBySeverity'))
    .textMode(BigValueTextMode.ValueAndName)
    .decimals(0)
    .transformations([
      ROWS_TO_FIELDS,
      organize(
        SEVERITY_COLORS.map(([severity]) => [severity, SEVERITY_WORDS[severity] ?? severity] as const),
        [],
      ),
    ]);
  for (const [severity, color] of SEVERITY_COLORS)
    panel.withOverride(fixedColor(SEVERITY_WORDS[severity] ?? severity, color));
  return panel;
}

/** Severity weights of `riskExposure` (docs/api.md, "Risk exposure"): each step doubles. */
const RISK_POINTS = { low: 1, medium: 2, high: 4, critical: 8 } as const;

export function riskExposure() {
  return stat(
    3,
    at(12, 6, 6, 6),
    'Risk exposure',
    'One number for how much security risk is open: every open security-related slowdown adds points by ' +
      `severity — ${RISK_POINTS.low} for low, ${RISK_POINTS.medium} for medium, ${RISK_POINTS.high} for high, ` +
      `${RISK_POINTS.critical} for critical — scaled by how sure Lockstep is that the slowdown and the suspicious ` +
      'activity belong together (half to full points). 0 means nothing is open. Watch it rise or fall over time; ' +
      `it does not compare across companies. Red from ${RISK_POINTS.critical}, as much as one certain critical slowdown.`,
  )
    .withTarget(kpi('riskExposure'))
    .unit('none')
    .decimals(1)
    .min(0)
    .thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
        { value: null, color: 'green' },
        { value: 0.5, color: 'orange' },
        { value: RISK_POINTS.critical, color: 'red' },
      ]),
    );
}

export function coverage() {
  // The data source's row labels (KPI_FRAMES in plugins/lockstep-app/src/common/frames.ts), in plainer words.
  const names: ReadonlyArray<readonly [string, string, string]> = [
    ['Metrics and signals', 'Performance and security', 'green'],
    ['Metrics only', 'Performance only', 'orange'],
    ['Signals only', 'Security only', 'yellow'],
  ];
  const panel = new PieChartPanel()
    .id(4)
    .gridPos(at(18, 6, 6, 6))
    .title('Machines we can fully check')
    .description(
      'The machines that reported in the chosen period, by what they send. Only machines sending both ' +
        'performance and security information can have a security-related slowdown detected; the others are ' +
        'blind spots to close.',
    )
    .datasource(LOCKSTEP)
    .withTarget(kpi('coverage'))
    .pieType(PieChartType.Donut)
    .displayLabels([PieChartLabels.Percent])
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .legend(
      new PieChartLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Right)
        .values([PieChartLegendValues.Value]),
    )
    .decimals(0)
    .transformations([
      ROWS_TO_FIELDS,
      organize(
        names.map(([row, label]) => [row, label] as const),
        [],
      ),
    ]);
  for (const [, label, color] of names) panel.withOverride(fixedColor(label, color));
  return panel;
}

export function openByService() {
  return new BarChartPanel()
    .id(5)
    .gridPos(at(0, 12, 12, 8))
    .title('Open security-related slowdowns, by business service')
    .description(
      'Which of our business services the open security-related slowdowns in the chosen period affect, and how ' +
        'many each service has: the services whose customers may notice.',
    )
    .datasource(LOCKSTEP)
    .withTarget(kpi('openByService'))
    .orientation(VizOrientation.Horizontal)
    .showValue(VisibilityMode.Always)
    .legend(new VizLegendOptionsBuilder().showLegend(false).displayMode(LegendDisplayMode.Hidden).calcs([]))
    .decimals(0)
    .min(0);
}

export function incidentsOverTime() {
  return new TimeseriesPanel()
    .id(6)
    .gridPos(at(12, 12, 12, 8))
    .title('New security-related slowdowns over time')
    .description(
      'How many new security-related slowdowns started in each interval of the chosen period. A rising trend ' +
        'means such problems are becoming more frequent.',
    )
    .datasource(LOCKSTEP)
    .withTarget(kpi('incidentsOverTime'))
    .drawStyle(GraphDrawStyle.Bars)
    .fillOpacity(80)
    .legend(new VizLegendOptionsBuilder().showLegend(false).displayMode(LegendDisplayMode.Hidden).calcs([]))
    .decimals(0)
    .min(0);
}

/**
 * Mean time to resolve and its trend: this week against the week before (panels with their own fixed periods,
 * which the dashboard's time picker does not move, so the comparison always means the same thing), and the
 * average per interval over the chosen period.
 */
export function timeToResolve() {
  const weeks = [
    ['Average time to resolve, last 7 days', undefined, 'in the last 7 days'],
    ['Average time to resolve, the 7 days before', '7d', 'in the 7 days before those'],
  ] as const;
  const comparison = weeks.map(([title, shift, when], index) => {
    const panel = stat(
      7 + index,
      at(index * 6, 20, 6, 7),
      title,
      'How long, on average, a security-related slowdown lasted from when it started until it was over, for ' +
        `those that ended ${when}. Lower is better; compare the two to see whether we are getting faster.`,
    )
      .withTarget(kpi('meanTimeToResolve'))
      .unit('ms')
      .decimals(1)
      .timeFrom('7d')
      .noValue('None ended')
      .thresholds(new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([{ value: null, color: 'text' }]));
    return shift === undefined ? panel : panel.timeShift(shift);
  });
  const trend = new TimeseriesPanel()
    .id(9)
    .gridPos(at(12, 20, 12, 7))
    .title('Average time to resolve, over time')
    .description(
      'For each interval of the chosen period, how long the security-related slowdowns that ended in it lasted ' +
        'on average. Intervals where none ended are skipped. A falling line means we resolve them faster.',
    )
    .datasource(LOCKSTEP)
    .withTarget(kpi('meanTimeToResolveOverTime'))
    .showPoints(VisibilityMode.Always)
    .pointSize(6)
    .spanNulls(true)
    .legend(new VizLegendOptionsBuilder().showLegend(false).displayMode(LegendDisplayMode.Hidden).calcs([]))
    .unit('ms')
    .decimals(1)
    .min(0);
  return [...comparison, trend];
}

/**
 * Risk and time to resolve per business service of the service catalogue, with its tier: which part of the
 * business the open risk sits in, and how fast each one gets back to normal.
 */
export function byBusinessService() {
  return new TablePanel()
    .id(10)
    .gridPos(at(0, 27, 12, 9))
    .title('Risk and time to resolve, by business service')
    .description(
      'Each business service named in the service catalogue (the list of what each system means to the business: ' +
        'its name, how critical it is, who owns it), with the security-related slowdowns in the chosen period. ' +
        'Tier 1 is the most critical. Slowdowns counts those that touched the service; Open those still going on; ' +
        'Risk exposure adds up the open ones as the Risk exposure figure does; Average time to resolve is how long ' +
        'the ones that ended lasted. "unassigned" gathers machines the catalogue does not name yet. Riskiest first.',
    )
    .datasource(LOCKSTEP)
    .withTarget(kpi('byBusinessService'))
    .transformations([
      organize(
        [
          ['name', 'Business service'],
          ['tier', 'Tier'],
          ['incidents', 'Slowdowns'],
          ['open', 'Open'],
          ['risk', 'Risk exposure'],
          ['mean_time_to_resolve', 'Average time to resolve'],
        ],
        ['service'],
      ),
    ])
    .sortBy([new TableSortByFieldStateBuilder().displayName('Risk exposure').desc(true)])
    .noValue('No security-related slowdown in the chosen period');
}

export function unmanagedAssets() {
  return stat(
    11,
    at(12, 27, 6, 9),
    'Machines and services we do not fully manage',
    'Of all the machines, containers and services that reported in the chosen period, the share that only one ' +
      'side sees: operations sees it but no security tool covers it, or a security tool still reports from a ' +
      'machine nobody monitors (a forgotten server), or one side stopped hearing from it. You cannot protect what ' +
      'you do not know you have: 0 % is the goal. The on-call dashboard lists them in its asset inventory.',
  )
    .withTarget(kpi('unmanagedAssets'))
    .unit('percent')
    .decimals(1)
    .min(0)
    .max(100)
    .noValue('Nothing reported')
    .thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
        { value: null, color: 'green' },
        { value: 0.1, color: 'orange' },
        { value: 10, color: 'red' },
      ]),
    );
}

export function changeRelated() {
  return stat(
    12,
    at(18, 27, 6, 9),
    'Slowdowns that followed a change',
    'Of the slowdowns that started in the chosen period, the share that began shortly after a change on the same ' +
      'system — a new software release, a package upgrade, a configuration or firewall change. Operations teams ' +
      'know it as the change failure rate: a high share means changes are where problems come from, and more ' +
      'careful releases would prevent them. It counts every slowdown Lockstep opened an incident for, however sure ' +
      'it is of the security link.',
  )
    .withTarget(kpi('changeRelated'))
    .unit('percentunit')
    .decimals(0)
    .min(0)
    .max(1)
    .noValue('No slowdown started')
    .thresholds(
      new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
        { value: null, color: 'green' },
        { value: 0.15, color: 'orange' },
        { value: 0.3, color: 'red' },
      ]),
    );
}
