import type uPlot from 'uplot';
import { createTheme } from '@grafana/data';
import { plotOptions, timeTicks, type PlotOptionsInput } from './plotOptions';

const dark = createTheme({ colors: { mode: 'dark' } });
const light = createTheme({ colors: { mode: 'light' } });

function input(overrides: Partial<PlotOptionsInput> = {}): PlotOptionsInput {
  return {
    width: 640.7,
    height: 300,
    theme: dark,
    timeZone: 'utc',
    metric: 'cpu',
    unit: '1',
    getRange: () => ({ from: 1000, to: 2000 }),
    zoom: true,
    hooks: {},
    ...overrides,
  };
}

describe('plotOptions', () => {
  it('keeps data text out of uPlot DOM: no legend, fixed series label', () => {
    const opts = plotOptions(input({ metric: '<img src=x onerror=alert(1)>' }));
    expect(opts.legend?.show).toBe(false);
    expect(opts.title).toBeUndefined();
    expect(opts.series[1]?.label).toBe('value');
    expect(plotOptions(input({ metric: 'cpu' })).series[1]?.label).toBe('CPU');
  });

  it('uses epoch milliseconds and reads the x range at every redraw', () => {
    let range = { from: 1000, to: 2000 };
    const opts = plotOptions(input({ getRange: () => range }));
    const x = opts.scales?.x?.range as (u: uPlot, min: number, max: number, key: string) => [number, number];
    expect(opts.ms).toBe(1);
    expect(x({} as uPlot, 0, 0, 'x')).toEqual([1000, 2000]);
    range = { from: 5000, to: 9000 };
    expect(x({} as uPlot, 0, 0, 'x')).toEqual([5000, 9000]);
  });

  it('starts the y axis at zero and formats its values in the series unit', () => {
    const opts = plotOptions(input());
    const y = opts.scales?.y?.range as (u: uPlot, min: number | null, max: number | null, key: string) => number[];
    expect(y({} as uPlot, 0.1, 0.9, 'y')).toEqual([0, 0.9 * 1.1]);
    expect(y({} as uPlot, null, null, 'y')).toEqual([0, 1]);
    const values = opts.axes?.[1]?.values as (u: uPlot, splits: number[]) => string[];
    expect(values({} as uPlot, [0, 0.5, 1])).toEqual(['0%', '50%', '100%']);
  });

  it('takes its colours from the theme, so light and dark each read', () => {
    const d = plotOptions(input({ theme: dark }));
    const l = plotOptions(input({ theme: light }));
    expect(d.axes?.[0]?.stroke).toBe(dark.colors.text.secondary);
    expect(l.axes?.[0]?.stroke).toBe(light.colors.text.secondary);
    expect(d.axes?.[0]?.stroke).not.toBe(l.axes?.[0]?.stroke);
  });

  it('turns drag-to-zoom on only when the caller can change the time range', () => {
    expect(plotOptions(input({ zoom: true })).cursor?.drag?.x).toBe(true);
    expect(plotOptions(input({ zoom: false })).cursor?.drag?.x).toBe(false);
  });

  it('sizes the plot in whole pixels', () => {
    expect(plotOptions(input()).width).toBe(640);
  });

  it.each([
    ['utc', true],
    ['browser', false],
    ['Europe/Paris', true],
  ])('formats dates in the %s time zone', (timeZone, custom) => {
    expect(plotOptions(input({ timeZone })).tzDate !== undefined).toBe(custom);
  });
});

describe('timeTicks', () => {
  const t = Date.parse('2026-03-01T13:05:30Z');
  it.each([
    [10_000, '13:05:30'],
    [600_000, '13:05'],
    [86_400_000, '03/01'],
  ])('labels ticks %i ms apart as %s (24-hour clock, dashboard time zone)', (increment, label) => {
    expect(timeTicks('utc')([t], increment)).toEqual([label]);
  });
});
