import type { AnnotationQuery } from '@grafana/data';
import { FRAME } from '../common/frames';
import type { LockstepQuery } from '../common/query';
import { answer, RANGE } from './__fixtures__/answers';
import { apiPath, fakeBackend, paramsOf, serve } from './__fixtures__/backend';
import { values } from './__fixtures__/frames';
import { instanceSettings, request } from './__fixtures__/settings';
import { fakeTemplateSrv } from './__fixtures__/templates';
import { DataSource } from './datasource';

const RANGE_PARAMS = { from: String(RANGE.from), to: String(RANGE.to) };

/** What Grafana does with an annotation: prepare its query, run it through `query`, map the frame by field names. */
async function runAnnotation(target?: LockstepQuery) {
  fakeTemplateSrv({ host: { current: 'api-8' } });
  const backend = fakeBackend(
    serve({
      '/api/v1/signals': answer('signals'),
      '/api/v1/incidents': answer('incidents'),
      '/api/v1/changes': answer('changes'),
    })
  );
  const ds = new DataSource(instanceSettings());
  const annotation = { name: 'Lockstep', enable: true, iconColor: 'red', target } as AnnotationQuery<LockstepQuery>;
  const prepared = ds.annotations?.prepareQuery?.(annotation);
  const response = await ds.query(request([prepared as LockstepQuery]));
  return { prepared, response, sent: backend.urls.map((u) => ({ path: apiPath(u), params: paramsOf(u) })) };
}

describe('annotations', () => {
  it('default to security signals, as one frame Grafana turns into events', async () => {
    const { prepared, response, sent } = await runAnnotation();
    expect(prepared).toEqual({ refId: 'Anno', queryType: 'signals', minScore: 0.5, limit: 500, format: 'annotations' });
    expect(sent).toEqual([{ path: '/api/v1/signals', params: { ...RANGE_PARAMS, limit: '500' } }]);
    const [frame] = response.data;
    expect(frame?.name).toBe(FRAME.annotations);
    expect(frame?.fields.map((f: { name: string }) => f.name)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    expect(values(frame, 'title')).toEqual([
      'falco: Outbound Connection to C2 Servers',
      'auth: sshd: Failed password (14 times)',
    ]);
  });

  it('show incidents on the entity filters, correlated only by default', async () => {
    const { response, sent } = await runAnnotation({
      refId: 'Anno',
      queryType: 'incidents',
      host: '$host',
      source: 'falco',
    });
    expect(sent).toEqual([
      { path: '/api/v1/incidents', params: { ...RANGE_PARAMS, host: 'api-8', min_score: '0.5', limit: '500' } },
    ]);
    expect(values(response.data[0], 'title')).toEqual([
      'high incident: xmrig on api-8',
      'medium incident: gzip on web-1',
    ]);
  });

  it('show changes (deploys, packages, firewall edits) as points on any time-series panel', async () => {
    const { prepared, response, sent } = await runAnnotation({ refId: 'Anno', queryType: 'changes', host: '$host' });
    expect(prepared).toMatchObject({ queryType: 'changes', format: 'annotations' });
    expect(sent).toEqual([{ path: '/api/v1/changes', params: { ...RANGE_PARAMS, host: 'api-8', limit: '500' } }]);
    const [frame] = response.data;
    expect(frame?.name).toBe(FRAME.annotations);
    expect(values(frame, 'title')).toEqual(['deploy: checkout 2.0.1']);
    expect(values(frame, 'text')).toEqual(['deploy checkout 2.0.1 by ci-bot (checkout on web-1), from change']);
    expect(values(frame, 'tags')).toEqual([['lockstep', 'change', 'deploy', 'change', 'web-1', 'checkout']]);
    expect(values(frame, 'timeEnd')).toEqual([null]);
  });

  it('turn any other saved query type into signals', () => {
    const ds = new DataSource(instanceSettings());
    const prepared = ds.annotations?.prepareQuery?.({
      target: { refId: 'X', queryType: 'kpis' },
    } as AnnotationQuery<LockstepQuery>);
    expect(prepared).toMatchObject({ refId: 'X', queryType: 'signals', format: 'annotations' });
  });
});
