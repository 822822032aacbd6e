import { FRAME } from '../../common/frames';
import { answer, MINER_INCIDENT, RANGE } from '../__fixtures__/answers';
import { apiPath, fakeBackend, paramsOf, serve, type Reply } from '../__fixtures__/backend';
import { values } from '../__fixtures__/frames';
import { instanceSettings, request } from '../__fixtures__/settings';
import { fakeTemplateSrv } from '../__fixtures__/templates';
import { DataSource } from '../datasource';

const routes: Record<string, Reply> = {
  [`/api/v1/incidents/${MINER_INCIDENT}`]: answer('incident'),
  '/api/v1/incidents': answer('incidentsFirstPage'),
  '/api/v1/anomalies': answer('anomaliesOfIncident'),
};

function setup(replies = routes) {
  fakeTemplateSrv();
  const backend = fakeBackend(serve(replies));
  return {
    ds: new DataSource(instanceSettings()),
    sent: () => backend.urls.map((url) => ({ path: apiPath(url), params: paramsOf(url) })),
  };
}

describe('processes query', () => {
  it('reads the incident, then the anomalies on its host during its window, and lists their processes', async () => {
    const { ds, sent } = setup();
    const response = await ds.query(request([{ refId: 'P', queryType: 'processes', incidentId: MINER_INCIDENT }]));
    const start = Date.parse('2026-04-23T10:08:00.000Z');
    expect(sent()).toEqual([
      { path: `/api/v1/incidents/${MINER_INCIDENT}`, params: {} },
      // Still open: its window runs to the end of the range.
      {
        path: '/api/v1/anomalies',
        params: { from: String(start), to: String(RANGE.to + 1), host: 'api-8', limit: '1000' },
      },
    ]);
    const [frame] = response.data;
    expect(frame?.name).toBe(FRAME.processes);
    expect(frame?.refId).toBe('P');
    expect(values(frame, 'name')).toEqual(['xmrig', 'node']);
    expect(values(frame, 'culprit')).toEqual([true, false]);
  });

  it('keeps the largest shares up to the limit', async () => {
    const { ds } = setup();
    const response = await ds.query(
      request([{ refId: 'P', queryType: 'processes', incidentId: MINER_INCIDENT, limit: 1 }])
    );
    expect(values(response.data[0], 'name')).toEqual(['xmrig']);
  });

  it('takes the latest incident on the entity when no id is given', async () => {
    const { ds, sent } = setup();
    await ds.query(request([{ refId: 'P', queryType: 'processes', host: 'api-8' }]));
    expect(sent()[0]).toEqual({
      path: '/api/v1/incidents',
      params: { from: String(RANGE.from), to: String(RANGE.to), host: 'api-8', limit: '1' },
    });
  });

  it('answers an empty frame with a notice when there is no incident', async () => {
    const { ds } = setup({ ...routes, '/api/v1/incidents': { status: 200, body: { items: [] } } });
    const response = await ds.query(request([{ refId: 'P', queryType: 'processes', host: 'quiet-1' }]));
    expect(response.data[0]?.length).toBe(0);
    expect(response.data[0]?.meta?.notices).toEqual([
      { severity: 'info', text: 'No incident on this entity in the time range.' },
    ]);
  });

  it('shows the processes behind a spike that is still open, with their shares so far and no notice', async () => {
    const page = answer('anomaliesOfIncident');
    const items = (page.body as { items: Array<{ metric: string }> }).items;
    (page.body as { items: unknown[] }).items = items.filter((a) => a.metric === 'cpu');
    const { ds } = setup({ ...routes, '/api/v1/anomalies': page });
    const response = await ds.query(request([{ refId: 'P', queryType: 'processes', incidentId: MINER_INCIDENT }]));
    expect(values(response.data[0], 'name')).toEqual(['xmrig', 'node']);
    expect(values(response.data[0], 'share')).toEqual([0.977, 0.023]);
    expect(values(response.data[0], 'culprit')).toEqual([true, false]);
    expect(response.data[0]?.meta?.notices ?? []).toEqual([]);
  });

  it('says so when the incident’s spikes are no longer stored', async () => {
    const { ds } = setup({ ...routes, '/api/v1/anomalies': { status: 200, body: { items: [] } } });
    const response = await ds.query(request([{ refId: 'P', queryType: 'processes', incidentId: MINER_INCIDENT }]));
    expect(response.data[0]?.meta?.notices?.[0]?.text).toBe(
      `No spike of incident ${MINER_INCIDENT} is stored any more.`
    );
  });

  it('reports an unknown incident id in the API’s words', async () => {
    const { ds } = setup();
    const response = await ds.query(request([{ refId: 'P', queryType: 'processes', incidentId: 'inc_nope' }]));
    expect(response.errors?.[0]).toMatchObject({ status: 404, message: expect.stringContaining('inc_nope') });
  });
});
