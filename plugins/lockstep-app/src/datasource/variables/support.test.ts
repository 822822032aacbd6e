import { dateTime, type DataQueryRequest } from '@grafana/data';
import { lastValueFrom } from 'rxjs';
import { answer, RANGE } from '../__fixtures__/answers';
import { apiPath, fakeBackend, paramsOf, serve } from '../__fixtures__/backend';
import { values } from '../__fixtures__/frames';
import { instanceSettings } from '../__fixtures__/settings';
import { fakeTemplateSrv } from '../__fixtures__/templates';
import { DataSource } from '../datasource';
import { toVariableQuery } from './entities';
import type { LockstepVariableSupport, VariableQuery } from './support';

const RANGE_PARAMS = { from: String(RANGE.from), to: String(RANGE.to) };

function setup() {
  fakeTemplateSrv({ host: { current: 'api-8' } });
  const backend = fakeBackend(serve({ '/api/v1/entities': answer('hosts') }));
  return {
    ds: new DataSource(instanceSettings()),
    sent: () => backend.urls.map((u) => ({ path: apiPath(u), params: paramsOf(u) })),
  };
}

function variableRequest(query: VariableQuery): DataQueryRequest<VariableQuery> {
  const range = { from: dateTime(RANGE.from), to: dateTime(RANGE.to), raw: { from: 'now-3h', to: 'now' } };
  return { targets: [query], range, scopedVars: {} } as unknown as DataQueryRequest<VariableQuery>;
}

describe('template variables', () => {
  it('list the hosts seen in the dashboard’s range as text/value pairs', async () => {
    const { ds, sent } = setup();
    const response = await lastValueFrom(
      (ds.variables as LockstepVariableSupport).query(variableRequest({ refId: 'V', kind: 'hosts' }))
    );
    expect(sent()).toEqual([{ path: '/api/v1/entities', params: { ...RANGE_PARAMS, kind: 'hosts' } }]);
    const [frame] = response.data;
    expect(values(frame, 'text')).toEqual(['api-8', 'web-1', 'zombie-3']);
    expect(values(frame, 'value')).toEqual(['api-8', 'web-1', 'zombie-3']);
  });

  it('chain: the containers of the selected host', async () => {
    const { ds, sent } = setup();
    await lastValueFrom(
      (ds.variables as LockstepVariableSupport).query(
        variableRequest({ refId: 'V', kind: 'containers', host: '$host' }) as never
      )
    );
    expect(sent()[0]?.params).toEqual({ ...RANGE_PARAMS, kind: 'containers', host: 'api-8' });
  });

  it('answer metricFindQuery too, with or without a range', async () => {
    const { ds, sent } = setup();
    expect(await ds.metricFindQuery({ kind: 'services' })).toEqual([
      { text: 'api-8', value: 'api-8' },
      { text: 'web-1', value: 'web-1' },
      { text: 'zombie-3', value: 'zombie-3' },
    ]);
    expect(sent()[0]).toEqual({ path: '/api/v1/entities', params: { kind: 'services' } });
  });

  it.each<[unknown, VariableQuery['kind']]>([
    ['containers', 'containers'],
    [' services ', 'services'],
    ['pods', 'hosts'],
    [{ kind: 'services', host: 'x' }, 'services'],
    [{ kind: 'nonsense' }, 'hosts'],
    [undefined, 'hosts'],
  ])('read a saved query %j as kind %s', (saved, kind) => {
    expect(toVariableQuery(saved).kind).toBe(kind);
  });
});
