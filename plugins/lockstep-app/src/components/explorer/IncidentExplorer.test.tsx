import React from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { of } from 'rxjs';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataQueryRequest, DataSourceApi } from '@grafana/data';
import type { LockstepQuery } from '../../common/query';
import { SPIKE_TEST_IDS } from '../../panel/testIds';
import { FakeUPlot } from '../../panel/testing/fakeUPlot';
import { at, incidentsFrame, PLAIN, timelineFrames, type Strings } from '../../panel/testing/fixtures';
import { hostileStrings, injectedElements } from '../../panel/testing/hostile';
import { IncidentExplorer } from './IncidentExplorer';
import { EXPLORER_TEST_IDS as ID } from './testIds';

jest.mock('uplot', () => ({
  __esModule: true,
  default: jest.requireActual('../../panel/testing/fakeUPlot').FakeUPlot,
}));

// The filter tests type into several fields: about 3 s in jsdom alone, past jest's 5 s on a loaded 2-core machine.
jest.setTimeout(20_000);

const NOW = at(60);
const HOUR = 3_600_000;

type Query = jest.Mock<ReturnType<DataSourceApi<LockstepQuery>['query']>, [DataQueryRequest<LockstepQuery>]>;

/** A data source answering like the Lockstep one: the incidents frame, or the timeline frames. */
function fakeDataSource(s: Strings = PLAIN, options: { listed?: boolean; fail?: string } = {}) {
  const query: Query = jest.fn((request: DataQueryRequest<LockstepQuery>) => {
    if (options.fail) {
      return Promise.reject({ status: 502, data: { message: options.fail } });
    }
    const target = request.targets[0];
    if (target?.queryType === 'timeline') {
      return of({ data: timelineFrames(s) });
    }
    const rows = [
      { id: 'in-1', start: at(20), end: at(30) },
      { id: 'in-0', start: at(5), end: at(8), severity: 'medium', score: 0.6, culprit: null },
    ];
    const frame = incidentsFrame(s, options.listed === false ? [] : rows);
    frame.meta = { notices: [{ severity: 'info', text: `Showing the newest 500; more match: ${s.host}` }] };
    return Promise.resolve({ data: [frame] });
  });
  return {
    ds: { uid: 'ls-uid', type: 'lockstep-correlation-datasource', query } as unknown as DataSourceApi<LockstepQuery>,
    query,
  };
}

