import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createDataFrame,
  createTheme,
  DashboardCursorSync,
  DataHoverClearEvent,
  DataHoverEvent,
  FieldType,
  LoadingState,
  ThemeContext,
  type BusEvent,
  type GrafanaTheme2,
} from '@grafana/data';
import { PanelContextProvider } from '@grafana/ui';
import { SpikePanel, EMPTY_TEXT } from './SpikePanel';
import { DEFAULT_OPTIONS } from './options';
import { SPIKE_TEST_IDS as ID } from './testIds';
import { FakeUPlot } from './testing/fakeUPlot';
import { at, incidentsFrame, PLAIN, timelineFrames } from './testing/fixtures';
import { hostileStrings, injectedElements } from './testing/hostile';
import { panelProps } from './testing/panelProps';

jest.mock('uplot', () => ({ __esModule: true, default: jest.requireActual('./testing/fakeUPlot').FakeUPlot }));

const dark = createTheme({ colors: { mode: 'dark' } });
const light = createTheme({ colors: { mode: 'light' } });

function renderPanel(props = panelProps(timelineFrames()), theme: GrafanaTheme2 = dark) {
  const ui = (p: typeof props, t: GrafanaTheme2) => (
    <ThemeContext.Provider value={t}>
      <SpikePanel {...p} />
    </ThemeContext.Provider>
  );
  const result = render(ui(props, theme));
  return { ...result, props, rerenderWith: (p: typeof props, t = theme) => result.rerender(ui(p, t)) };
}

beforeEach(() => {
  FakeUPlot.instances = [];
});

describe('SpikePanel culprit card', () => {
  it('shows every field of the culprit', () => {
    renderPanel();
    expect(screen.getByTestId(ID.culpritName)).toHaveTextContent(PLAIN.name);
    expect(screen.getByTestId(ID.culpritPid)).toHaveTextContent('4242');
    expect(screen.getByTestId(ID.culpritOwner)).toHaveTextContent(PLAIN.owner);
    expect(screen.getByTestId(ID.culpritPath)).toHaveTextContent(PLAIN.path);
    expect(screen.getByTestId(ID.culpritCommandLine)).toHaveTextContent(PLAIN.commandLine);
    expect(screen.getByTestId(ID.culpritParents)).toHaveTextContent('bashsshdsystemdparent pid 4000');
    expect(screen.getByTestId(ID.culpritContainer)).toHaveTextContent(PLAIN.container);
    expect(screen.getByTestId(ID.culpritStarted)).toHaveTextContent('2026-03-01 12:19:00');
    expect(screen.getByTestId(ID.culpritShare)).toHaveTextContent('82% of the CPU rise');
  });

  it("lists the incident's signals with severity, source, time, process and output, the culprit's first", () => {
    renderPanel();
    const items = within(screen.getByTestId(ID.signals)).getAllByTestId(ID.signal);
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      `Criticalfalco2026-03-01 12:21:00${PLAIN.rule}xmrig, pid 4242on the culpritmatched by process3 times${PLAIN.output}`
    );
    expect(items[1]).toHaveTextContent('Mediumauditd2026-03-01 12:22:00');
    expect(within(items[1] as HTMLElement).getByTestId(ID.signalUser)).toHaveTextContent(`user ${PLAIN.owner}`);
    expect(within(items[1] as HTMLElement).getByTestId(ID.signalPeers)).toHaveTextContent(
      'from 203.0.113.9:4242 to [2001:db8::5]:22'
    );
    expect(items[1]).toHaveTextContent('failed');
  });

  it('shows the three summaries', () => {
    renderPanel();
    expect(screen.getByTestId(ID.summaryOps)).toHaveTextContent(PLAIN.summary);
    expect(screen.getByTestId(ID.summarySecurity)).toHaveTextContent('xmrig ran a crypto miner.');
    expect(screen.getByTestId(ID.summaryBusiness)).toHaveTextContent('Checkout was slower for 10 minutes.');
  });

  it('hides the culprit details and the summaries when the options say so', () => {
    renderPanel(
      panelProps(timelineFrames(), { options: { ...DEFAULT_OPTIONS, showCulprit: false, showSummaries: false } })
    );
    expect(screen.queryByTestId(ID.card)).not.toBeInTheDocument();
    expect(screen.queryByTestId(ID.culpritName)).not.toBeInTheDocument();
    expect(screen.queryByTestId(ID.summaries)).not.toBeInTheDocument();
  });

  it('says so when an incident has no culprit, and when the range has no incident', () => {
    const { rerenderWith, props } = renderPanel(
      panelProps([incidentsFrame(undefined, [{ id: 'x', start: at(1), end: at(2), culprit: null }])])
    );
    expect(screen.getByTestId(ID.noCulprit)).toHaveTextContent(/No culprit/);
    rerenderWith({ ...props, data: { ...props.data, series: timelineFrames().slice(0, 3) } });
    expect(screen.getByTestId(ID.noCulprit)).toHaveTextContent(/No incident in this range/);
  });

  it('steps between incidents when the range holds several', async () => {
    const frame = incidentsFrame(undefined, [
      { id: 'a', start: at(5), end: at(6) },
      { id: 'b', start: at(20), end: at(30), culprit: null },
    ]);
    renderPanel(panelProps([frame]));
    expect(screen.getByTestId(ID.incidentPicker)).toHaveTextContent('Incident 1 of 2');
    await userEvent.click(screen.getByRole('button', { name: 'Next incident' }));
    expect(screen.getByTestId(ID.incidentPicker)).toHaveTextContent('Incident 2 of 2');
    expect(screen.getByTestId(ID.noCulprit)).toBeInTheDocument();
  });
});

