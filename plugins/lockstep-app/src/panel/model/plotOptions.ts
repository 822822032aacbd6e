import uPlot from 'uplot';
import { colorManipulator, dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { formatValue, metricLabel } from './format';
import type { TimeRangeMs } from './regions';

/** Grafana's small text size. */
const AXIS_FONT_PX = 12;

export interface PlotOptionsInput {
  width: number;
  height: number;
  theme: GrafanaTheme2;
  timeZone: TimeZone;
  metric?: string;
  unit?: string;
  /** Read at every redraw, so a new dashboard range needs no new plot. */
  getRange: () => TimeRangeMs;
  /** Drag across the plot to zoom the dashboard's time range. */
  zoom: boolean;
  hooks: uPlot.Hooks.Arrays;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Tick labels as Grafana's own time axes write them (24-hour clock), in the dashboard's time zone. */
export function timeTicks(timeZone: TimeZone): (splits: number[], increment: number) => string[] {
  return (splits, increment) => {
    const format = increment >= DAY_MS ? 'MM/DD' : increment >= MINUTE_MS ? 'HH:mm' : 'HH:mm:ss';
    return splits.map((v) => dateTimeFormat(v, { timeZone, format }));
  };
}

/** Dates in the dashboard's time zone (uPlot formats in the browser's zone unless told). */
function tzDate(timeZone: TimeZone): ((ts: number) => Date) | undefined {
  if (timeZone === 'utc') {
    return (ts) => uPlot.tzDate(new Date(ts), 'Etc/UTC');
  }
  if (!timeZone || timeZone === 'browser') {
    return undefined;
  }
  return (ts) => uPlot.tzDate(new Date(ts), timeZone);
}

/**
 * uPlot options for the spike chart. Everything drawn by uPlot is on the canvas (axes, series) and the legend is
 * off: no text from the data reaches uPlot's DOM. The series label is a fixed word ("CPU", "latency").
 */
export function plotOptions(input: PlotOptionsInput): uPlot.Options {
  const { theme } = input;
  const line = theme.visualization.getColorByName('blue');
  const axisText = theme.colors.text.secondary;
  const grid = { stroke: theme.colors.border.weak, width: 1 };
  // uPlot scales the first number of the font by the pixel ratio, so the size is in px.
  const font = `${AXIS_FONT_PX}px ${theme.typography.fontFamily}`;
  const ticks = timeTicks(input.timeZone);
  return {
    width: Math.max(1, Math.floor(input.width)),
    height: Math.max(1, Math.floor(input.height)),
    ms: 1,
    tzDate: tzDate(input.timeZone),
    legend: { show: false },
    // Room on the right for half of the last time label.
    padding: [8, 24, 0, 0],
    cursor: {
      y: false,
      drag: { x: input.zoom, y: false, setScale: false },
      points: { show: false },
    },
    select: { show: input.zoom, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: () => [input.getRange().from, input.getRange().to] },
      y: { range: (_u, min, max) => [Math.min(0, min ?? 0), max !== null && max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        stroke: axisText,
        grid,
        ticks: grid,
        font,
        values: (_u, splits, _axis, _space, increment) => ticks(splits, increment),
      },
      {
        stroke: axisText,
        grid,
        ticks: grid,
        font,
        size: 60,
        values: (_u, splits) => splits.map((v) => (v === null ? '' : formatValue(v, input.unit))),
      },
    ],
    series: [
      {},
      {
        label: metricLabel(input.metric),
        stroke: line,
        fill: colorManipulator.alpha(line, 0.12),
        width: 1.5,
        spanGaps: false,
      },
    ],
    hooks: input.hooks,
  };
}
