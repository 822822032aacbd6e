import type uPlot from 'uplot';

/**
 * Stand-in for uPlot in jsdom (no canvas): it keeps the options, lays the plotting area out at a fixed offset,
 * maps times linearly onto it like uPlot's `valToPos`, and runs the hooks the chart relies on.
 */
export const PLOT_LEFT = 60;
export const PLOT_TOP = 8;
const AXIS_HEIGHT = 30;

export class FakeUPlot {
  static pxRatio = 1;
  static tzDate = (date: Date): Date => date;
  static instances: FakeUPlot[] = [];

  opts: uPlot.Options;
  data: uPlot.AlignedData;
  root: HTMLElement;
  over: HTMLElement;
  cursor: { left?: number; top?: number; idx?: number | null; event?: MouseEvent | null } = {};
  select = { left: 0, top: 0, width: 0, height: 0 };
  bbox = { left: PLOT_LEFT, top: PLOT_TOP, width: 0, height: 0 };
  destroyed = false;
  cursorMoves: Array<{ left: number; top: number }> = [];

  constructor(opts: uPlot.Options, data: uPlot.AlignedData, target: HTMLElement) {
    this.opts = opts;
    this.data = data;
    this.root = document.createElement('div');
    this.root.className = 'uplot';
    this.over = document.createElement('div');
    this.over.className = 'u-over';
    this.root.appendChild(this.over);
    target.appendChild(this.root);
    this.layout(opts.width, opts.height);
    FakeUPlot.instances.push(this);
    this.fire('draw');
  }

  static latest(): FakeUPlot {
    const plot = FakeUPlot.instances[FakeUPlot.instances.length - 1];
    if (!plot) {
      throw new Error('no plot was created');
    }
    return plot;
  }

  private layout(width: number, height: number): void {
    this.bbox = {
      left: PLOT_LEFT,
      top: PLOT_TOP,
      width: width - PLOT_LEFT - 8,
      height: height - PLOT_TOP - AXIS_HEIGHT,
    };
  }

  private fire(hook: keyof uPlot.Hooks.Arrays): void {
    const fns = (this.opts.hooks?.[hook] ?? []) as Array<(u: unknown) => void>;
    fns.forEach((fn) => fn(this));
  }

  private xRange(): [number, number] {
    const range = this.opts.scales?.x?.range;
    if (typeof range === 'function') {
      const [min, max] = range(this as unknown as uPlot, 0, 0, 'x');
      return [min ?? 0, max ?? 1];
    }
    return [0, 1];
  }

  valToPos(value: number): number {
    const [min, max] = this.xRange();
    return ((value - min) / (max - min)) * this.bbox.width;
  }

  posToVal(pos: number): number {
    const [min, max] = this.xRange();
    return min + (pos / this.bbox.width) * (max - min);
  }

  setSize({ width, height }: { width: number; height: number }): void {
    this.layout(width, height);
    this.fire('draw');
  }

  setData(data: uPlot.AlignedData): void {
    this.data = data;
    this.fire('draw');
  }

  setCursor(pos: { left: number; top: number }): void {
    this.cursor = { ...pos, idx: null, event: null };
    this.cursorMoves.push(pos);
    this.fire('setCursor');
  }

  /** What uPlot does when the user's mouse moves over the plot. */
  mouseMove(left: number, idx: number | null): void {
    this.cursor = { left, top: 10, idx, event: new MouseEvent('mousemove') };
    this.fire('setCursor');
  }

  /** What uPlot does when the user drags across the plot. */
  dragSelect(left: number, width: number): void {
    this.select = { left, top: 0, width, height: this.bbox.height };
    this.fire('setSelect');
  }

  setSelect(select: { left: number; top: number; width: number; height: number }): void {
    this.select = select;
  }

  destroy(): void {
    this.destroyed = true;
    this.root.remove();
  }
}