describe('SpikePanel chart', () => {
  it('draws the series with uPlot over the dashboard range', () => {
    renderPanel();
    const plot = FakeUPlot.latest();
    expect(plot.data[0]).toHaveLength(361);
    expect(plot.valToPos(at(0))).toBe(0);
    expect(plot.valToPos(at(60))).toBe(plot.bbox.width);
    expect(screen.getByTestId(ID.chart)).toContainElement(plot.root);
  });

  it("shades the spike windows and marks the signals at uPlot's x positions", () => {
    renderPanel();
    const plot = FakeUPlot.latest();
    const regions = screen.getAllByTestId(ID.region);
    expect(regions.map((r) => [r.dataset.kind, r.style.left, r.style.width])).toEqual([
      ['incident', `${plot.valToPos(at(20))}px`, `${plot.valToPos(at(30)) - plot.valToPos(at(20))}px`],
      ['anomaly', `${plot.valToPos(at(50))}px`, `${plot.bbox.width - plot.valToPos(at(50))}px`],
    ]);
    const markers = screen.getAllByTestId(ID.marker);
    expect(markers.map((m) => [m.dataset.severity, m.closest('li')?.style.left])).toEqual([
      ['critical', `${plot.valToPos(at(21))}px`],
      ['medium', `${plot.valToPos(at(22))}px`],
      ['low', `${plot.valToPos(at(40))}px`],
    ]);
    expect(markers[0]).toHaveAccessibleName(
      `Critical falco signal on xmrig (pid 4242): ${PLAIN.rule} at 2026-03-01 12:21:00, 3 times`
    );
  });

  it('marks only signals at or above the chosen severity, plus dashboard annotations', () => {
    const annotations = [
      createDataFrame({
        fields: [
          { name: 'time', type: FieldType.time, values: [at(10)] },
          { name: 'text', type: FieldType.string, values: ['deploy'] },
        ],
      }),
    ];
    const props = panelProps(timelineFrames(), { options: { ...DEFAULT_OPTIONS, minSeverity: 'high' } });
    renderPanel({ ...props, data: { ...props.data, annotations } });
    expect(screen.getAllByTestId(ID.marker).map((m) => m.dataset.kind)).toEqual(['annotation', 'signal']);
  });

  it('follows the panel size', () => {
    const { rerenderWith, props } = renderPanel();
    const plot = FakeUPlot.latest();
    const before = plot.bbox.width;
    rerenderWith({ ...props, width: 1400 });
    expect(plot.bbox.width).toBeGreaterThan(before);
    expect(FakeUPlot.instances).toHaveLength(1);
    expect(screen.getAllByTestId(ID.marker)[0]?.closest('li')?.style.left).toBe(`${plot.valToPos(at(21))}px`);
  });

  it('stacks the card under the chart on a narrow panel', () => {
    renderPanel(panelProps(timelineFrames(), { width: 400, height: 600 }));
    expect(FakeUPlot.latest().opts.width).toBe(400);
    expect(FakeUPlot.latest().opts.height).toBe(300);
  });

  it('zooms the dashboard to a dragged selection', () => {
    const { props } = renderPanel();
    const plot = FakeUPlot.latest();
    act(() => plot.dragSelect(plot.valToPos(at(10)), plot.valToPos(at(20)) - plot.valToPos(at(10))));
    const [range] = (props.onChangeTimeRange as jest.Mock).mock.calls[0];
    expect(Math.round(range.from)).toBe(at(10));
    expect(Math.round(range.to)).toBe(at(20));
  });
});

