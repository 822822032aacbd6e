import React, { useMemo } from 'react';
import { DashboardCursorSync, LoadingState, type PanelProps } from '@grafana/data';
import { usePanelContext } from '@grafana/ui';
import { readTimeline, type Timeline } from '../common/read-frames';
import { PanelMessage } from './components/PanelMessage';
import { SpikeView } from './components/SpikeView';
import type { TimeRangeMs } from './model/regions';
import { DEFAULT_OPTIONS, type SpikeOptions } from './options';
import { SPIKE_TEST_IDS } from './testIds';

export const EMPTY_TEXT =
  'No data. Query the Lockstep data source with the query type "Entity timeline" for one host (and a container or ' +
  'service), or widen the time range.';

function isEmpty(timeline: Timeline): boolean {
  return (
    timeline.series.every((s) => s.times.length === 0) &&
    timeline.anomalies.length === 0 &&
    timeline.incidents.length === 0 &&
    (timeline.signals ?? []).length === 0
  );
}

/** The spike panel: reads the timeline frames and shows the chart and the culprit card, or says what is missing. */
export function SpikePanel(props: PanelProps<SpikeOptions>) {
  const { data, timeRange, width, height, onChangeTimeRange } = props;
  const options = { ...DEFAULT_OPTIONS, ...props.options };
  const result = useMemo(() => readTimeline(data.series), [data.series]);
  // Like Grafana's time series panels: no shared crosshair when the dashboard turns it off.
  const sync = usePanelContext().sync?.();
  const eventBus = sync === DashboardCursorSync.Off ? undefined : props.eventBus;
  const range: TimeRangeMs = useMemo(
    () => ({ from: timeRange.from.valueOf(), to: timeRange.to.valueOf() }),
    [timeRange]
  );

  if (!result.ok) {
    return (
      <PanelMessage kind="error" testId={SPIKE_TEST_IDS.error}>
        {result.error}
      </PanelMessage>
    );
  }
  if (isEmpty(result.value)) {
    const failed = data.state === LoadingState.Error ? data.errors?.[0] : undefined;
    if (failed) {
      return (
        <PanelMessage kind="error" testId={SPIKE_TEST_IDS.error}>
          The query failed: {failed.message ?? 'no reason given'}. Check the Lockstep data source&apos;s settings.
        </PanelMessage>
      );
    }
    if (data.state === LoadingState.Loading) {
      return null;
    }
    return (
      <PanelMessage kind="empty" testId={SPIKE_TEST_IDS.empty}>
        {EMPTY_TEXT}
      </PanelMessage>
    );
  }
  return (
    <SpikeView
      timeline={result.value}
      width={width}
      height={height}
      range={range}
      timeZone={props.timeZone}
      options={options}
      annotations={data.annotations}
      eventBus={eventBus}
      onZoom={(r) => onChangeTimeRange({ from: r.from, to: r.to })}
    />
  );
}
