import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { DataFrame, EventBus, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Button, useStyles2 } from '@grafana/ui';
import type { Timeline } from '../../common/read-frames';
import type { SignalRecord } from '../../common/records';
import { timeFormatter } from '../model/format';
import { pickIncident, pickSeries } from '../model/incident';
import { GAP_PX, spikeLayout } from '../model/layout';
import { annotationMarkers, signalKey, signalMarkers, type Marker } from '../model/markers';
import { spikeRegions, type TimeRangeMs } from '../model/regions';
import type { SpikeOptions } from '../options';
import { SPIKE_TEST_IDS } from '../testIds';
import { CulpritCard } from './CulpritCard';
import { SpikeChart } from './SpikeChart';

export interface SpikeViewProps {
  timeline: Timeline;
  width: number;
  height: number;
  range: TimeRangeMs;
  timeZone: TimeZone;
  options: SpikeOptions;
  annotations?: DataFrame[];
  eventBus?: EventBus;
  onZoom?: (range: TimeRangeMs) => void;
  /** Show this incident in the card (the explorer's detail); otherwise the latest one. */
  incidentId?: string;
}

interface Highlight {
  key?: string;
  time: number;
}

/** The spike panel's body, shared with the explorer's detail: chart on the left, culprit card on the right. */
export function SpikeView(props: SpikeViewProps) {
  const { timeline, range, options, timeZone } = props;
  const styles = useStyles2(getStyles);
  const formatTime = useMemo(() => timeFormatter(timeZone), [timeZone]);
  const [highlight, setHighlight] = useState<Highlight | undefined>(undefined);
  const [pickedId, setPickedId] = useState<string | undefined>(undefined);

  const series = pickSeries(timeline.series, options.metric);
  const incidents = useMemo(() => [...timeline.incidents].sort((a, b) => a.start - b.start), [timeline.incidents]);
  const incident = pickIncident(incidents, pickedId ?? props.incidentId);
  const regions = useMemo(
    () => spikeRegions(timeline.anomalies, incidents, range, formatTime),
    [timeline.anomalies, incidents, range, formatTime]
  );
  const markers = useMemo(() => {
    const signals = timeline.signals ?? incidents.flatMap((i) => i.signals);
    const own = signalMarkers(signals, options.minSeverity, formatTime);
    if (!options.showAnnotations) {
      return own;
    }
    // One time order for both kinds: the arrow keys walk the markers left to right.
    return [...own, ...annotationMarkers(props.annotations, formatTime)].sort((a, b) => a.time - b.time);
  }, [timeline.signals, incidents, options.minSeverity, options.showAnnotations, props.annotations, formatTime]);

  const withCard = options.showCulprit || options.showSummaries;
  const layout = spikeLayout(props.width, props.height, withCard, options.cardWidth);
  const index = incident ? incidents.indexOf(incident) : -1;

  const onMarker = (marker: Marker | undefined): void =>
    setHighlight(marker ? { key: marker.key, time: marker.time } : undefined);
  const onSignal = (signal: SignalRecord | undefined): void =>
    setHighlight(signal ? { key: signalKey(signal), time: signal.time } : undefined);

  const picker =
    incidents.length > 1 && index >= 0 ? (
      <div className={styles.picker} data-testid={SPIKE_TEST_IDS.incidentPicker}>
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon="angle-left"
          aria-label="Previous incident"
          disabled={index === 0}
          onClick={() => setPickedId(incidents[index - 1]?.id)}
        />
        <span aria-live="polite">
          Incident {index + 1} of {incidents.length}
        </span>
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon="angle-right"
          aria-label="Next incident"
          disabled={index === incidents.length - 1}
          onClick={() => setPickedId(incidents[index + 1]?.id)}
        />
      </div>
    ) : undefined;

  return (
    <div className={layout.direction === 'row' ? styles.row : styles.column} data-testid={SPIKE_TEST_IDS.panel}>
      <SpikeChart
        width={layout.chart.width}
        height={layout.chart.height}
        series={series}
        range={range}
        regions={regions}
        markers={markers}
        highlight={highlight}
        onHighlight={onMarker}
        timeZone={timeZone}
        eventBus={props.eventBus}
        onZoom={props.onZoom}
      />
      {layout.card && (
        // A scrolling region takes focus so keyboard users can scroll it.
        <div
          className={styles.card}
          style={{ width: layout.card.width, height: layout.card.height }}
          tabIndex={0}
          role="region"
          aria-label="Culprit and evidence"
        >
          <CulpritCard
            incident={incident}
            anomalies={timeline.anomalies}
            formatTime={formatTime}
            showCulprit={options.showCulprit}
            showSummaries={options.showSummaries}
            highlightKey={highlight?.key}
            onHighlight={onSignal}
            headerExtra={picker}
          />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ display: 'flex', flexDirection: 'row', gap: GAP_PX }),
  column: css({ display: 'flex', flexDirection: 'column', gap: GAP_PX }),
  card: css({
    // Its width and height are the layout's, padding and border included.
    boxSizing: 'border-box',
    flex: 'none',
    overflow: 'auto',
    padding: theme.spacing(0.5, 1),
    borderLeft: `1px solid ${theme.colors.border.weak}`,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  picker: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), color: theme.colors.text.secondary }),
});