describe('SpikePanel shared crosshair', () => {
  it('publishes the hovered time on the dashboard bus and clears it when the mouse leaves', () => {
    const { props } = renderPanel();
    const seen: BusEvent[] = [];
    props.eventBus.subscribe(DataHoverEvent, (e) => seen.push(e));
    props.eventBus.subscribe(DataHoverClearEvent, (e) => seen.push(e));
    const plot = FakeUPlot.latest();
    act(() => plot.mouseMove(100, 5));
    expect((seen[0] as DataHoverEvent).payload.point.time).toBe(plot.data[0][5]);
    act(() => plot.mouseMove(-10, null));
    expect(seen[1]).toBeInstanceOf(DataHoverClearEvent);
  });

  it('neither publishes nor follows when the dashboard turns the shared crosshair off', () => {
    const props = panelProps(timelineFrames());
    const published = jest.spyOn(props.eventBus, 'publish');
    render(
      <PanelContextProvider
        value={{ eventsScope: 'global', eventBus: props.eventBus, sync: () => DashboardCursorSync.Off }}
      >
        <SpikePanel {...props} />
      </PanelContextProvider>
    );
    const plot = FakeUPlot.latest();
    act(() => plot.mouseMove(100, 5));
    act(() => props.eventBus.publish(new DataHoverEvent({ point: { time: at(30) } })));
    expect(published).toHaveBeenCalledTimes(1);
    expect(plot.cursorMoves).toEqual([]);
  });

  it("moves its cursor to other panels' hover and does not echo it", () => {
    const { props } = renderPanel();
    const plot = FakeUPlot.latest();
    const published = jest.spyOn(props.eventBus, 'publish');
    act(() => props.eventBus.publish(new DataHoverEvent({ point: { time: at(30) } })));
    expect(plot.cursorMoves.at(-1)?.left).toBe(plot.valToPos(at(30)));
    expect(published).toHaveBeenCalledTimes(1);
  });
});

describe('SpikePanel keyboard', () => {
  it('reaches the markers (one tab stop), the card and its signals in order', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel();
    const markers = screen.getAllByTestId(ID.marker);
    await user.tab();
    expect(markers[0]).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(markers[1]).toHaveFocus();
    expect(markers[1]).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{End}');
    expect(markers[2]).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('region', { name: 'Culprit and evidence' })).toHaveFocus();
    await user.tab();
    expect(within(screen.getByTestId(ID.signals)).getAllByRole('button')[0]).toHaveFocus();
  });

  it("highlights a signal's marker while the signal has focus", async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel();
    const signal = within(screen.getByTestId(ID.signals)).getAllByRole('button')[1] as HTMLElement;
    act(() => signal.focus());
    expect(screen.getAllByTestId(ID.marker)[1]).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId(ID.highlight).style.left).toBe(`${FakeUPlot.latest().valToPos(at(22))}px`);
    await user.tab();
    expect(screen.getAllByTestId(ID.marker)[1]).toHaveAttribute('aria-pressed', 'false');
  });
});

