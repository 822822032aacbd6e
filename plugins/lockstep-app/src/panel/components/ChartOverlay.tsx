import React, { useRef, useState, type KeyboardEvent } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { placeMarkers, type Marker } from '../model/markers';
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

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * Spike windows and signal markers laid over uPlot's plotting area as DOM (React text and attributes only), so
 * they carry accessible names and take keyboard focus. The markers are one tab stop (a roving tabindex): arrow
 * keys, Home and End move between them, and the focused one is highlighted.
 */
export function ChartOverlay({ area, regions, markers, highlight, onHighlight }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const listRef = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(0);
  const placedRegions = placeRegions(regions, area.toX, area.width);
  const placedMarkers = placeMarkers(markers, area.toX, area.width);
  const tabStop = Math.min(active, Math.max(0, placedMarkers.length - 1));
  const highlightX = highlight ? area.toX(highlight.time) : undefined;

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
          className={cx(styles.region, region.kind === 'incident' ? styles.incident : styles.anomaly)}
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
          {placedMarkers.map(({ marker, x }, index) => {
            const highlighted = highlight?.key === marker.key;
            return (
              <li
                key={marker.key}
                className={marker.kind === 'annotation' ? styles.annotationSlot : styles.signalSlot}
                style={{ left: x }}
              >
                {marker.kind === 'annotation' && <span className={styles.annotationLine} />}
                <button
                  type="button"
                  tabIndex={index === tabStop ? 0 : -1}
                  aria-label={marker.label}
                  aria-pressed={highlighted}
                  title={marker.label}
                  data-testid={SPIKE_TEST_IDS.marker}
                  data-kind={marker.kind}
                  data-severity={marker.severity}
                  data-time={marker.time}
                  className={cx(styles.marker, highlighted && styles.markerHighlighted)}
                  onFocus={() => {
                    setActive(index);
                    onHighlight?.(marker);
                  }}
                  onBlur={() => onHighlight?.(undefined)}
                  onMouseEnter={() => onHighlight?.(marker)}
                  onMouseLeave={() => onHighlight?.(undefined)}
                >
                  <span
                    className={styles.shape}
                    style={{
                      backgroundColor:
                        marker.kind === 'annotation'
                          ? theme.colors.primary.main
                          : severityColor(theme, marker.severity),
                      clipPath: SHAPE_CLIP[marker.kind === 'annotation' ? 'square' : SEVERITY_SHAPE[marker.severity]],
                    }}
                  />
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  overlay: css({ position: 'absolute', pointerEvents: 'none' }),
  region: css({ position: 'absolute', top: 0, bottom: 0 }),
  incident: css({
    background: theme.colors.error.transparent,
    borderLeft: `1px solid ${theme.colors.error.border}`,
    borderRight: `1px solid ${theme.colors.error.border}`,
  }),
  anomaly: css({ background: theme.colors.warning.transparent }),
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
  }),
  markerHighlighted: css({ transform: 'scale(1.5)', zIndex: 1 }),
  shape: css({ display: 'block', width: MARKER_PX, height: MARKER_PX }),
});
