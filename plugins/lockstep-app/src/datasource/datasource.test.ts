import { FRAME } from '../common/frames';
import type { LockstepQuery } from '../common/query';
import { answer, RANGE } from './__fixtures__/answers';
import { apiPath, fakeBackend, paramsOf, serve } from './__fixtures__/backend';
import { values } from './__fixtures__/frames';
import { instanceSettings, request } from './__fixtures__/settings';
import { fakeTemplateSrv } from './__fixtures__/templates';
import type { ApiIncident, ApiPage } from './api/types';
import { DataSource } from './datasource';

const RANGE_PARAMS = { from: String(RANGE.from), to: String(RANGE.to) };
const lists = {
  '/api/v1/incidents': answer('incidents'),
  '/api/v1/anomalies': answer('anomalies'),
  '/api/v1/signals': answer('signals'),
  '/api/v1/changes': answer('changes'),
  '/api/v1/assets': answer('assets'),
};

function setup(routes: Parameters<typeof serve>[0] = lists) {
  const backend = fakeBackend(serve(routes));
  const ds = new DataSource(instanceSettings());
  const sent = () => backend.urls.map((url) => ({ path: apiPath(url), params: paramsOf(url) }));
  return { ds, backend, sent };
}

beforeEach(() => {
  fakeTemplateSrv({
    host: { current: 'api-8' },
    hosts: { current: ['api-8', 'web-1'] },
    all: { current: '$__all', options: ['api-8', 'web-1'] },
  });
});

describe('list queries', () => {
  it.each<[LockstepQuery['queryType'], string, Record<string, string>, string]>([
    ['incidents', '/api/v1/incidents', { min_score: '0.5', limit: '100' }, FRAME.incidents],
    ['anomalies', '/api/v1/anomalies', { limit: '100' }, FRAME.anomalies],
    ['signals', '/api/v1/signals', { limit: '100' }, FRAME.signals],
    ['changes', '/api/v1/changes', { limit: '100' }, FRAME.changes],
    ['assets', '/api/v1/assets', {}, FRAME.assets],
  ])(
    '%s: the request’s time range in epoch ms, defaults, and one frame for the target',
    async (queryType, path, params, frame) => {
      const { ds, sent } = setup();
      const response = await ds.query(request([{ refId: 'A', queryType }]));
      expect(sent()).toEqual([{ path, params: { ...RANGE_PARAMS, ...params } }]);
      expect(response.errors).toBeUndefined();
      expect(response.data.map((f) => [f.name, f.refId])).toEqual([[frame, 'A']]);
    }
  );

  it('sends the entity filters after template variables, and each option of the query type', async () => {
    const { ds, sent } = setup();
    await ds.query(
      request([
        {
          refId: 'A',
          queryType: 'incidents',
          host: '$host',
          service: 'payments',
          status: 'open',
          minScore: 0.25,
          limit: 20,
        },
        { refId: 'B', queryType: 'anomalies', container: 'c0ffeec0ffee', metric: 'latency' },
        { refId: 'C', queryType: 'signals', host: '$all', source: 'falco', limit: 5000 },
      ])
    );
    expect(sent()).toEqual([
      {
        path: '/api/v1/incidents',
        params: { ...RANGE_PARAMS, host: 'api-8', service: 'payments', status: 'open', min_score: '0.25', limit: '20' },
      },
      {
        path: '/api/v1/anomalies',
        params: { ...RANGE_PARAMS, container: 'c0ffeec0ffee', metric: 'latency', limit: '100' },
      },
      // All selected: no host filter; the limit is capped at the API's 1000.
      { path: '/api/v1/signals', params: { ...RANGE_PARAMS, source: 'falco', limit: '1000' } },
    ]);
  });

  it('takes a repeated panel’s scoped variable', async () => {
    const { ds, sent } = setup();
    await ds.query(
      request([{ refId: 'A', queryType: 'incidents', host: '$host' }], { host: { text: 'web-1', value: 'web-1' } })
    );
    expect(sent()[0]?.params.host).toBe('web-1');
  });

  it('shows every incident with minScore 0 and both statuses with status all', async () => {
    const { ds, sent } = setup();
    await ds.query(request([{ refId: 'A', queryType: 'incidents', minScore: 0, status: 'all' }]));
    expect(sent()[0]?.params).toEqual({ ...RANGE_PARAMS, limit: '100' });
  });

  it('asks once per selected host of a multi-value variable and merges the answers newest first', async () => {
    const incidents = answer('incidents').body as ApiPage<ApiIncident>;
    const byHost = (host: string | null) => ({
      status: 200,
      body: { items: incidents.items.filter((i) => i.entity['host.name'] === host) },
    });
    const backend = fakeBackend((url) => byHost(url.searchParams.get('host')));
    const ds = new DataSource(instanceSettings());
    const response = await ds.query(request([{ refId: 'A', queryType: 'incidents', host: '$hosts' }]));
    expect(backend.urls.map((u) => u.searchParams.get('host'))).toEqual(['api-8', 'web-1']);
    expect(values(response.data[0], 'id')).toEqual(['inc_8672e622071b1709', 'inc_resolved_web1']);
  });

  it('says when more rows match than the limit', async () => {
    const { ds } = setup({ '/api/v1/incidents': answer('incidentsFirstPage') });
    const response = await ds.query(request([{ refId: 'A', queryType: 'incidents', limit: 1 }]));
    expect(response.data[0]?.meta?.notices).toEqual([
      {
        severity: 'info',
        text: 'Showing the newest 1; more match: raise the limit (up to 1000) or narrow the time range.',
      },
    ]);
  });
});