describe('SpikePanel themes', () => {
  it.each([
    ['dark', dark],
    ['light', light],
  ])("takes the %s theme's colours for markers and axes", (_name, theme) => {
    renderPanel(undefined, theme);
    const shape = screen.getAllByTestId(ID.marker)[0]?.firstElementChild as HTMLElement;
    expect(getComputedStyle(shape).backgroundColor).toBe(toRgb(theme.colors.error.main));
    expect(FakeUPlot.latest().opts.axes?.[0]?.stroke).toBe(theme.colors.text.secondary);
  });

  it('redraws with the new colours when the theme switches', () => {
    const { rerenderWith, props } = renderPanel(undefined, dark);
    rerenderWith(props, light);
    expect(FakeUPlot.instances).toHaveLength(2);
    expect(FakeUPlot.instances[0]?.destroyed).toBe(true);
    expect(FakeUPlot.latest().opts.axes?.[0]?.stroke).toBe(light.colors.text.secondary);
  });
});

describe('SpikePanel empty and error states', () => {
  it('says what to query when there is no data', () => {
    renderPanel(panelProps([]));
    expect(screen.getByTestId(ID.empty)).toHaveTextContent(EMPTY_TEXT);
  });

  it('says the frames are wrong instead of throwing', () => {
    const bad = createDataFrame({ name: 'series', fields: [{ name: 'value', type: FieldType.number, values: [1] }] });
    renderPanel(panelProps([bad]));
    expect(screen.getByRole('alert')).toHaveTextContent('The series frame has no "time" field');
  });

  it('says the query failed', () => {
    const props = panelProps([]);
    renderPanel({ ...props, data: { ...props.data, state: LoadingState.Error, errors: [{ message: 'Bad Gateway' }] } });
    expect(screen.getByTestId(ID.error)).toHaveTextContent('The query failed: Bad Gateway.');
  });

  it('renders garbage values without throwing', () => {
    const garbage = createDataFrame({
      name: 'incidents',
      fields: [
        { name: 'id', type: FieldType.string, values: ['x', 7, null] },
        { name: 'start', type: FieldType.time, values: [at(1), 'soon', {}] },
        { name: 'culprit', type: FieldType.other, values: [{ 'process.pid': 'NaN', 'process.executable.name': 3 }] },
        { name: 'signals', type: FieldType.other, values: [[{ time: at(2), severity: {}, rule: ['x'] }]] },
        { name: 'summary_ops', type: FieldType.other, values: [{ toString: 1 }] },
      ],
    });
    renderPanel(panelProps([garbage]));
    expect(screen.getByTestId(ID.noCulprit)).toBeInTheDocument();
    expect(screen.getByTestId(ID.summaryOps)).toHaveTextContent('No summary yet.');
  });
});

describe('SpikePanel with hostile strings', () => {
  it.each([0, 3, 6])('renders markup from the data as text, never as elements (payload offset %i)', (offset) => {
    const s = hostileStrings(offset);
    const { container } = renderPanel(panelProps(timelineFrames(s)));
    expect(injectedElements(container)).toEqual([]);
    expect(screen.getByTestId(ID.culpritName).textContent).toBe(s.name);
    expect(screen.getByTestId(ID.culpritOwner).textContent).toBe(s.owner);
    expect(screen.getByTestId(ID.culpritPath).textContent).toBe(s.path);
    expect(screen.getByTestId(ID.culpritCommandLine).textContent).toBe(s.commandLine);
    expect(screen.getByTestId(ID.culpritContainer).textContent).toBe(s.container);
    expect(screen.getByTestId(ID.summaryOps).textContent).toBe(s.summary);
    expect(screen.getByTestId(ID.signals)).toHaveTextContent(s.rule, { normalizeWhitespace: false });
    expect(screen.getByTestId(ID.signals).textContent).toContain(s.output);
    expect(screen.getAllByTestId(ID.marker)[0]?.getAttribute('aria-label')).toContain(s.rule);
    expect(container.textContent).toContain(s.host);
  });
});

/** jsdom reports inline colours as rgb(); the theme's are hex. */
function toRgb(hex: string): string {
  const el = document.createElement('div');
  el.style.backgroundColor = hex;
  return el.style.backgroundColor;
}