function Probe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderExplorer(ds: DataSourceApi<LockstepQuery>, search = '') {
  return render(
    <MemoryRouter
      initialEntries={[`/a/lockstep-app/incidents${search}`]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <Routes>
        <Route
          path="/a/lockstep-app/incidents"
          element={
            <>
              <IncidentExplorer ds={ds} getNow={() => NOW} />
              <Probe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>
  );
}

const lastTarget = (query: Query): LockstepQuery | undefined => query.mock.calls.at(-1)?.[0].targets[0];
const search = (): URLSearchParams => new URLSearchParams(screen.getByTestId('location').textContent ?? '');

beforeEach(() => {
  FakeUPlot.instances = [];
});

describe('IncidentExplorer list', () => {
  it('lists the incidents of the last 24 hours, newest first', async () => {
    const { ds, query } = fakeDataSource();
    renderExplorer(ds);
    const rows = await screen.findAllByTestId(ID.row);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['in-1', 'in-0']);
    expect(rows[0]).toHaveTextContent(`${PLAIN.name} (pid 4242)`);
    expect(rows[1]).toHaveTextContent('none');
    expect(screen.getByText(`Showing the newest 500; more match: ${PLAIN.host}`)).toBeInTheDocument();
    const request = query.mock.calls[0]?.[0];
    expect(request?.targets).toEqual([
      { refId: 'incidents', queryType: 'incidents', status: 'all', minScore: 0.5, limit: 500 },
    ]);
    expect(request?.range.to.valueOf()).toBe(NOW);
    expect(request?.range.from.valueOf()).toBe(NOW - 24 * HOUR);
  });

  it('says what to try when nothing matches', async () => {
    renderExplorer(fakeDataSource(PLAIN, { listed: false }).ds);
    expect(await screen.findByTestId(ID.empty)).toHaveTextContent(/Widen the range/);
  });

  it("shows the data source's error in a sentence", async () => {
    renderExplorer(fakeDataSource(PLAIN, { fail: 'The correlator did not answer (502).' }).ds);
    expect(await screen.findByTestId(ID.error)).toHaveTextContent('The correlator did not answer (502).');
  });
});

describe('IncidentExplorer filters', () => {
  it('turns each filter into the query and the URL', async () => {
    const user = userEvent.setup({ delay: null });
    const { ds, query } = fakeDataSource();
    renderExplorer(ds);
    await screen.findAllByTestId(ID.row);

    await user.click(screen.getByRole('radio', { name: 'Open' }));
    await waitFor(() => expect(lastTarget(query)?.status).toBe('open'));

    await user.type(screen.getByLabelText('Host'), 'web-1{enter}');
    await waitFor(() => expect(lastTarget(query)?.host).toBe('web-1'));

    await user.type(screen.getByLabelText('Container'), 'abc123');
    await user.tab();
    await waitFor(() => expect(lastTarget(query)?.container).toBe('abc123'));

    await user.type(screen.getByLabelText('Service'), 'shop{enter}');
    await waitFor(() => expect(lastTarget(query)?.service).toBe('shop'));

    await user.clear(screen.getByLabelText('Minimum score'));
    await user.type(screen.getByLabelText('Minimum score'), '0.8{enter}');
    await waitFor(() => expect(lastTarget(query)?.minScore).toBe(0.8));

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => {
      const range = query.mock.calls.at(-1)?.[0].range;
      expect(range && range.to.valueOf() - range.from.valueOf()).toBe(7 * 24 * HOUR);
    });

    expect(Object.fromEntries(search())).toEqual({
      status: 'open',
      host: 'web-1',
      container: 'abc123',
      service: 'shop',
      minScore: '0.8',
      range: '7d',
    });
  });

  it('filters by severity in the page (the query has no severity)', async () => {
    const user = userEvent.setup({ delay: null });
    renderExplorer(fakeDataSource().ds);
    expect(await screen.findAllByTestId(ID.row)).toHaveLength(2);
    await user.click(screen.getByRole('radio', { name: 'High+' }));
    await waitFor(() => expect(screen.getAllByTestId(ID.row)).toHaveLength(1));
  });

  it('reads the filters from the URL', async () => {
    const { ds, query } = fakeDataSource();
    renderExplorer(ds, '?status=resolved&host=db-1&minScore=0&range=1h&severity=bogus');
    await screen.findAllByTestId(ID.row);
    expect(lastTarget(query)).toMatchObject({ status: 'resolved', host: 'db-1', minScore: 0 });
    expect(screen.getByLabelText('Host')).toHaveValue('db-1');
    expect(screen.getByRole('radio', { name: 'Any severity' })).toBeChecked();
  });

  it('says a score out of range is invalid and does not query it', async () => {
    const user = userEvent.setup({ delay: null });
    const { ds, query } = fakeDataSource();
    renderExplorer(ds);
    await screen.findAllByTestId(ID.row);
    const calls = query.mock.calls.length;
    await user.clear(screen.getByLabelText('Minimum score'));
    await user.type(screen.getByLabelText('Minimum score'), '7{enter}');
    expect(screen.getByText('A number from 0 to 1.')).toBeInTheDocument();
    expect(query.mock.calls).toHaveLength(calls);
  });
});

