import React, { memo, useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { SEVERITIES, type Severity } from '../../common/records';
import { clusterMarkers, markerHolds, placeMarkers, type Marker } from '../model/markers';
import { placeRegions, type SpikeRegion } from '../model/regions';
import { severityColor, SEVERITY_SHAPE, SHAPE_CLIP } from '../model/severity';
import { SPIKE_TEST_IDS } from '../testIds';

/** The plotting area as uPlot laid it out, in CSS pixels, and its time-to-x mapping. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  toX: (time: number) => number;
}

interface Props {
  area: PlotArea;
  regions: readonly SpikeRegion[];
  markers: readonly Marker[];
  highlight?: { key?: string; time: number };
  onHighlight?: (marker: Marker | undefined) => void;
}

const MARKER_PX = 12;
/** Markers closer than this merge into one (half a marker: neighbours may touch but stay tellable apart). */
const CLUSTER_PX = MARKER_PX / 2;

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

type Styles = ReturnType<typeof getStyles>;

interface MarkerItemProps {
  marker: Marker;
  x: number;
  index: number;
  tabbable: boolean;
  highlighted: boolean;
  styles: Styles;
  onFocusMarker: (index: number, marker: Marker) => void;
  onHover: (marker: Marker | undefined) => void;
}

/**
 * One marker. Memoized with stable handlers: with 2,000 markers, hovering or focusing one re-renders two items,
 * not the whole list.
 */
const MarkerItem = memo(function MarkerItem(props: MarkerItemProps) {
  const { marker, styles, onHover } = props;
  const annotation = marker.kind === 'annotation';
  return (
    <li className={annotation ? styles.annotationSlot : styles.signalSlot} style={{ left: props.x }}>
      {annotation && <span className={styles.annotationLine} />}
      <button
        type="button"
        tabIndex={props.tabbable ? 0 : -1}
        aria-label={marker.label}
        aria-pressed={props.highlighted}
        title={marker.label}
        data-testid={SPIKE_TEST_IDS.marker}
        data-kind={marker.kind}
        data-severity={marker.severity}
        data-time={marker.time}
        className={styles.marker}
        onFocus={() => props.onFocusMarker(props.index, marker)}
        onBlur={() => onHover(undefined)}
        onMouseEnter={() => onHover(marker)}
        onMouseLeave={() => onHover(undefined)}
      >
        <span className={annotation ? styles.shapes.annotation : styles.shapes[marker.severity]} />
      </button>
    </li>
  );
});

/**
 * Spike windows and signal markers laid over uPlot's plotting area as DOM (React text and attributes only), so
 * they carry accessible names and take keyboard focus. The markers are one tab stop (a roving tabindex): arrow
 * keys, Home and End move between them, and the focused one is highlighted.
 */
export function ChartOverlay({ area, regions, markers, highlight, onHighlight }: Props) {
  const styles = useStyles2(getStyles);
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(0);
  const placedRegions = placeRegions(regions, area.toX, area.width);
  const placedMarkers = clusterMarkers(placeMarkers(markers, area.toX, area.width), CLUSTER_PX);
  const tabStop = Math.min(active, Math.max(0, placedMarkers.length - 1));
  const highlightX = highlight ? area.toX(highlight.time) : undefined;

  // The latest handler, behind stable callbacks (see MarkerItem).
  const highlightRef = useRef(onHighlight);
  useLayoutEffect(() => {
    highlightRef.current = onHighlight;
  });
  const onHover = useCallback((marker: Marker | undefined) => highlightRef.current?.(marker), []);
  const onFocusMarker = useCallback((index: number, marker: Marker) => {
    setActive(index);
    highlightRef.current?.(marker);
  }, []);

  const focusMarker = (index: number): void => {
    const clamped = Math.max(0, Math.min(placedMarkers.length - 1, index));
    setActive(clamped);
    listRef.current?.querySelectorAll('button')[clamped]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (NEXT_KEYS.has(event.key)) {
      focusMarker(tabStop + 1);
    } else if (PREV_KEYS.has(event.key)) {
      focusMarker(tabStop - 1);
    } else if (event.key === 'Home') {
      focusMarker(0);
    } else if (event.key === 'End') {
      focusMarker(placedMarkers.length - 1);
    } else if (event.key === 'Escape') {
      onHighlight?.(undefined);
      return;
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <div className={styles.overlay} style={{ left: area.left, top: area.top, width: area.width, height: area.height }}>
      {placedRegions.map(({ region, left, width }) => (
        <div
          key={region.key}
          role="img"
          aria-label={region.label}
          title={region.label}
          data-testid={SPIKE_TEST_IDS.region}
          data-kind={region.kind}
          data-open={region.open}
          className={region.kind === 'incident' ? styles.incident : styles.anomaly}
          style={{ left, width }}
        />
      ))}
      {highlightX !== undefined && Number.isFinite(highlightX) && highlightX >= 0 && highlightX <= area.width && (
        <div className={styles.highlightLine} style={{ left: highlightX }} data-testid={SPIKE_TEST_IDS.highlight} />
      )}
      {placedMarkers.length > 0 && (
        <ul
          ref={listRef}
          className={styles.markers}
          aria-label="Security signals on the chart (arrow keys move between them)"
          data-testid={SPIKE_TEST_IDS.markers}
          onKeyDown={onKeyDown}
        >
          {placedMarkers.map(({ marker, x }, index) => (
            <MarkerItem
              key={marker.key}
              marker={marker}
              x={x}
              index={index}
              tabbable={index === tabStop}
              highlighted={markerHolds(marker, highlight?.key)}
              styles={styles}
              onFocusMarker={onFocusMarker}
              onHover={onHover}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** One class per marker shape and colour, so 2,000 markers share six classes instead of carrying inline styles. */
function shapeClasses(theme: GrafanaTheme2): Record<Severity | 'annotation', string> {
  const shape = (color: string, clip: string): string =>
    css({ display: 'block', width: MARKER_PX, height: MARKER_PX, backgroundColor: color, clipPath: clip });
  const classes = { annotation: shape(theme.colors.primary.main, SHAPE_CLIP.square) } as Record<
    Severity | 'annotation',
    string
  >;
  for (const severity of SEVERITIES) {
    classes[severity] = shape(severityColor(theme, severity), SHAPE_CLIP[SEVERITY_SHAPE[severity]]);
  }
  return classes;
}

const getStyles = (theme: GrafanaTheme2) => ({
  overlay: css({ position: 'absolute', pointerEvents: 'none' }),
  incident: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    background: theme.colors.error.transparent,
    borderLeft: `1px solid ${theme.colors.error.border}`,
    borderRight: `1px solid ${theme.colors.error.border}`,
  }),
  anomaly: css({ position: 'absolute', top: 0, bottom: 0, background: theme.colors.warning.transparent }),
  highlightLine: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px solid ${theme.colors.text.primary}`,
    transform: 'translateX(-1px)',
  }),
  markers: css({ listStyle: 'none', margin: 0, padding: 0 }),
  signalSlot: css({ position: 'absolute', top: 2, transform: 'translateX(-50%)' }),
  annotationSlot: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'flex-end',
    transform: 'translateX(-50%)',
  }),
  annotationLine: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: '50%',
    borderLeft: `1px dashed ${theme.colors.primary.border}`,
  }),
  marker: css({
    position: 'relative',
    display: 'block',
    width: MARKER_PX + 4,
    height: MARKER_PX + 4,
    padding: 2,
    border: 'none',
    borderRadius: theme.shape.radius.default,
    background: 'transparent',
    cursor: 'pointer',
    pointerEvents: 'auto',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
    '&[aria-pressed="true"]': { transform: 'scale(1.5)', zIndex: 1 },
  }),
  shapes: shapeClasses(theme),
});