describe('errors', () => {
  it('reports a failing target with its sentence and status while the others still answer', async () => {
    const { ds } = setup({ ...lists, '/api/v1/signals': answer('badLimit') });
    const response = await ds.query(
      request([
        { refId: 'A', queryType: 'incidents' },
        { refId: 'B', queryType: 'signals' },
      ])
    );
    expect(response.data.map((f) => f.refId)).toEqual(['A']);
    expect(response.errors).toEqual([
      {
        refId: 'B',
        status: 400,
        message: `The correlator refused the query: Parameter 'limit' must be a whole number from 1 to 1000; got "5000".`,
      },
    ]);
  });

  it('says so when a multi-value selection would send too many requests', async () => {
    fakeTemplateSrv({ many: { current: Array.from({ length: 21 }, (_, i) => `h${i}`) } });
    const { ds, backend } = setup();
    const response = await ds.query(request([{ refId: 'A', queryType: 'signals', host: '$many' }]));
    expect(response.errors?.[0]?.message).toMatch(
      /make 21 combinations, one request each; select at most 20, or All\./
    );
    expect(backend.urls).toEqual([]);
  });

  it('skips hidden targets', async () => {
    const { ds, backend } = setup();
    const response = await ds.query(request([{ refId: 'A', queryType: 'incidents', hide: true }]));
    expect(response.data).toEqual([]);
    expect(backend.urls).toEqual([]);
  });
});

describe('interpolateVariablesInQueries', () => {
  it('replaces variables in the text fields only', () => {
    const ds = new DataSource(instanceSettings());
    const [query] = ds.interpolateVariablesInQueries(
      [{ refId: 'A', queryType: 'timeline', host: '$host', incidentId: '$incident', step: '1h', limit: 5 }],
      { incident: { text: 'x', value: 'inc_1' } }
    );
    expect(query).toEqual({
      refId: 'A',
      queryType: 'timeline',
      host: 'api-8',
      incidentId: 'inc_1',
      step: '1h',
      limit: 5,
    });
  });
});

describe('changes and the asset inventory', () => {
  it('lists changes with who and where, one kind when asked (a variable taken, a malformed kind ignored)', async () => {
    fakeTemplateSrv({ kind: { current: 'deploy' } });
    const { ds, sent } = setup();
    const response = await ds.query(
      request([
        { refId: 'A', queryType: 'changes', changeKind: '$kind', host: 'web-1' },
        { refId: 'B', queryType: 'changes', changeKind: 'Not A Kind' },
      ])
    );
    expect(sent()).toEqual([
      { path: '/api/v1/changes', params: { ...RANGE_PARAMS, host: 'web-1', kind: 'deploy', limit: '100' } },
      { path: '/api/v1/changes', params: { ...RANGE_PARAMS, limit: '100' } },
    ]);
    const [frame] = response.data;
    expect(values(frame, 'summary')).toEqual(['checkout 2.0.1']);
    expect(values(frame, 'actor')).toEqual(['ci-bot']);
    expect(values(frame, 'service')).toEqual(['checkout']);
    expect(values(frame, 'time')).toEqual([Date.parse('2026-04-23T09:25:00.000Z')]);
  });

  it('gives the inventory unmanaged first, with the verdict, its reason and first/last seen per side', async () => {
    const { ds } = setup();
    const response = await ds.query(request([{ refId: 'A', queryType: 'assets' }]));
    const [frame] = response.data;
    expect(values(frame, 'name')).toEqual(['web-1', 'zombie-3', 'c0ffeec0ffee', 'checkout', 'api-8', 'payments']);
    expect(values(frame, 'managed')).toEqual([false, false, false, false, true, true]);
    expect(values(frame, 'status')[1]).toBe('signals-only');
    expect(values(frame, 'reason')[1]).toMatch(/^Only security sees it/);
    expect(values(frame, 'findings')[0]).toBe(1);
    expect(values(frame, 'metrics_first')[1]).toBeNull();
    expect(values(frame, 'signals_last')[1]).toBe(Date.parse('2026-04-23T09:30:00.000Z'));
    expect(frame?.meta?.custom).toEqual({ total: 6, unmanaged: 4 });
  });

  it('keeps hostile text in a change as data', async () => {
    const hostile = answer('changes');
    const items = (hostile.body as { items: Array<Record<string, unknown>> }).items;
    items[0] = { ...items[0], summary: '<img src=x onerror=alert(1)>', actor: '"; DROP TABLE x; --' };
    const { ds } = setup({ ...lists, '/api/v1/changes': hostile });
    const response = await ds.query(request([{ refId: 'A', queryType: 'changes' }]));
    expect(values(response.data[0], 'summary')).toEqual(['<img src=x onerror=alert(1)>']);
    expect(values(response.data[0], 'actor')).toEqual(['"; DROP TABLE x; --']);
  });
});
