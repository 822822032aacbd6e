import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { css } from '@emotion/css';
import type { EventBus, GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { SeriesRecord } from '../../common/read-frames';
import { crosshairSync, type CrosshairSync } from '../model/crosshair';
import type { Marker } from '../model/markers';
import { plotOptions } from '../model/plotOptions';
import type { SpikeRegion, TimeRangeMs } from '../model/regions';
import { SPIKE_TEST_IDS } from '../testIds';
import { ChartOverlay, type PlotArea } from './ChartOverlay';

export interface SpikeChartProps {
  width: number;
  height: number;
  series?: SeriesRecord;
  range: TimeRangeMs;
  regions: readonly SpikeRegion[];
  markers: readonly Marker[];
  highlight?: { key?: string; time: number };
  onHighlight?: (marker: Marker | undefined) => void;
  timeZone: TimeZone;
  /** The dashboard's bus: shared crosshair. */
  eventBus?: EventBus;
  /** Drag across the plot to zoom; omitted means no zoom. */
  onZoom?: (range: TimeRangeMs) => void;
}

function alignedData(series: SeriesRecord | undefined): uPlot.AlignedData {
  return series ? [series.times, series.values] : [[], []];
}

function measure(u: uPlot): PlotArea {
  const ratio = uPlot.pxRatio || 1;
  return {
    left: u.bbox.left / ratio,
    top: u.bbox.top / ratio,
    width: u.bbox.width / ratio,
    height: u.bbox.height / ratio,
    toX: (time) => u.valToPos(time, 'x'),
  };
}

/** Time under the cursor: the hovered point's, else the x position's (a plot without points still syncs). */
function cursorTime(u: uPlot): number | undefined {
  const left = u.cursor.left;
  if (left === undefined || left < 0) {
    return undefined;
  }
  const idx = u.cursor.idx;
  const x = idx !== null && idx !== undefined ? u.data[0][idx] : undefined;
  return x ?? u.posToVal(left, 'x');
}

/**
 * The entity's series drawn by uPlot (bundled; Grafana's TimeSeries is deprecated), with the spike windows and
 * signal markers laid over it. One uPlot instance lives as long as the theme, time zone and unit stay; size,
 * data and range changes update it in place.
 */
export function SpikeChart(props: SpikeChartProps) {
  const { width, height, series, range, timeZone, eventBus } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const syncRef = useRef<CrosshairSync | null>(null);
  const [area, setArea] = useState<PlotArea | null>(null);
  // The latest props for uPlot's hooks and for the next plot, without rebuilding the plot when they change.
  const rangeRef = useRef(range);
  const zoomRef = useRef(props.onZoom);
  const seriesRef = useRef(series);
  const sizeRef = useRef({ width, height });
  useLayoutEffect(() => {
    rangeRef.current = range;
    zoomRef.current = props.onZoom;
    seriesRef.current = series;
    sizeRef.current = { width, height };
  });
  const zoom = props.onZoom !== undefined;

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) {
      return undefined;
    }
    const options = plotOptions({
      ...sizeRef.current,
      theme,
      timeZone,
      metric: seriesRef.current?.metric,
      unit: seriesRef.current?.unit,
      getRange: () => rangeRef.current,
      zoom,
      hooks: {
        draw: [(u) => setArea(measure(u))],
        setCursor: [
          (u) => {
            // Only the user's own mouse moves are published; cursor moves made for other panels are not echoed.
            if (u.cursor.event) {
              syncRef.current?.hover(cursorTime(u));
            }
          },
        ],
        setSelect: [
          (u) => {
            if (u.select.width > 1) {
              zoomRef.current?.({
                from: u.posToVal(u.select.left, 'x'),
                to: u.posToVal(u.select.left + u.select.width, 'x'),
              });
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
    });
    const plot = new uPlot(options, alignedData(seriesRef.current), host);
    plotRef.current = plot;
    return () => {
      plot.destroy();
      plotRef.current = null;
    };
  }, [theme, timeZone, series?.metric, series?.unit, zoom]);

  useEffect(() => {
    plotRef.current?.setSize({ width: Math.max(1, Math.floor(width)), height: Math.max(1, Math.floor(height)) });
  }, [width, height]);

  useEffect(() => {
    plotRef.current?.setData(alignedData(series));
  }, [series, range.from, range.to]);

  useEffect(() => {
    if (!eventBus) {
      return undefined;
    }
    const sync = crosshairSync(eventBus, {
      onHover: (time) => {
        const u = plotRef.current;
        if (u) {
          u.setCursor({ left: u.valToPos(time, 'x'), top: u.bbox.height / (uPlot.pxRatio || 1) / 2 });
        }
      },
      onClear: () => plotRef.current?.setCursor({ left: -10, top: -10 }),
    });
    syncRef.current = sync;
    return () => {
      sync.dispose();
      syncRef.current = null;
    };
  }, [eventBus]);

  const noPoints = !series || series.times.length === 0;
  return (
    <div className={styles.root} style={{ width, height }} data-testid={SPIKE_TEST_IDS.chart}>
      <div ref={hostRef} />
      {area && (
        <ChartOverlay
          area={area}
          regions={props.regions}
          markers={props.markers}
          highlight={props.highlight}
          onHighlight={props.onHighlight}
        />
      )}
      {noPoints && (
        <div className={styles.noPoints} data-testid={SPIKE_TEST_IDS.noPoints}>
          No points in this range: the correlator keeps about two hours of each series in memory (Prometheus holds the
          history).
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    position: 'relative',
    flex: 'none',
    overflow: 'hidden',
    // uPlot's cursor line takes the theme's text colour (its CSS default is black, invisible on dark).
    '.u-cursor-x': { borderRight: `1px dashed ${theme.colors.text.secondary}` },
    '.u-select': { background: theme.colors.action.selected },
  }),
  noPoints: css({
    position: 'absolute',
    left: '50%',
    top: '40%',
    transform: 'translate(-50%, -50%)',
    maxWidth: '80%',
    textAlign: 'center',
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    pointerEvents: 'none',
  }),
});
