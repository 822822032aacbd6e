import { FRAME } from '../../common/frames';
import { answer, MINER_INCIDENT, RANGE } from '../__fixtures__/answers';
import { apiPath, fakeBackend, paramsOf, serve, type Reply } from '../__fixtures__/backend';
import { values } from '../__fixtures__/frames';
import { instanceSettings, request } from '../__fixtures__/settings';
import { fakeTemplateSrv } from '../__fixtures__/templates';
import { DataSource } from '../datasource';

const RANGE_PARAMS = { from: String(RANGE.from), to: String(RANGE.to) };
const routes: Record<string, Reply> = {
  '/api/v1/timeline': answer('timelineCpu'),
  [`/api/v1/incidents/${MINER_INCIDENT}`]: answer('incident'),
  '/api/v1/incidents': answer('incidentsFirstPage'),
};

function setup(replies = routes) {
  fakeTemplateSrv({ host: { current: ['api-8', 'web-1'] }, incident: { current: MINER_INCIDENT } });
  const backend = fakeBackend(serve(replies));
  return {
    ds: new DataSource(instanceSettings()),
    sent: () => backend.urls.map((url) => ({ path: apiPath(url), params: paramsOf(url) })),
  };
}

describe('timeline query', () => {
  it('answers the series plus the anomalies, signals and incidents frames for a host', async () => {
    const { ds, sent } = setup();
    const response = await ds.query(request([{ refId: 'T', queryType: 'timeline', host: 'api-8' }]));
    expect(sent()).toEqual([{ path: '/api/v1/timeline', params: { ...RANGE_PARAMS, host: 'api-8', metric: 'cpu' } }]);
    expect(response.data.map((f) => [f.name, f.refId, f.length])).toEqual([
      [FRAME.series, 'T', 193],
      [FRAME.anomalies, 'T', 1],
      [FRAME.signals, 'T', 1],
      [FRAME.incidents, 'T', 1],
    ]);
    expect(values(response.data[3], 'culprit_name')).toEqual(['xmrig']);
  });

  it('uses the first host of a multi-value variable and says so', async () => {
    const { ds, sent } = setup();
    const response = await ds.query(request([{ refId: 'T', queryType: 'timeline', host: '$host' }]));
    expect(sent()[0]?.params.host).toBe('api-8');
    expect(response.data[0]?.meta?.notices).toEqual([
      { severity: 'info', text: 'Host has 2 values selected; this query shows the first, api-8.' },
    ]);
  });

  it('draws an incident’s host and service latency when the query names the incident (a variable here)', async () => {
    const { ds, sent } = setup({ ...routes, '/api/v1/timeline': answer('timelineLatency') });
    const response = await ds.query(
      request([{ refId: 'T', queryType: 'timeline', metric: 'latency', incidentId: '$incident' }])
    );
    expect(sent()).toEqual([
      { path: `/api/v1/incidents/${MINER_INCIDENT}`, params: {} },
      { path: '/api/v1/timeline', params: { ...RANGE_PARAMS, host: 'api-8', service: 'payments', metric: 'latency' } },
    ]);
    expect(response.data[0]?.meta?.custom).toMatchObject({ metric: 'latency', unit: 's' });
    expect(values(response.data[3], 'id')).toEqual([MINER_INCIDENT]);
  });

  it('draws the host of the latest incident when no host is selected', async () => {
    const { ds, sent } = setup();
    await ds.query(request([{ refId: 'T', queryType: 'timeline', host: 'All' }]));
    expect(sent()).toEqual([
      { path: '/api/v1/incidents', params: { ...RANGE_PARAMS, limit: '1' } },
      { path: '/api/v1/timeline', params: { ...RANGE_PARAMS, host: 'api-8', metric: 'cpu' } },
    ]);
  });

  it('says what to set when there is no host and no incident', async () => {
    const { ds } = setup({ ...routes, '/api/v1/incidents': { status: 200, body: { items: [] } } });
    const response = await ds.query(request([{ refId: 'T', queryType: 'timeline' }]));
    expect(response.errors).toBeUndefined();
    expect(response.data.map((f) => f.length)).toEqual([0, 0, 0, 0]);
    expect(response.data[0]?.meta?.notices?.[0]?.text).toMatch(/^No incident in the time range: set Host/);
  });

  it('asks for a service before drawing latency', async () => {
    const { ds } = setup();
    const response = await ds.query(request([{ refId: 'T', queryType: 'timeline', host: 'api-8', metric: 'latency' }]));
    expect(response.errors?.[0]?.message).toBe(
      'The latency timeline is per service: set Service (a name or a variable such as $service).'
    );
  });

  it('refuses an incident id that a browser would read as a path, and encodes any other', async () => {
    const { ds, sent } = setup();
    const dots = await ds.query(request([{ refId: 'T', queryType: 'timeline', incidentId: '..' }]));
    expect(dots.errors?.[0]?.message).toBe('".." is not an incident id.');
    await ds.query(request([{ refId: 'T', queryType: 'timeline', incidentId: 'a/b?c' }]));
    expect(sent().at(-1)?.path).toBe('/api/v1/incidents/a%2Fb%3Fc');
  });
});