describe('IncidentExplorer detail', () => {
  it('opens the incident named in the URL, with the panel, the evidence and links to Explore', async () => {
    const { ds, query } = fakeDataSource();
    renderExplorer(ds, '?incident=in-1');
    const detail = await screen.findByTestId(ID.detail);
    expect(await within(detail).findByTestId(SPIKE_TEST_IDS.culpritName)).toHaveTextContent(PLAIN.name);
    expect(within(detail).getByRole('heading', { name: 'Incident in-1' })).toBeInTheDocument();
    expect(within(detail).getByTestId(SPIKE_TEST_IDS.culpritPid)).toHaveTextContent('4242');
    expect(within(detail).getAllByTestId(SPIKE_TEST_IDS.marker)).toHaveLength(3);

    const signals = within(screen.getByTestId(ID.evidenceSignals)).getAllByRole('row');
    expect(signals).toHaveLength(3);
    expect(signals[1]).toHaveTextContent(PLAIN.rule);
    expect(signals[1]).toHaveTextContent(PLAIN.output);
    expect(signals[1]).toHaveTextContent('process');
    const anomalies = within(screen.getByTestId(ID.evidenceAnomalies)).getAllByRole('row');
    expect(anomalies).toHaveLength(2);
    expect(anomalies[1]).toHaveTextContent('82% xmrig, pid 4242');

    const timelines = query.mock.calls.map((c) => c[0].targets[0]).filter((t) => t?.queryType === 'timeline');
    expect(timelines).toHaveLength(1);
    expect(timelines[0]).toMatchObject({
      incidentId: 'in-1',
      host: PLAIN.host,
      container: PLAIN.container,
      metric: 'cpu',
    });

    const links = screen.getAllByTestId(ID.exploreLink);
    expect(links.map((l) => l.getAttribute('href')?.startsWith('/explore?schemaVersion=1&panes='))).toEqual([
      true,
      true,
    ]);
    const panes = JSON.parse(new URL(`http://x${links[0]?.getAttribute('href')}`).searchParams.get('panes') ?? '{}');
    expect(panes.lockstep.queries[0]).toMatchObject({
      queryType: 'signals',
      host: PLAIN.host,
      datasource: { uid: 'ls-uid' },
    });
  });

  it('opens from the list and goes back to it with the filters kept', async () => {
    const user = userEvent.setup({ delay: null });
    renderExplorer(fakeDataSource().ds, '?status=resolved');
    await user.click((await screen.findAllByRole('link', { name: 'in-1' }))[0] as HTMLElement);
    expect(search().get('incident')).toBe('in-1');
    expect(await screen.findByTestId(ID.detail)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /All incidents/ }));
    expect(Object.fromEntries(search())).toEqual({ status: 'resolved' });
    expect(await screen.findAllByTestId(ID.row)).toHaveLength(2);
  });

  it('finds an incident that is not in the list through the data source, then queries its entity', async () => {
    const { ds, query } = fakeDataSource(PLAIN, { listed: false });
    renderExplorer(ds, '?incident=in-1');
    expect(await screen.findByTestId(SPIKE_TEST_IDS.culpritName)).toHaveTextContent(PLAIN.name);
    const timelines = query.mock.calls.map((c) => c[0]).filter((r) => r.targets[0]?.queryType === 'timeline');
    expect(timelines[0]?.targets[0]).toMatchObject({ incidentId: 'in-1', host: undefined });
    await waitFor(() => expect(query.mock.calls.at(-1)?.[0].targets[0]).toMatchObject({ host: PLAIN.host }));
    // Centred on the incident (12:20 to 12:30) with 15 minutes either side.
    const range = query.mock.calls.at(-1)?.[0].range;
    expect([range?.from.valueOf(), range?.to.valueOf()]).toEqual([at(5), at(45)]);
  });

  it('switches the chart to latency for the service', async () => {
    const user = userEvent.setup({ delay: null });
    const { ds, query } = fakeDataSource();
    renderExplorer(ds, '?incident=in-1');
    await screen.findByTestId(SPIKE_TEST_IDS.culpritName);
    await user.click(screen.getByRole('radio', { name: 'Latency' }));
    await waitFor(() => expect(lastTarget(query)).toMatchObject({ metric: 'latency', service: 'shop' }));
  });
});

describe('IncidentExplorer with hostile strings', () => {
  it.each([0, 5])('shows the list and the detail as text (payload offset %i)', async (offset) => {
    const s = hostileStrings(offset);
    const user = userEvent.setup({ delay: null });
    const { container } = renderExplorer(fakeDataSource(s).ds);
    const rows = await screen.findAllByTestId(ID.row);
    expect(rows[0]?.textContent).toContain(s.host);
    expect(rows[0]?.textContent).toContain(s.name);
    expect(injectedElements(container)).toEqual([]);

    await user.click(within(rows[0] as HTMLElement).getByRole('link'));
    await screen.findByTestId(SPIKE_TEST_IDS.culpritName);
    expect(injectedElements(container)).toEqual([]);
    const evidence = screen.getByTestId(ID.evidenceSignals).textContent ?? '';
    expect(evidence).toContain(s.rule);
    expect(evidence).toContain(s.output);
    for (const link of screen.getAllByTestId(ID.exploreLink)) {
      expect(link.getAttribute('href')).toMatch(/^\/explore\?/);
    }
  });
});
