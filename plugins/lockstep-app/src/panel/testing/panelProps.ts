import { dateTime, EventBusSrv, LoadingState, type DataFrame, type PanelProps, type TimeRange } from '@grafana/data';
import { DEFAULT_OPTIONS, type SpikeOptions } from '../options';
import { at } from './fixtures';

export function timeRange(fromMinutes = 0, toMinutes = 60): TimeRange {
  const from = dateTime(at(fromMinutes));
  const to = dateTime(at(toMinutes));
  return { from, to, raw: { from, to } };
}

/** PanelProps as Grafana passes them, for tests. */
export function panelProps(
  series: DataFrame[],
  overrides: Partial<PanelProps<SpikeOptions>> = {}
): PanelProps<SpikeOptions> {
  const range = timeRange();
  return {
    id: 1,
    data: { state: LoadingState.Done, series, timeRange: range },
    timeRange: range,
    timeZone: 'utc',
    options: DEFAULT_OPTIONS,
    transparent: false,
    width: 1000,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Spike',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
    ...overrides,
  };
}
